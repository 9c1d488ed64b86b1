"""What a porteur de service types in the support offer: a request for help, an opinion of a
session. A text pasted many times over is refused with a French message, the text kept."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support.models import SupportRequest
from tests.factories import UserFactory

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
