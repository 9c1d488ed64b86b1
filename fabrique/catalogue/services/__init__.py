"""Writes on the catalogue: keyword-only functions, each one transaction, that build their
instances from field values and validate before they write.

Validation errors are `ValidationError`s with a dict of French messages keyed by field, so that a
form shows each one next to its field. The folded search columns are filled here (and by the
imports, through the same helpers), never typed. One module per kind of entry; everything is
importable from `fabrique.catalogue.services`.
"""

from fabrique.core.text import SEARCH_TEXT_MAX, folded_words

from .common import RESERVED_SLUGS, unique_slug, unknown_values
from .operators import operator_delete, operator_save
from .schemes import (
    SCHEME_FIELDS,
    closed_as_open_error,
    scheme_delete,
    scheme_save,
    scheme_search_text,
)
from .solutions import (
    SOLUTION_FIELDS,
    prepare_search,
    recount_users,
    solution_delete,
    solution_save,
    solution_search_text,
    solution_use_add,
    solution_use_remove,
    store_words,
    validate_licence,
)
from .suggestions import (
    ACCEPT,
    REFUSE,
    suggestion_accept,
    suggestion_moderate,
    suggestion_refuse,
    suggestion_submit,
    suggestion_withdraw,
)

__all__ = [
    "ACCEPT", "REFUSE", "RESERVED_SLUGS", "SCHEME_FIELDS", "SEARCH_TEXT_MAX", "SOLUTION_FIELDS",
    "closed_as_open_error", "folded_words", "operator_delete", "operator_save",
    "prepare_search", "recount_users", "scheme_delete", "scheme_save", "scheme_search_text",
    "solution_delete", "solution_save", "solution_search_text", "solution_use_add",
    "solution_use_remove", "store_words", "suggestion_accept", "suggestion_moderate",
    "suggestion_refuse", "suggestion_submit", "suggestion_withdraw", "unique_slug",
    "unknown_values",
    "validate_licence",
]  # fmt: skip
