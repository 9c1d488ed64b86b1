"""Accepting a request « hors critères » (issue 13, item 1: an ineligible collectivité is kept
as « hors critères »): the team may still accept it, with a required reason kept on the mission
and shown on its page — one rule for the service and the form."""

from datetime import date
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import rules, services
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH)


@pytest.fixture
def big():
    commune = CommuneFactory(name="Grandbourg", population=12317)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )
    assert mission.status == MissionStatus.OUT_OF_CRITERIA
    return mission


def test_the_service_refuses_an_out_of_criteria_acceptance_without_reason(big, coach):
    with pytest.raises(ValidationError) as error:
        services.mission_accept(mission=big, consultant=coach, start=date(2026, 9, 1))
    assert error.value.message_dict["reason"] == [rules.OUT_OF_CRITERIA_ACCEPTANCE]
    big.refresh_from_db()
    assert big.status == MissionStatus.OUT_OF_CRITERIA and big.consultant is None
    reason = "  Commune nouvelle issue de la fusion de 4 villages  "
    services.mission_accept(mission=big, consultant=coach, start=date(2026, 9, 1), reason=reason)
    big.refresh_from_db()
    assert big.status == MissionStatus.ACCEPTED
    assert big.acceptance_reason == "Commune nouvelle issue de la fusion de 4 villages"


def test_an_eligible_request_needs_no_reason(coach):
    commune = CommuneFactory(name="Petiteville", population=1200)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )
    services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    assert mission.status == MissionStatus.ACCEPTED and mission.acceptance_reason == ""


def test_the_team_page_asks_the_reason_and_shows_it(client, big, coach):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(big.get_absolute_url()).text)
    assert "Motif de l'acceptation hors critères" in page
    url = reverse("diagnostics:accept", args=[big.pk])
    refused = client.post(url, {"consultant": coach.pk, "start": "2026-09-01"}, follow=True)
    assert rules.OUT_OF_CRITERIA_ACCEPTANCE in unescape(refused.text)
    big.refresh_from_db()
    assert big.status == MissionStatus.OUT_OF_CRITERIA
    accepted = client.post(url, {"consultant": coach.pk, "start": "2026-09-01",
                                 "reason": "Fusion de communes"}, follow=True)  # fmt: skip
    page = unescape(accepted.text)
    assert "Demande acceptée" in page
    assert "Acceptée hors critères, motif : Fusion de communes" in " ".join(
        page.replace("<strong>", "").replace("</strong>", "").split()
    )


def test_an_eligible_request_form_has_no_reason_field(client, coach):
    commune = CommuneFactory(name="Petiteville", population=1200)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert "Motif de l'acceptation" not in unescape(client.get(mission.get_absolute_url()).text)


def test_a_refused_acceptance_keeps_its_accept_button(client, big, coach):
    """The form shown again after a refusal acts as the one of the mission page: its button
    says « Accepter », not a generic « Enregistrer »."""
    client.force_login(UserFactory(role=Role.INCUBATOR))
    refused = client.post(reverse("diagnostics:accept", args=[big.pk]),
                          {"consultant": coach.pk, "start": "2026-09-01"})  # fmt: skip
    assert refused.status_code == 200
    page = " ".join(unescape(refused.text).split())
    assert 'type="submit" class="fr-btn">Accepter</button>' in page
    assert ">Enregistrer</button>" not in page
