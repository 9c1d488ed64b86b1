"""Submitting, changing, merging problems.

`submission`: submit, change, delete; `attachments`; `merge` (and its undo). Every service is
importable from `fabrique.investigations.services.problems`.
"""

from .attachments import ATTACHMENT_KINDS, attachment_add, attachment_delete, attachments_check
from .merge import merge_undo_problem, mergeable_sources, problem_merge_undo, problems_merge
from .submission import (
    PROBLEM_KIND,
    TEXT_FIELDS,
    eligibility_errors,
    problem_delete,
    problem_submit,
    problem_update,
)

__all__ = [
    "ATTACHMENT_KINDS", "PROBLEM_KIND", "TEXT_FIELDS", "attachment_add", "attachment_delete",
    "attachments_check", "eligibility_errors", "merge_undo_problem", "mergeable_sources",
    "problem_delete", "problem_merge_undo", "problem_submit", "problem_update",
    "problems_merge",
]  # fmt: skip
