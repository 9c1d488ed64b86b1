"""Forms of the programme: they parse; services validate the business rules.

`problems` (submission, scores, selection, merge, attachments), `calls`, `investigations`
(start, phases, days, go/no-go), and what they share in `common`. Every form is importable
from `fabrique.investigations.forms`.
"""

from .calls import CallForm
from .common import TEXTAREA, on_grid_fields, territory_from_code
from .investigations import (
    DayForm,
    DecisionForm,
    GoNoGoCommitteeField,
    InvestigationForm,
    PhaseCloseForm,
    phase_form_class,
    staff_and_coaches,
)
from .problems import (
    AttachmentForm,
    MergeForm,
    OfferedCallField,
    ProblemForm,
    ReviewForm,
    SelectionForm,
)

__all__ = [
    "TEXTAREA", "AttachmentForm", "CallForm", "DayForm", "DecisionForm", "GoNoGoCommitteeField",
    "InvestigationForm", "MergeForm", "OfferedCallField", "PhaseCloseForm", "ProblemForm",
    "ReviewForm", "SelectionForm", "on_grid_fields", "phase_form_class", "staff_and_coaches",
    "territory_from_code",
]  # fmt: skip
