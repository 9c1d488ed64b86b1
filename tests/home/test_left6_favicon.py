"""Leftovers round 6: the admin pages linked no favicon, so the browser asked /favicon.ico, which
answered 404. Every page (admin included) links the DSFR favicon, and /favicon.ico is served."""

import pytest
from django.conf import settings

from fabrique.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_the_admin_pages_link_the_dsfr_favicon(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    page = client.get("/" + settings.ADMIN_URL).content.decode()
    assert 'href="/static/dsfr/dist/favicon/favicon.svg"' in page
    assert 'href="/static/dsfr/dist/favicon/favicon.ico"' in page


def test_the_site_pages_link_the_dsfr_favicon(client):
    page = client.get("/").content.decode()
    assert 'href="/static/dsfr/dist/favicon/favicon.ico"' in page
