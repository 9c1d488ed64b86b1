"""Imports of the support offer: the list of suppliers and their contracts (CSV)."""

from .suppliers import SupplierImportReport, import_suppliers

__all__ = ["SupplierImportReport", "import_suppliers"]
