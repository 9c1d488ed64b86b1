"""What an anonymous visitor meets on the account pages (walk of the public pages)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_password_reset_button_says_what_it_does(client):
    page = client.get(reverse("accounts:password-reset")).content.decode()
    assert '<button type="submit" class="fr-btn">Recevoir le lien par courriel</button>' in page
    assert ">Enregistrer</button>" not in page


def test_other_form_pages_keep_their_enregistrer_button(client, django_user_model):
    user = django_user_model.objects.create_user(email="a@example.org", password="x-long-pass-1")
    client.force_login(user)
    page = client.get(reverse("accounts:password-change")).content.decode()
    assert '<button type="submit" class="fr-btn">Enregistrer</button>' in page
