"""Leftovers, round 7b: the list's export links and pagination keep the filters, with a query
string built properly (no `?&export=`)."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import CallFactory, InvestigationFactory

pytestmark = pytest.mark.django_db


def test_export_links_build_the_query_string(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("investigations:investigations")
    page = client.get(url).content.decode()
    assert 'href="?export=xlsx"' in page
    assert "?&amp;export=" not in page and "?&export=" not in page
    call = CallFactory()
    page = client.get(url, {"appel": call.pk, "page": "1"}).content.decode()
    assert f'href="?appel={call.pk}&amp;export=csv"' in page


def test_pagination_keeps_the_filters(client, monkeypatch):
    from fabrique.investigations.views.investigations import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 1)
    InvestigationFactory.create_batch(2)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("investigations:investigations"), {"retard": ""}).content.decode()
    assert 'href="?retard=&amp;page=2"' in page
