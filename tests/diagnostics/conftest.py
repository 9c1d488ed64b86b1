"""Fixtures shared by the sur-mesure tests: a consultant and a mission accepted for them (a
module that needs another mission defines its own `mission`, which takes precedence)."""

from datetime import date

import pytest

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from tests.factories import CommuneFactory, EPCIFactory, UserFactory


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


@pytest.fixture
def demo_world(db):
    """What the diagnostics demo stands on: the demo agent's commune in a small EPCI, and the
    demo coach, agent and team accounts. Returns the EPCI."""
    from fabrique.accounts.services import DEMO_AGENT_COMMUNE

    epci = EPCIFactory(population=6_000)
    CommuneFactory(insee=DEMO_AGENT_COMMUNE, population=1_300, epci=epci)
    for email, role in (("coach@fabrique.localhost", Role.COACH),
                        ("agent@fabrique.localhost", Role.AGENT),
                        ("equipe@fabrique.localhost", Role.INCUBATOR)):  # fmt: skip
        UserFactory(email=email, role=role)
    return epci
