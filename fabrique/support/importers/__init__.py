"""Imports of the support offer: the list of suppliers and their contracts (CSV)."""

from .suppliers import import_suppliers

__all__ = ["import_suppliers"]
