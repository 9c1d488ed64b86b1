"""Problems: submission with « déjà vu ailleurs », page, scoring, selection, merge and undo.

`pages`: list, page, edit, delete; `submission` (with « déjà vu ailleurs »); `scoring` (scores
and selection); `merge` (and its undo); `attachments`. Every view is importable from
`fabrique.investigations.views.problems`.
"""

from .attachments import attachment_add, attachment_delete, attachment_download
from .merge import problem_merge, problem_merge_undo
from .pages import PAGE_SIZE, problem_delete, problem_detail, problem_edit, problem_list
from .scoring import problem_review, problem_select, problem_select_cancel, review_delete
from .submission import PENDING_FIELD, problem_create

__all__ = [
    "PAGE_SIZE", "PENDING_FIELD", "attachment_add", "attachment_delete", "attachment_download",
    "problem_create", "problem_delete", "problem_detail", "problem_edit", "problem_list",
    "problem_merge", "problem_merge_undo", "problem_review", "problem_select",
    "problem_select_cancel", "review_delete",
]  # fmt: skip
