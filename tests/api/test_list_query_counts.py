"""The API lists of projects and of a project's indicators run a constant number of queries:
measured at 2 then 20 rows (the territory and catalogue lists are measured beside their other
tests, in test_territories_api.py and tests/catalogue/test_api.py)."""

from datetime import date

import pytest

from fabrique.accounts.models import Role
from tests.impact.factories import IndicatorFactory, MeasurementFactory
from tests.portfolio.factories import (
    CommitteeFactory,
    DecisionFactory,
    PhaseFactory,
    ProjectFactory,
)

from ..query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, Role.INCUBATOR])
def test_project_list(client, users, role, django_assert_max_num_queries):
    """Anonymous (public fields) and the team (all fields)."""

    def grow(rows):
        for _ in range(rows):
            phase = PhaseFactory(start=date(2025, 1, 1))
            committee = CommitteeFactory(projects=[phase.project], date=date(2025, 9, 1))
            DecisionFactory(committee=committee, project=phase.project, outcome="continuer")

    grow(2)
    if role:
        client.force_login(users[role])
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get("/api/v1/projects/"), lambda: grow(18),
        budget=4 if role else 2,
    )  # fmt: skip
    assert response.json()["count"] == 20


def test_indicator_list(client, django_assert_max_num_queries):
    project = ProjectFactory(slug="actes")

    def grow(rows):
        for index in range(rows):
            indicator = IndicatorFactory(project=project, is_public=index % 4 != 0)
            for month in (1, 2, 3):
                MeasurementFactory(indicator=indicator, period=date(2025, month, 1), value=index)

    grow(2)
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get("/api/v1/projects/actes/indicators/"),
        lambda: grow(18), budget=3,
    )  # fmt: skip
    assert len(response.json()) == project.indicators.filter(is_public=True).count() == 14
