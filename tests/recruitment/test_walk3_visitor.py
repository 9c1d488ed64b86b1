"""Round 3 of the visitor's walk: an applicant who follows the deletion link of their
acknowledgement a second time."""

import uuid

import pytest
from django.urls import reverse

from fabrique.recruitment.models import Application

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_deletion_link_followed_again_says_the_data_is_already_gone(client):
    """After « Supprimer définitivement », the same link from the email used to show the bare
    « Page introuvable », leaving the applicant unsure their data was deleted. It now says
    there is no application behind the link any more (still a 404, nothing revealed)."""
    application = ApplicationFactory()
    link = reverse("recruitment:forget", args=[application.deletion_token])
    client.post(link)
    assert not Application.objects.exists()

    again = client.get(link)

    html = again.content.decode()
    assert again.status_code == 404
    assert "Aucune candidature ne correspond à ce lien" in html
    assert "déjà été supprimée" in html
    assert reverse("recruitment:board") in html


def test_an_unknown_deletion_link_gives_the_same_answer(client):
    response = client.get(reverse("recruitment:forget", args=[uuid.uuid4()]))
    assert response.status_code == 404
    assert "Aucune candidature ne correspond à ce lien" in response.content.decode()
