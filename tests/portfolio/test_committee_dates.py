"""Issue 12: a committee scheduled in the future counted as the « dernier comité » and pushed
the « prochain comité dû » months later. Held = dated today or before (rules.is_held)."""

import random
from datetime import date, timedelta

import pytest

from fabrique.portfolio import rules
from fabrique.portfolio.selectors import PortfolioFilters, annotated_projects
from fabrique.portfolio.selectors.board import dashboard

from .factories import CommitteeFactory, PhaseFactory, ProjectFactory

TODAY = date(2026, 6, 15)
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("dates", "last", "planned"),
    [
        ([TODAY], TODAY, None),  # a committee today is held
        ([TODAY + timedelta(days=1)], None, TODAY + timedelta(days=1)),  # tomorrow: planned
        ([], None, None),  # none
        ([date(2026, 1, 10), TODAY + timedelta(30)], date(2026, 1, 10), TODAY + timedelta(30)),
    ],
)
def test_held_and_planned_committees(dates, last, planned):
    assert rules.last_held(dates, TODAY) == last
    assert rules.next_planned(dates, TODAY) == planned


def test_a_future_committee_does_not_push_the_due_date():
    project = ProjectFactory()
    PhaseFactory(project=project, name="construction", start=date(2025, 9, 1))
    CommitteeFactory(projects=[project], date=date(2026, 1, 10))
    CommitteeFactory(projects=[project], date=TODAY + timedelta(days=60))
    row = annotated_projects(TODAY).get(pk=project.pk)
    assert row.last_committee == date(2026, 1, 10)
    assert row.next_planned_committee == TODAY + timedelta(days=60)
    assert rules.next_committee_due(row.last_committee, None, row.first_start) == date(
        2026, 1, 10
    ) + timedelta(days=rules.COMMITTEE_MAX_INTERVAL_DAYS)


def test_the_sql_versions_agree_with_the_rule_on_generated_data():
    rng = random.Random(12)
    expected = {}
    for index in range(30):
        project = ProjectFactory()
        PhaseFactory(project=project, name="construction", start=date(2025, 1, 1))
        dates = [TODAY + timedelta(days=rng.randint(-400, 200)) for _ in range(rng.randint(0, 4))]
        if index % 5 == 0:
            dates.append(TODAY)  # ties with today
        for day in dates:
            CommitteeFactory(projects=[project], date=day)
        expected[project.pk] = (rules.last_held(dates, TODAY), rules.next_planned(dates, TODAY))
    rows = {row.pk: row for row in annotated_projects(TODAY)}
    assert {pk: (r.last_committee, r.next_planned_committee) for pk, r in rows.items()} == expected
    board = dashboard(PortfolioFilters(), today=TODAY)
    assert {row.pk: row.last_committee for row in board.rows} == {
        pk: held for pk, (held, _) in expected.items()
    }
