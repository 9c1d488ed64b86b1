"""Round-4 walk of the porteur through his project's applications, in Chromium."""

from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_application_elides_the_name_and_speaks_of_a_cv_only_when_there_is_one(
    client,
):
    """« la candidature de Alex Test. Son CV aussi. » for an application without a CV: the
    name is elided as on the application's own page (« d'Alex Test »), the CV mentioned only
    when one was sent."""
    application = ApplicationFactory(name="Alex Test")
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("recruitment:application-delete", args=[application.pk])
    page = unescape(client.get(url).content.decode())
    assert "Vous allez supprimer la candidature d'Alex Test." in page
    assert "Son CV aussi." not in page
    response = client.post(url, follow=True)
    assert "Suppression faite : la candidature d'Alex Test." in unescape(response.content.decode())
