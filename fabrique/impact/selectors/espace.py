"""« Mon espace » block of impact: indicators of the user's projects that need a value."""

from django.urls import reverse

from fabrique.core.espace import Block, Line

from ..models import Indicator
from ..vocabulary import Status
from .indicators import indicator_states

TO_UPDATE = {Status.STALE, Status.PENDING}


def indicators_block(user) -> Block | None:
    """Members of a project (coach, service team): indicators to fill in, per project.

    Only the projects with something to fill in are listed; when every indicator is up to date
    the block is absent, like the other blocks (no line « 0 Indicateurs… »)."""
    if not (user and user.is_authenticated):
        return None
    indicators = Indicator.objects.filter(project__team__user=user).select_related("project")
    states = indicator_states(indicators.distinct().order_by("project__name", "name")[:200])
    if not states:
        return None
    due: dict = {}
    for state in states:
        if state.evaluation.status in TO_UPDATE:
            project = state.indicator.project
            due[project] = due.get(project, 0) + 1
    if not due:
        return None
    lines = [
        Line(
            f"Indicateurs sans nouvelles ou à renseigner — {project.name}",
            reverse("impact:indicators", args=[project.slug]),
            count,
            level="warning",
            singular=f"Indicateur sans nouvelles ou à renseigner — {project.name}",
        )
        for project, count in due.items()
    ]
    return Block(
        "Mesure d'impact", lines, links=[("Voir la mesure d'impact", reverse("impact:portfolio"))]
    )
