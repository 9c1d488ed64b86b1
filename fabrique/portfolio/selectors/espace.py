"""« Mon espace » blocks of the portfolio: what the team and project members have to do today.

Each provider runs a constant number of queries whatever the size of the portfolio (the team's
block reuses the dashboard's four grouped passes)."""

from django.core.cache import cache
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

TEAM_COUNTS_SECONDS = 120


def _team_counts() -> tuple[int, int, int, int]:
    """The dashboard's counts for the whole team, computed at most every two minutes: the
    same for every team member, and the dashboard's rules run on every project (a few dozen
    milliseconds at 2,000 projects, too much for every visit of « Mon espace » under load)."""
    key = f"portfolio:team-counts:{timezone.localdate().isoformat()}"
    counts = cache.get(key)
    if counts is None:
        board = dashboard(PortfolioFilters())
        pending = attestations_to_issue()
        late = len(pending["late"])
        counts = (len(board.overdue), len(board.committees_due), late + len(pending["due"]), late)
        cache.set(key, counts, TEAM_COUNTS_SECONDS)
    return counts


def team_block(user) -> Block | None:
    """The team: committees late or due, service fait to attest (what to do today)."""
    if not is_incubator_staff(user):
        return None
    overdue, due, attest, late_attestations = _team_counts()
    lines = [
        Line(
            "Comités en retard",
            reverse("portfolio:dashboard") + "#en-retard",
            overdue,
            level="error" if overdue else "",
            singular="Comité en retard",
        ),
        Line(
            f"Comités dus dans les {DUE_SOON_DAYS} jours",
            reverse("portfolio:dashboard") + "#comites-a-venir",
            due,
            level="warning" if due else "",
            singular=f"Comité dû dans les {DUE_SOON_DAYS} jours",
        ),
        Line(
            "Services faits à attester",
            reverse("portfolio:attestations"),
            attest,
            detail=f"dont {late_attestations} en retard" if late_attestations else "",
            level="warning" if late_attestations else "",
            singular="Service fait à attester",
        ),
    ]
    return Block(
        "Le portefeuille aujourd'hui",
        lines,
        links=[
            ("Tableau de bord", reverse("portfolio:dashboard")),
            ("Comités", reverse("portfolio:committees")),
        ],
    )


RECENT_DECISIONS = 5


def recent_decisions_block(user) -> Block | None:
    """The team, for the record: the latest decision of the projects decided last, one line
    per project (a project heard by two committees appears once, with the latest)."""
    if not is_incubator_staff(user):
        return None
    decisions = (
        Decision.objects.select_related("committee", "project")
        .only("outcome", "committee__date", "committee__id", "project__name", "project__slug")
        .order_by("-committee__date", "-pk")[: RECENT_DECISIONS * 4]
    )
    latest = {}
    for decision in decisions:
        latest.setdefault(decision.project_id, decision)
    lines = [
        Line(
            f"{decision.project.name} : {decision.get_outcome_display()}",
            decision.committee.get_absolute_url() + "#decisions",
            detail=f"comité du {decision.committee.date:%d/%m/%Y}",
        )
        for decision in list(latest.values())[:RECENT_DECISIONS]
    ]
    if not lines:
        return None
    return Block(
        "Dernières décisions des comités",
        lines,
        intro="Pour mémoire : la plus récente de chaque projet.",
        links=[("Tous les comités", reverse("portfolio:committees"))],
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
