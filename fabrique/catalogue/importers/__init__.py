"""Imports of the catalogue: the SILL, the Suite territoriale (services and operators), and the
Aides-territoires export. See `common.py` for what they share."""

from .common import CatalogueImportError

__all__ = ["CatalogueImportError"]
