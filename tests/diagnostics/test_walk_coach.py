"""What a consultant stumbled on while walking a mission in the browser (walk of 06/12): the
mission page offers only the steps the mission can take next."""

from datetime import date

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db


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


def step_options(response) -> list[str]:
    form = response.context["step_form"]
    return [value for value, _label in form.fields["to"].choices]


def test_step_form_lists_only_the_next_possible_steps(client, coach, mission):
    client.force_login(coach)
    response = client.get(reverse("diagnostics:mission", args=[mission.pk]))
    assert step_options(response) == [MissionStatus.IN_PROGRESS, MissionStatus.ABANDONED]
    html = response.content.decode()
    assert '<option value="demandee"' not in html
    assert "Changer d'étape" in html


def test_only_the_team_is_offered_to_decline_a_request(client, coach):
    team = UserFactory(role=Role.INCUBATOR)
    commune = CommuneFactory(name="Bourg", population=900)
    request = services.mission_request(collectivite=commune, hopes="Un site")
    client.force_login(team)
    response = client.get(reverse("diagnostics:mission", args=[request.pk]))
    assert MissionStatus.DECLINED in step_options(response)


def test_no_step_block_once_the_mission_is_closed(client, coach, mission):
    Mission = type(mission)
    Mission.objects.filter(pk=mission.pk).update(status=MissionStatus.CLOSED)
    client.force_login(coach)
    response = client.get(reverse("diagnostics:mission", args=[mission.pk]))
    assert step_options(response) == []
    assert "Changer d'étape" not in response.content.decode()
