"""Leftovers round 6: the agent who asked for a sur-mesure mission learnt nothing by e-mail when
the team accepted it (nor when it declined it): both answers now write to them, in French, with
the dates (or the reason) and the link to the mission."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from tests.factories import CommuneFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_of_agent():
    agent = UserFactory(role=Role.AGENT, email="agent@mairie-petiteville.fr")
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    MembershipFactory(user=agent, commune=commune)  # an agent asks for their collectivité
    mission = services.mission_request(
        collectivite=commune, requested_by=agent, hopes="Un site", today=date(2026, 11, 2)
    )
    return mission


def test_the_agent_is_told_by_email_that_the_request_is_accepted(
    client, request_of_agent, django_capture_on_commit_callbacks
):
    coach = UserFactory(role=Role.COACH, first_name="Inès", last_name="Roux")
    client.force_login(UserFactory(role=Role.INCUBATOR))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("diagnostics:accept", args=[request_of_agent.pk]),
            {"consultant": coach.pk, "start": "2026-11-16"},
        )
    [sent] = mail.outbox
    assert sent.to == ["agent@mairie-petiteville.fr"]
    assert sent.subject == "Demande d'accompagnement acceptée : Petiteville (01004)"
    assert "(faite le 02/11/2026) est acceptée" in sent.body
    assert "La mission commence le 16/11/2026, sa fin est prévue le " in sent.body
    assert "Inès Roux" in sent.body
    assert request_of_agent.get_absolute_url() in sent.body


def test_the_agent_is_told_by_email_that_the_request_is_declined(
    client, request_of_agent, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("diagnostics:step", args=[request_of_agent.pk]),
            {"to": "refusee", "reason": "Un accompagnement du département est déjà en cours."},
        )
    [sent] = mail.outbox
    assert sent.to == ["agent@mairie-petiteville.fr"]
    assert sent.subject == "Demande d'accompagnement refusée : Petiteville (01004)"
    assert "Un accompagnement du département est déjà en cours." in sent.body


def test_a_request_without_its_account_sends_nothing(django_capture_on_commit_callbacks):
    commune = CommuneFactory(insee="01005", name="Sansauteur", population=900)
    mission = services.mission_request(collectivite=commune, hopes="Un site")
    with django_capture_on_commit_callbacks(execute=True):
        services.mission_accept(mission=mission, consultant=UserFactory(role=Role.COACH))
    assert mail.outbox == []


def test_an_agent_who_left_the_collectivite_is_not_told(
    request_of_agent, django_capture_on_commit_callbacks
):
    """The answer names the consultant and the dates and links the mission: an agent whose
    link to the collectivité was removed since the request no longer sees that mission, and
    is not written to about it."""
    request_of_agent.requested_by.memberships.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.mission_decline(mission=request_of_agent, reason="Hors périmètre.")
    assert mail.outbox == []
