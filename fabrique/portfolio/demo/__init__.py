"""The demo portfolio loaded by `load_demo`: 28 invented projects of an incubator for collectivités.

Everything is written through the services where one exists (they validate), dates are relative
to `today` so that the dashboard always has something to show (committees due soon or overdue,
budgets running out, a post-mortem to write, services faits to attest), and the content is
deterministic: each project draws from its own `random.Random` seeded with its slug.

Idempotent and never destructive: a project whose slug already exists is left exactly as it is
(nothing of it is updated or deleted), organisations and thematics are looked up before being
created, and committees are shared between projects by (date, kind, title).

The fixed data is in `data`, the projects in `projects`, what happens to
each project in `plan`, the writing of one project in `loader`; this module loads them all.
Everything is importable from `fabrique.portfolio.demo`.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from fabrique.accounts.models import User

from ..models import (
    Committee,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    Project,
    ProjectPartner,
    ServiceFait,
    TeamMember,
)
from .data import (
    ACCEL,
    ADMIN_EMAIL,
    ADMIN_MANAGED,
    ATTENDEES,
    BUILD,
    COACH_EMAIL,
    CONDITIONS,
    CONSOL,
    FIRST_NAMES,
    IMPORTED_FUNDING,
    INCUBATOR,
    INV,
    LAST_NAMES,
    MANAGER_EMAIL,
    MONTHS,
    ORGANISATIONS,
    OWNER_EMAIL,
    REVIEW_COMMENTS,
    SEED,
    THEMATICS,
    DemoProject,
    P,
)
from .loader import Context, create_project, demo_organisation, demo_thematic
from .plan import (
    BURN_FACTOR,
    LAUNCH_WEIGHT,
    MONTHLY_DETAIL,
    Calendar,
    Event,
    Timeline,
    build_expenses,
    build_timeline,
    month_start,
    plan_funding,
)
from .projects import PROJECTS

__all__ = [
    "ACCEL", "ADMIN_EMAIL", "ADMIN_MANAGED", "ATTENDEES", "BUILD", "BURN_FACTOR", "COACH_EMAIL",
    "CONDITIONS", "CONSOL", "FIRST_NAMES", "IMPORTED_FUNDING", "INCUBATOR", "INV", "LAST_NAMES",
    "LAUNCH_WEIGHT", "MANAGER_EMAIL", "MONTHLY_DETAIL", "MONTHS", "ORGANISATIONS", "OWNER_EMAIL",
    "PROJECTS", "REVIEW_COMMENTS", "SEED", "SLUGS", "THEMATICS", "Calendar", "Context",
    "DemoProject", "Event", "P", "Timeline", "build_expenses", "build_timeline",
    "create_project", "demo_counts", "load_demo_portfolio", "month_start",
    "plan_funding",
]  # fmt: skip

SLUGS = tuple(spec.slug for spec in PROJECTS)


# --- Loading ------------------------------------------------------------------------------


def demo_counts() -> dict[str, int]:
    """What the demo projects hold in the database (user-made additions to them included)."""
    projects = Project.objects.filter(slug__in=SLUGS)
    return {
        "projects": projects.count(),
        "phases": Phase.objects.filter(project__in=projects).count(),
        "partners": ProjectPartner.objects.filter(project__in=projects).count(),
        "committees": Committee.objects.filter(projects__in=projects).distinct().count(),
        "decisions": Decision.objects.filter(project__in=projects).count(),
        "funding_lines": FundingLine.objects.filter(project__in=projects).count(),
        "expenses": Expense.objects.filter(project__in=projects).count(),
        "team_members": TeamMember.objects.filter(project__in=projects).count(),
        "attestations": ServiceFait.objects.filter(member__project__in=projects).count(),
        "maturity_reviews": MaturityReview.objects.filter(project__in=projects).count(),
    }


def load_demo_portfolio(today: date | None = None) -> dict[str, int]:
    """Create the demo projects that do not exist yet; return the counts and how many were
    created (`created`) or already there (`existing`)."""
    today = today or timezone.localdate()
    emails = (MANAGER_EMAIL, ADMIN_EMAIL, COACH_EMAIL, OWNER_EMAIL)
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    existing = set(Project.objects.filter(slug__in=SLUGS).values_list("slug", flat=True))
    missing = [spec for spec in PROJECTS if spec.slug not in existing]
    created = 0
    if missing:
        with transaction.atomic():
            context = Context(
                today=today,
                calendar=Calendar(today),
                users=users,
                organisations={
                    key: demo_organisation(name, acronym)
                    for key, (name, acronym) in ORGANISATIONS.items()
                },
                thematics={slug: demo_thematic(slug, name) for slug, name in THEMATICS.items()},
            )
        for spec in missing:
            create_project(spec, context)
            created += 1
    return {**demo_counts(), "created": created, "existing": len(existing)}
