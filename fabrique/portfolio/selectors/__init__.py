"""Reads on the portfolio: one annotated query gives every figure of a list of projects.

Each list page runs a fixed number of queries whatever the number of projects: figures come
from correlated subqueries, and what depends on today's date is derived in Python
(`ProjectSummary`).

One module per kind of read (`projects`, `lists`, `board` for the dashboard, `committees`,
`team`); everything is importable from `fabrique.portfolio.selectors`.
"""

from .board import DASHBOARD_VALUES, Dashboard, DashboardProject, dashboard
from .committees import (
    COMMITTEE_DEFAULT_SORT,
    COMMITTEE_SORTS,
    committees_list,
    project_committees,
)
from .lists import (
    PUBLIC_SORTS,
    SORTS,
    PortfolioFilters,
    filter_projects,
    portfolio,
    portfolio_queryset,
)
from .projects import (
    MONEY_FIELD,
    ProjectSummary,
    annotated_projects,
    current_phase_subquery,
    detailed,
    phases_by_project,
    project_dependents,
    project_reviews,
    project_summary,
    summarize,
)
from .team import ATTESTATION_DEFAULT_SORT, ATTESTATION_SORTS, attestations_to_issue, project_team

__all__ = [
    "ATTESTATION_DEFAULT_SORT",
    "ATTESTATION_SORTS",
    "COMMITTEE_DEFAULT_SORT",
    "COMMITTEE_SORTS",
    "DASHBOARD_VALUES",

    "MONEY_FIELD",
    "PUBLIC_SORTS",
    "SORTS",
    "Dashboard",
    "DashboardProject",
    "PortfolioFilters",
    "ProjectSummary",
    "annotated_projects",
    "attestations_to_issue",

    "committees_list",
    "current_phase_subquery",
    "dashboard",
    "detailed",
    "filter_projects",
    "phases_by_project",
    "portfolio",
    "portfolio_queryset",
    "project_committees",

    "project_dependents",
    "project_reviews",
    "project_summary",
    "project_team",
    "summarize",
]  # fmt: skip
