"""What an anonymous visitor meets on a public session (walk of the public pages)."""

import pytest
from django.urls import reverse

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_without_account_is_told_how_to_get_one_to_register(client):
    session = SessionFactory(is_public=True, format__is_public=True)
    page = client.get(reverse("support:session", args=[session.pk])).content.decode()
    assert "Se connecter pour s&#x27;inscrire" in page or "Se connecter pour s'inscrire" in page
    assert f'href="{reverse("accounts:account-request")}">Demander un compte</a>' in page
