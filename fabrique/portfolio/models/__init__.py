"""Projects of the incubator and everything a portfolio manager follows about them.

Derived facts (current phase, remaining budget, next committee due, post-mortem to write)
are computed by `selectors.py` and `rules.py`, never stored.

One module per subject: `projects` (the project, its organisations, partners and phases),
`team` (members, service fait), `committees` (committees, documents, decisions), `budget`
(funding lines, expenses), `maturity` (maturity reviews). Every model is importable from
`fabrique.portfolio.models`.
"""

from .budget import Expense, FundingLine
from .committees import MONEY, Committee, CommitteeDocument, Decision
from .maturity import SCORE, MaturityReview
from .projects import (
    PROJECT_ID_PATTERN,
    Organisation,
    Phase,
    Project,
    ProjectPartner,
    ProjectQuerySet,
    Thematic,
    validate_project_id,
)
from .team import ServiceFait, TeamMember

__all__ = [
    "MONEY", "PROJECT_ID_PATTERN", "SCORE", "Committee", "CommitteeDocument", "Decision",
    "Expense", "FundingLine", "MaturityReview", "Organisation", "Phase", "Project",
    "ProjectPartner", "ProjectQuerySet", "ServiceFait", "TeamMember", "Thematic",
    "validate_project_id",
]  # fmt: skip
