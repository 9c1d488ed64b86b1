"""Investigations: team and coach views, page, phases, days ledger, go/no-go, public page.

`pages`: the lists and the investigation's own pages; `phases`; `days` (the days ledger);
`go_no_go` (the decision); `files` (PDF, startup file); `public` (public list, page, open
data). Every view is importable from `fabrique.investigations.views.investigations`.
"""

from .days import day_add, day_delete, day_edit
from .files import investigation_pdf, startup_file
from .go_no_go import decision, decision_cancel, decision_edit
from .pages import (
    PAGE_SIZE,
    investigation_delete,
    investigation_detail,
    investigation_edit,
    investigation_list,
    investigation_start,
    my_investigations,
)
from .phases import phase_close, phase_edit, phase_reopen
from .public import open_data, public_list, public_page

__all__ = [
    "PAGE_SIZE", "day_add", "day_delete", "day_edit", "decision", "decision_cancel",
    "decision_edit", "investigation_delete", "investigation_detail", "investigation_edit",
    "investigation_list", "investigation_pdf", "investigation_start", "my_investigations",
    "open_data", "phase_close", "phase_edit", "phase_reopen", "public_list", "public_page",
    "startup_file",
]  # fmt: skip
