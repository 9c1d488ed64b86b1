"""« Mon espace » block of impact: indicators of the user's projects that need a value."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from fabrique.core.espace import Block, Line
from fabrique.portfolio.rules import committee_to_prepare
from fabrique.portfolio.selectors import annotated_projects, summarize

from .. import rules
from ..models import Indicator
from ..vocabulary import Status
from .indicators import indicator_states

TO_UPDATE = {Status.STALE, Status.PENDING}


def indicators_block(user) -> Block | None:
    """Members of a project (coach, service team): indicators to fill in, per project.

    An indicator is to update when it has no value or no news (`TO_UPDATE`), or when the
    project's next committee needs a value it lacks: the rule of the project page
    (`rules.update_due_for_committee`), so that both pages count the same indicators.
    Only the projects with something to fill in are listed; when every indicator is up to date
    the block is absent, like the other blocks (no line « 0 Indicateurs… »)."""
    if not (user and user.is_authenticated):
        return None
    today = timezone.localdate()
    indicators = Indicator.objects.filter(project__team__user=user).select_related("project")
    states = indicator_states(indicators.distinct().order_by("project__name", "name")[:200], today)
    if not states:
        return None
    projects = annotated_projects(today, detail=False).filter(
        pk__in={state.indicator.project_id for state in states}
    )
    committees = {
        summary.project.pk: committee_to_prepare(
            summary.project.next_planned_committee, summary.next_committee_due
        )
        for summary in summarize(projects, today)
    }
    due: dict = {}
    for state in states:
        indicator = state.indicator
        committee = committees.get(indicator.project_id)
        if state.evaluation.status in TO_UPDATE or (
            not indicator.computed
            and rules.update_due_for_committee(
                state.latest_period, indicator.frequency, committee, today
            )
        ):
            due[indicator.project] = due.get(indicator.project, 0) + 1
    if not due:
        return None
    lines = []
    for project, count in due.items():
        committee = committees.get(project.pk)
        detail = ""
        if committee and committee < today:
            detail = f"comité dû depuis le {committee:%d/%m/%Y}"
        elif committee and committee <= today + timedelta(days=rules.COMMITTEE_HORIZON_DAYS):
            detail = f"avant le comité du {committee:%d/%m/%Y}"
        lines.append(
            Line(
                f"Indicateurs à mettre à jour — {project.name}",
                reverse("impact:indicators", args=[project.slug]),
                count,
                detail=detail,
                level="warning",
                singular=f"Indicateur à mettre à jour — {project.name}",
            )
        )
    return Block(
        "Mesure d'impact", lines, links=[("Voir la mesure d'impact", reverse("impact:portfolio"))]
    )
