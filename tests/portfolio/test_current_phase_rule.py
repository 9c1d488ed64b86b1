"""Issue 11, item 1: « current phase » is one rule (`rules.phase_recency`), the same in Python,
in the charts and in SQL (portfolio lists and the impact overview), whatever the tie."""

from datetime import date

import pytest

from fabrique.impact.selectors.overview.portfolio import followed_projects
from fabrique.portfolio import rules
from fabrique.portfolio.models import Project
from fabrique.portfolio.selectors import annotated_projects
from fabrique.portfolio.views import charts
from fabrique.portfolio.vocabulary import PhaseName

from .factories import PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def everywhere(project) -> set:
    phases = list(project.phases.values_list("name", "start", "end"))
    python = rules.current_phase([rules.PhaseSpan(*phase) for phase in phases])
    chart = charts.current_phase(phases)[0]
    sql = annotated_projects(detail=False).get(pk=project.pk).current_phase
    overview = followed_projects(Project.objects.filter(pk=project.pk)).phase[0]
    return {python, chart, sql, overview}


def test_the_phase_that_started_last_is_current_everywhere():
    project = ProjectFactory()
    PhaseFactory(project=project, name=PhaseName.INVESTIGATION, start=date(2025, 1, 1),
                 end=date(2025, 4, 1))  # fmt: skip
    PhaseFactory(project=project, name=PhaseName.CONSTRUCTION, start=date(2025, 4, 1))
    assert everywhere(project) == {PhaseName.CONSTRUCTION}


def test_on_the_same_day_the_later_phase_of_a_projects_life_wins_everywhere():
    """Typed in the wrong order (the later phase first, so with the smaller id), the tie is
    broken by the order of a project's life, not by the order of typing."""
    project = ProjectFactory()
    PhaseFactory(project=project, name=PhaseName.CONSTRUCTION, start=date(2025, 4, 1))
    PhaseFactory(project=project, name=PhaseName.INVESTIGATION, start=date(2025, 4, 1))
    assert everywhere(project) == {PhaseName.CONSTRUCTION}
