"""The portfolio's go/no-go committees an investigation's decision (or its planning) may name."""

from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from fabrique.portfolio.models import Committee, Decision, Project
from fabrique.portfolio.vocabulary import CommitteeKind

from ..models import Investigation
from ..rules import GO_NO_GO_RECENT_DAYS


def _unnamed() -> Q:
    """A committee without a title of its own (none, or the one a decision gave it)."""
    return Q(title="") | Q(title__startswith=CommitteeKind.GO_NO_GO.label)


def go_no_go_committees(
    investigation: Investigation | None, today: date, *, held: bool = False
) -> QuerySet[Committee]:
    """Go/no-go committees worth offering: those to come or held in the last
    `GO_NO_GO_RECENT_DAYS` days, soonest first; `held`: only those held by today (a decision
    is recorded once its committee sat). A committee that already decided on another
    project is left out unless the team named it (a title of its own: a committee shared on
    purpose by several investigations); the one the investigation is planned for or decided in
    always stays. Projects on its agenda and investigations planned there come with it."""
    since = today - timedelta(days=GO_NO_GO_RECENT_DAYS)
    own = investigation.committee_id if investigation is not None else None
    project = investigation.project_id if investigation is not None else None
    decided_elsewhere = Decision.objects.exclude(project_id=project).values("committee_id")
    offered = Q(date__gte=since) & ~(Q(pk__in=decided_elsewhere) & _unnamed())
    if held:
        offered &= Q(date__lte=today)
    return (
        Committee.objects.filter(kind=CommitteeKind.GO_NO_GO)
        .filter(Q(pk=own) | offered if own else offered)
        .order_by("date", "pk")
        .prefetch_related(
            Prefetch("projects", queryset=Project.objects.only("name").order_by("name")),
            Prefetch(
                "investigations",
                queryset=Investigation.objects.select_related("problem")
                .only("committee_id", "problem__title")
                .order_by("pk"),
            ),
        )
    )


AGENDA_SHOWN = 3


def committee_label(committee: Committee) -> str:
    """« 10/12/2026 — Comité régional — à l'ordre du jour : Projet A, Problème B » : the date,
    its title when it has one, and what it decides on (projects, investigations planned)."""
    label = f"{committee.date:%d/%m/%Y}"
    if committee.title and not committee.title.startswith(CommitteeKind.GO_NO_GO.label):
        label += f" — {committee.title}"
    agenda = [project.name for project in committee.projects.all()]
    for investigation in committee.investigations.all():
        title = f"investigation « {investigation.problem.title} »"
        if title not in agenda:
            agenda.append(title)
    if agenda:
        shown = ", ".join(agenda[:AGENDA_SHOWN])
        more = len(agenda) - AGENDA_SHOWN
        label += f" — à l'ordre du jour : {shown}" + (f" (et {more} autres)" if more > 0 else "")
    else:
        label += " — ordre du jour vide"
    return label
