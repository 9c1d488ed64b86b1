"""« Mon espace » block of impact: indicators of the user's projects that need a value, an
explanation (off track) or a target."""

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
# What the block asks of a project's members: (label, label for one, what to do, badge level).
ACTIONS = {
    "update": ("Indicateurs à mettre à jour", "Indicateur à mettre à jour", "", "warning"),
    "off_track": (
        "Indicateurs hors trajectoire", "Indicateur hors trajectoire",
        "expliquez l'écart ou revoyez la cible", "error",
    ),
    "no_target": (
        "Indicateurs sans cible", "Indicateur sans cible", "fixez une cible et sa date", "info",
    ),
}  # fmt: skip


def indicators_block(user) -> Block | None:
    """Members of a project (coach, service team): indicators to fill in, per project.

    An indicator is to update when it has no value or no news (`TO_UPDATE`), or when the
    project's next committee needs a value it lacks: the rule of the project page
    (`rules.update_due_for_committee`), so that both pages count the same indicators.
    An indicator off track (« Hors trajectoire ») asks to explain the gap, one without target
    (« Cible à définir ») to set it: the statuses of the indicators page.
    Only the projects with something to do are listed; when there is nothing, the block is
    absent, like the other blocks (no line « 0 Indicateurs… »)."""
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
            summary.project.next_planned_committee, summary.next_committee_due, today=today
        )
        for summary in summarize(projects, today)
    }
    # Per project, what to do: values to enter, trajectories to explain, targets to set.
    todo: dict = {}
    for state in states:
        indicator = state.indicator
        committee = committees.get(indicator.project_id)
        counts = todo.setdefault(indicator.project, dict.fromkeys(ACTIONS, 0))
        status = state.evaluation.status
        if status in TO_UPDATE or (
            not indicator.computed
            and rules.update_due_for_committee(
                state.latest_period, indicator.frequency, committee, today
            )
        ):
            counts["update"] += 1
        if status == Status.OFF_TRACK:
            counts["off_track"] += 1
        elif status == Status.NO_TARGET:
            counts["no_target"] += 1
    lines = []
    for project, counts in todo.items():
        committee = committees.get(project.pk)
        when = ""
        if committee and committee < today:
            when = f"comité dû depuis le {committee:%d/%m/%Y}"
        elif committee and committee <= today + timedelta(days=rules.COMMITTEE_HORIZON_DAYS):
            when = f"avant le comité du {committee:%d/%m/%Y}"
        url = reverse("impact:indicators", args=[project.slug])
        for action, (label, singular, detail, level) in ACTIONS.items():
            if counts[action]:
                lines.append(
                    Line(
                        f"{label} — {project.name}", url, counts[action],
                        detail=", ".join(part for part in (detail, when) if part),
                        level=level, singular=f"{singular} — {project.name}",
                    )
                )  # fmt: skip
    if not lines:
        return None
    return Block(
        "Mesure d'impact", lines, links=[("Voir la mesure d'impact", reverse("impact:portfolio"))]
    )
