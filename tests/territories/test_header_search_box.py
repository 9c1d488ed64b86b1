"""The header's territory search box repeats the territory search only: a page's own search or
filters (knowledge base « impact », investigations « retard=1 ») are not written in it."""

import re

import pytest

from fabrique.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def header_value(response) -> str:
    tag = re.search(r'<input[^>]*id="header-search-input"[^>]*>', response.content.decode())
    found = re.search(r'value="([^"]*)"', tag.group(0))
    return found.group(1) if found else ""


def test_the_header_box_repeats_a_territory_search(client):
    assert header_value(client.get("/territoires/?q=rennes")) == "rennes"


@pytest.mark.parametrize("url", ["/connaissances/?q=impact", "/investigations/?retard=1"])
def test_a_pages_own_search_stays_out_of_the_header_box(client, url):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    response = client.get(url)
    assert response.status_code == 200
    assert header_value(response) == ""
