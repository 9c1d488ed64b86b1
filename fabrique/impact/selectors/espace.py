"""« Mon espace » block of impact: indicators of the user's projects that need a value."""

from django.urls import reverse
from django.utils import timezone

from fabrique.core.espace import Block, Line

from ..models import Indicator
from ..vocabulary import Status
from .indicators import indicator_states

TO_UPDATE = {Status.STALE, Status.PENDING}


def indicators_block(user) -> Block | None:
    """Members of a project (coach, service team): indicators to fill in, per project."""
    if not (user and user.is_authenticated):
        return None
    indicators = Indicator.objects.filter(project__team__user=user).select_related("project")
    states = indicator_states(indicators.distinct().order_by("project__name", "name")[:200])
    if not states:
        return None
    due: dict = {}
    for state in states:
        project = state.indicator.project
        due.setdefault(project, 0)
        if state.evaluation.status in TO_UPDATE:
            due[project] += 1
    lines = [
        Line(
            f"Indicateurs sans nouvelles ou à renseigner — {project.name}",
            reverse("impact:indicators", args=[project.slug]),
            count,
            level="warning" if count else "success",
            singular=f"Indicateur sans nouvelles ou à renseigner — {project.name}",
        )
        for project, count in due.items()
    ]
    return Block("Mesure d'impact", lines, intro=f"Au {timezone.localdate():%d/%m/%Y}.")
