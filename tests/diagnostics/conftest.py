"""Fixtures shared by the sur-mesure tests: a consultant and a mission accepted for them (a
module that needs another mission defines its own `mission`, which takes precedence)."""

from datetime import date

import pytest

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from tests.factories import CommuneFactory, UserFactory


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH)


@pytest.fixture
def mission(coach):
    commune = CommuneFactory(name="Petiteville", population=1200)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )
    return services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
