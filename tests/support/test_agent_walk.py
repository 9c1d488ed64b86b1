"""What an agent meets with the support offer in the browser (walk of the agent's role)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support import services
from fabrique.support.models import SupportRequest
from tests.factories import UserFactory

from .factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(client):
    user = UserFactory(role=Role.AGENT)
    client.force_login(user)
    return user


def test_a_given_feedback_is_shown_again_and_can_be_corrected(client, agent):
    past = SessionFactory(start=timezone.now() - timedelta(days=2))
    registration = RegistrationFactory(
        session=past, user=agent, status="inscrit", attended=True, score=2, comment="Trop court"
    )
    mine = client.get(reverse("support:mine")).content.decode()
    url = reverse("support:feedback", args=[registration.pk])
    assert "Avis donné : 2 / 5" in mine and f'href="{url}"' in mine
    form = client.get(url).content.decode()
    assert re.search(r'<input type="radio" name="score" value="2"[^>]*checked', form)
    assert "Trop court" in form
    response = client.post(url, {"score": "4", "comment": "Finalement utile"}, follow=True)
    assert "Merci, votre avis est enregistré." in response.content.decode()
    registration.refresh_from_db()
    assert (registration.score, registration.comment) == (4, "Finalement utile")


def test_an_agent_without_project_is_not_asked_for_one(client, agent):
    url = reverse("support:request-create")
    page = client.get(url).content.decode()
    assert 'name="project"' not in page and "---------" not in page
    response = client.post(url, {"theme": "securite", "message": "Sécuriser les postes"})
    assert response.status_code == 302
    assert SupportRequest.objects.get().project is None


def test_one_registration_is_written_in_the_singular(client, agent):
    session = SessionFactory(capacity=3)
    services.registration_create(session=session, user=agent, by=agent)
    page = " ".join(
        client.get(reverse("support:session", args=[session.pk])).content.decode().split()
    )
    assert "1 inscrit·e sur 3 places" in page


def test_a_request_pasted_far_too_long_is_refused_and_kept(client, agent):
    """Walk of the agent: a need of 120,000 characters was saved as is."""
    response = client.post(
        reverse("support:request-create"), {"theme": "donnees-ouvertes", "message": "y" * 5001}
    )
    page = response.content.decode()
    assert "Texte trop long (5\u202f001 caractères) : 5\u202f000 au plus." in page
    assert "y" * 5001 in page
    assert not SupportRequest.objects.exists()
    services.request_create(requester=agent, theme="donnees-ouvertes", message="y" * 5000)
    assert SupportRequest.objects.count() == 1


def test_the_offer_says_which_number_is_the_registered_and_which_the_seats(client, agent):
    """Walk of the agent: « Places : 2 / 3 » read as two seats left when two of three are
    taken."""
    SessionFactory(start=timezone.now() + timedelta(days=3), capacity=3)
    page = client.get(reverse("support:offer")).content.decode()
    assert '<th scope="col">Inscrit·es / places</th>' in page
    assert '<th scope="col">Places</th>' not in page
