"""Leftovers round 7: « /deconnexion/ » opened by a link or typed in showed the 405 page
(« Action impossible depuis cette adresse »); it asks « Se déconnecter ? » with the button that
logs out, and a way back. The button (POST) logs out as before."""

from html import unescape

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_opening_the_logout_address_asks_before_logging_out(client):
    user = UserFactory(email="claude@exemple.gouv.fr")
    client.force_login(user)
    response = client.get(reverse("accounts:logout"))
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert "<h1>Se déconnecter ?</h1>" in page
    assert "Se déconnecter ?\n  — Fabrique</title>" in page  # the tab's title
    assert f'<form method="post" action="{reverse("accounts:logout")}"' in page
    assert '<button class="fr-btn" type="submit">Se déconnecter</button>' in page
    assert f'href="{reverse("accounts:dashboard")}"' in page  # the way back
    assert "Erreur 405" not in page
    # Opening the page logs nobody out: only the button does.
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_the_button_logs_out(client):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == reverse("home:home")
    assert client.get(reverse("accounts:dashboard")).status_code == 302  # to the login page


def test_someone_logged_out_is_told_so(client):
    page = unescape(client.get(reverse("accounts:logout")).content.decode())
    assert "Vous n’êtes pas connecté·e" in page
    assert f'href="{reverse("accounts:login")}"' in page
