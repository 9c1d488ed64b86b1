"""What a porteur de service types in the support offer: a request for help, an opinion of a
session. A text pasted many times over is refused with a French message, the text kept."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support.models import Registration, SupportRequest
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory

from .factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as read: entities decoded, thin and non-breaking spaces as plain spaces."""
    return unescape(response.content.decode()).replace("\u202f", " ").replace("\xa0", " ")


def test_a_request_for_support_of_6000_characters_is_refused_and_kept(client):
    porteur = UserFactory(role=Role.SERVICE_OWNER)
    client.force_login(porteur)
    message = "a" * 6000
    response = client.post(
        reverse("support:request-create"), {"theme": "accessibilite", "message": message}
    )
    assert response.status_code == 200
    html = text(response)
    assert "Texte trop long (6 000 caractères) : 5 000 au plus." in html
    assert message in html  # what was typed is still in the box
    assert not SupportRequest.objects.exists()
    response = client.post(
        reverse("support:request-create"), {"theme": "accessibilite", "message": "Audit RGAA"}
    )
    assert response.status_code == 302 and SupportRequest.objects.count() == 1


def test_a_feedback_comment_has_a_length_limit(client):
    registration = RegistrationFactory(
        session=SessionFactory(start=timezone.now() - timedelta(days=2)),
        status="inscrit",
        attended=True,
    )
    client.force_login(registration.user)
    url = reverse("support:feedback", args=[registration.pk])
    response = client.post(url, {"score": "4", "comment": "b" * 2500})
    assert response.status_code == 200
    assert "Texte trop long (2 500 caractères) : 2 000 au plus." in text(response)
    registration.refresh_from_db()
    assert registration.score is None


def test_a_porteur_registering_themself_registers_for_their_project(client):
    """Registered from the session page, the session never showed in the project's support
    history: the registration had no project."""
    porteur = UserFactory(role=Role.SERVICE_OWNER)
    salles = ProjectFactory(name="Salles ouvertes")
    TeamMemberFactory(project=salles, user=porteur)
    client.force_login(porteur)
    session = SessionFactory(start=timezone.now() + timedelta(days=3))
    page = text(client.get(reverse("support:session", args=[session.pk])))
    assert "Pour le projet" not in page  # one project: nothing to choose
    client.post(reverse("support:register", args=[session.pk]))
    assert Registration.objects.get(session=session, user=porteur).project == salles


def test_a_member_of_two_projects_chooses_the_project_of_their_registration(client):
    porteur = UserFactory(role=Role.SERVICE_OWNER)
    salles, guichet = ProjectFactory(name="Salles ouvertes"), ProjectFactory(name="Guichet")
    TeamMemberFactory(project=salles, user=porteur)
    TeamMemberFactory(project=guichet, user=porteur)
    other = ProjectFactory(name="Pas le mien")
    client.force_login(porteur)
    session = SessionFactory(start=timezone.now() + timedelta(days=3))
    page = text(client.get(reverse("support:session", args=[session.pk])))
    assert "Pour le projet" in page and "Guichet" in page and "Pas le mien" not in page
    url = reverse("support:register", args=[session.pk])
    assert client.post(url, {"project": other.pk}).status_code == 404
    assert not Registration.objects.filter(session=session).exists()
    client.post(url, {"project": guichet.pk})
    registration = Registration.objects.get(session=session, user=porteur)
    assert registration.project == guichet
    registration.attended = True
    registration.save()
    history = text(client.get(reverse("support:project", args=[guichet.slug])))
    assert "Aucune session suivie" not in history
