"""The dashboard selector: rules on plain rows, same answers as the model."""

import threading
from datetime import date

import pytest

from fabrique.portfolio import selectors
from fabrique.portfolio.selectors.projects import annotated_projects
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


def test_the_annotated_query_is_built_once_per_thread_and_never_shared():
    """Compiling a copy completes the joins of subqueries it shares with the original: two
    threads compiling at once broke each other's SQL (« missing FROM-clause entry »)."""
    today = date(2026, 12, 5)
    here = annotated_projects(today)
    assert (
        annotated_projects(today).query.annotations["last_outcome"]
        is (here.query.annotations["last_outcome"])
    )  # built once in this thread, then copied
    elsewhere, sql = [], []

    def other_thread():
        query = annotated_projects(today)
        elsewhere.append(query.query.annotations["last_outcome"])
        for _ in range(20):
            sql.append(str(query.filter(kind="investigation").query))

    threads = [threading.Thread(target=other_thread) for _ in range(4)]
    for thread in threads:
        thread.start()
    for _ in range(20):
        sql.append(str(annotated_projects(today).filter(kind="investigation").query))
    for thread in threads:
        thread.join()
    assert all(each is not here.query.annotations["last_outcome"] for each in elsewhere)
    assert len(set(map(id, elsewhere))) == 4
    assert len(set(sql)) == 1 and "portfolio_committee" in sql[0]
