"""Leftovers round 7: the API's documentation page (Swagger UI) had no `lang`, an English page
for a French site and no way back to it. It says it is in French, is titled in French, and leads
back to the site and to the open data page; its scripts still load (no inline script)."""

from html import unescape

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_api_documentation_is_a_french_page_with_a_way_back(client):
    response = client.get(reverse("api:docs"))
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert '<html lang="fr">' in page
    assert "<title>Documentation de l'API — Fabrique</title>" in page
    assert f'<a href="{reverse("home:home")}">← Retour au site Fabrique</a>' in page
    assert f'<a href="{reverse("catalogue:open-data")}">' in page
    assert '<div id="swagger-ui"></div>' in page
    assert f'<script src="{reverse("api:docs")}?script="></script>' in page
    assert "<script>" not in page  # the policy of the site allows no inline script
