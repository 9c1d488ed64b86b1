"""« Mon espace » blocks of the portfolio: what the team and project members have to do today.

Each provider runs a constant number of queries whatever the size of the portfolio (the team's
block reuses the dashboard's four grouped passes)."""

from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.core.espace import Block, Line

from ..models import Decision
from ..vocabulary import DUE_SOON_DAYS
from .board import dashboard
from .lists import PortfolioFilters
from .projects import annotated_projects, summarize
from .team import attestations_to_issue


def team_block(user) -> Block | None:
    """The team: committees late or due, service fait to attest, the last decisions."""
    if not is_incubator_staff(user):
        return None
    board = dashboard(PortfolioFilters())
    pending = attestations_to_issue()
    late_attestations = len(pending["late"])
    lines = [
        Line(
            "Comités en retard",
            reverse("portfolio:dashboard") + "#en-retard",
            len(board.overdue),
            level="error" if board.overdue else "",
        ),
        Line(
            f"Comités dus dans les {DUE_SOON_DAYS} jours",
            reverse("portfolio:dashboard") + "#comites-a-venir",
            len(board.committees_due),
            level="warning" if board.committees_due else "",
        ),
        Line(
            "Services faits à attester",
            reverse("portfolio:attestations"),
            late_attestations + len(pending["due"]),
            detail=f"dont {late_attestations} en retard" if late_attestations else "",
            level="warning" if late_attestations else "",
        ),
    ]
    decisions = (
        Decision.objects.select_related("committee", "project")
        .only("outcome", "committee__date", "committee__id", "project__name")
        .order_by("-committee__date", "-pk")[:5]
    )
    for decision in decisions:
        lines.append(
            Line(
                f"Décision « {decision.get_outcome_display()} » pour {decision.project.name}",
                decision.committee.get_absolute_url(),
                detail=f"comité du {decision.committee.date:%d/%m/%Y}",
            )
        )
    return Block(
        "Le portefeuille aujourd'hui",
        lines,
        links=[
            ("Tableau de bord", reverse("portfolio:dashboard")),
            ("Comités", reverse("portfolio:committees")),
        ],
    )


def my_projects_block(user) -> Block | None:
    """Coaches and service teams: their projects, with the next committee due."""
    if not (user and user.is_authenticated) or is_incubator_staff(user):
        return None
    today = timezone.localdate()
    projects = annotated_projects(today, detail=False).filter(team__user=user).distinct()
    rows = summarize(projects.order_by("name")[:20], today)
    if not rows:
        return None
    lines = []
    for row in rows:
        due = row.next_committee_due
        planned = row.next_planned_committee
        detail = f"prochain comité prévu le {planned:%d/%m/%Y}" if planned else ""
        if due and not planned:
            detail = f"prochain comité dû le {due:%d/%m/%Y}"
        lines.append(
            Line(
                row.name,
                row.get_absolute_url(),
                detail=detail,
                level="error" if row.committee_overdue else "",
            )
        )
    return Block("Mes projets", lines)
