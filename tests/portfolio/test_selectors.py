"""The dashboard selector: rules on plain rows, same answers as the model."""

from datetime import date

import pytest

from fabrique.portfolio import selectors
from fabrique.portfolio.vocabulary import PhaseName

from .factories import PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("learnings", "reasons", "missing"),
    [
        ("", "", True),
        ("  \n\t", "Pas d'usage.", True),  # blank text is no post-mortem, as in has_postmortem
        ("Les mairies avaient un outil.", "Pas d'usage.", False),
    ],
)
def test_an_abandon_without_a_written_postmortem_is_listed(learnings, reasons, missing):
    project = ProjectFactory(postmortem_learnings=learnings, postmortem_reasons=reasons)
    PhaseFactory(project=project, name=PhaseName.CONSTRUCTION, start=date(2025, 1, 1))
    PhaseFactory(project=project, name=PhaseName.ABANDONED, start=date(2025, 9, 1))
    board = selectors.dashboard(selectors.PortfolioFilters(), TODAY)
    assert project.has_postmortem is not missing
    assert [row.pk for row in board.postmortems_missing] == ([project.pk] if missing else [])
    assert board.rows[0].current_phase == PhaseName.ABANDONED
    assert board.rows[0].get_absolute_url() == f"/projets/{project.slug}/"


def test_the_current_phase_is_the_last_started_then_the_last_created():
    project = ProjectFactory()
    PhaseFactory(project=project, name=PhaseName.INVESTIGATION, start=date(2025, 1, 1))
    PhaseFactory(project=project, name=PhaseName.CONSTRUCTION, start=date(2025, 5, 1))
    PhaseFactory(project=project, name=PhaseName.ACCELERATION, start=date(2025, 5, 1))
    board = selectors.dashboard(selectors.PortfolioFilters(), TODAY)
    (row,) = board.rows
    assert (row.current_phase, row.first_start) == (PhaseName.ACCELERATION, date(2025, 1, 1))
    assert row.current_phase == selectors.project_summary(project, TODAY).current_phase


def test_sorting_by_phase_follows_the_life_of_a_project():
    for name, phase in [("A", PhaseName.TRANSFERRED), ("B", PhaseName.CONSTRUCTION),
                        ("C", PhaseName.INVESTIGATION), ("D", PhaseName.ACCELERATION)]:  # fmt: skip
        PhaseFactory(project=ProjectFactory(name=name), name=phase, start=date(2025, 1, 1))
    ProjectFactory(name="E")  # no phase: last either way
    ascending = selectors.portfolio(selectors.PortfolioFilters(sort="phase"), TODAY)
    assert [row.name for row in ascending] == ["C", "B", "D", "A", "E"]
    descending = selectors.portfolio(
        selectors.PortfolioFilters(sort="phase", descending=True), TODAY
    )
    assert [row.name for row in descending] == ["A", "D", "B", "C", "E"]
