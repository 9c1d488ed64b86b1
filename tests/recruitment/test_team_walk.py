"""The team's list of offers says what the public board says: a published offer past its closing
day (or two months after it opened, when it has none) is shown closed, with that day."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import JobOfferFactory

pytestmark = pytest.mark.django_db


def row_of(page: str, title: str) -> str:
    row = re.search(rf"<tr>\s*<td>\s*<a[^>]*>{re.escape(title)}</a>.*?</tr>", page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", row.group(0)).split())


def test_an_offer_past_its_closing_day_is_shown_closed_to_the_team(client):
    today = timezone.localdate()
    JobOfferFactory(title="Ouverte", closes_on=today + timedelta(days=10))
    JobOfferFactory(title="Passée", opens_on=today - timedelta(days=90), closes_on=None)
    JobOfferFactory(title="Échue", closes_on=today - timedelta(days=1))
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(reverse("recruitment:manage")).content.decode())
    assert "Publiée" in row_of(page, "Ouverte")
    passed = row_of(page, "Passée")
    assert "Fermée" in passed and "Publiée" not in passed
    closing = today - timedelta(days=90)
    assert "(2 mois après l'ouverture)" in passed and f"/{closing.year}" in passed
    assert "Fermée" in row_of(page, "Échue")
