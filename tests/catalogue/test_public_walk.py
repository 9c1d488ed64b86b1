"""What an anonymous visitor meets looking for open data (walk of the public pages)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_open_data_page_is_reachable_from_every_page_and_from_the_catalogue(client):
    open_data = reverse("catalogue:open-data")
    home = client.get("/").content.decode()
    assert f'href="{open_data}">Données ouvertes</a>' in home
    assert f'href="{reverse("api:docs")}">API (documentation)</a>' in home
    catalogue = client.get(reverse("catalogue:search")).content.decode()
    assert f'href="{open_data}">Données ouvertes</a>' in catalogue
    page = client.get(open_data).content.decode()
    assert "Données ouvertes" in page
    assert reverse("investigations:open_data", args=["csv"]) in page
