"""Writes of the investigation programme: keyword-only, one transaction, validate first.

Errors are `ValidationError`s with a dict of French messages keyed by field.
"""

from .calls import (
    call_delete,
    call_save,
    review_delete,
    review_record,
    selection_cancel,
    selection_decide,
)
from .investigations import (
    day_add,
    day_delete,
    day_save,
    decision_cancel,
    decision_record,
    decision_update,
    investigation_delete,
    investigation_start,
    investigation_update,
    phase_close,
    phase_reopen,
    phase_update,
)
from .problems import (
    attachment_add,
    attachment_delete,
    attachments_check,
    mergeable_sources,
    problem_delete,
    problem_merge_undo,
    problem_submit,
    problem_update,
    problems_merge,
)

__all__ = [
    "attachment_add",
    "attachment_delete",
    "attachments_check",
    "call_delete",
    "call_save",
    "day_add",
    "day_delete",
    "day_save",
    "decision_cancel",
    "decision_record",
    "decision_update",
    "investigation_delete",
    "investigation_start",
    "investigation_update",
    "mergeable_sources",
    "phase_close",
    "phase_reopen",
    "phase_update",
    "problem_delete",
    "problem_merge_undo",
    "problem_submit",
    "problem_update",
    "problems_merge",
    "review_delete",
    "review_record",
    "selection_cancel",
    "selection_decide",
]
