"""Writes of recruitment: keyword-only, atomic, validating before writing."""

from .applications import (
    application_delete,
    application_move,
    application_submit,
    offer_fill,
    purge_applications,
    review_delete,
    review_save,
)
from .offers import offer_create, offer_delete, offer_update

__all__ = [
    "application_delete", "application_move", "application_submit", "offer_create",
    "offer_delete", "offer_fill", "offer_update", "purge_applications", "review_delete",
    "review_save",
]  # fmt: skip
