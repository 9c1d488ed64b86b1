"""Writes on impact measurement: each function is one transaction and validates before it writes.

Validation errors are `ValidationError`s with French messages keyed by field, so that a form
shows each next to its field; the measurement checks (`rules.checks.check_rows`) say which line or
item and which column is wrong, and nothing is written while any row is wrong.

One module per kind of object; everything is importable from `fabrique.impact.services`.
"""

from .deployment import (
    deployment_add,
    deployment_remove,
    deployment_save,
    deployment_target_save,
    deployments_add,
    deployments_add_many,
    penetration_refresh,
)
from .imports import IMPORT_TTL, MAX_IMPORT_BYTES, import_confirm, import_prepare, pending_rows
from .indicators import indicator_delete, indicator_save, north_star_set, starter_set_add
from .measurements import (
    BATCH,
    UpsertReport,
    measurement_correct,
    measurement_delete,
    measurement_record,
    measurements_upsert,
    refresh_latest,
)
from .tokens import TOKEN_PREFIX, token_create, token_hash, token_revoke, token_touch

__all__ = [
    "BATCH", "IMPORT_TTL", "MAX_IMPORT_BYTES", "TOKEN_PREFIX", "UpsertReport", "deployment_add",
    "deployment_remove", "deployment_save", "deployment_target_save", "deployments_add",
    "deployments_add_many",
    "import_confirm", "import_prepare", "indicator_delete", "indicator_save",
    "measurement_correct", "measurement_delete", "measurement_record", "measurements_upsert",
    "north_star_set", "pending_rows",
    "penetration_refresh", "refresh_latest", "starter_set_add", "token_create", "token_hash",
    "token_revoke", "token_touch",
]  # fmt: skip
