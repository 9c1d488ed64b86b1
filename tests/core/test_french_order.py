"""Lists in French alphabetical order: « Étals du coin » among the E, « Île-de-France » before
« Normandie » (SQLite orders bytes, PostgreSQL in the C locale too)."""

import pytest

from fabrique.accounts.models import Role
from fabrique.core.sorting import french
from fabrique.portfolio.models import Project
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NAMES = ["Voirie partagée", "Étals du coin", "eau potable", "Écoles", "Zones humides", "Enfance"]


def test_french_puts_accented_and_lower_case_names_in_their_place():
    for name in NAMES:
        ProjectFactory(name=name)
    ordered = list(Project.objects.order_by(french("name")).values_list("name", flat=True))
    assert ordered == [
        "eau potable", "Écoles", "Enfance", "Étals du coin", "Voirie partagée", "Zones humides"
    ]  # fmt: skip
    reverse = Project.objects.order_by(french("name").desc()).values_list("name", flat=True)
    assert list(reverse) == ordered[::-1]


def test_the_project_list_sorts_by_name_in_french(client):
    for name in NAMES:
        ProjectFactory(name=name)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get("/projets/").content.decode()
    positions = [
        page.index(f">{name}</a>") for name in ("Écoles", "Étals du coin", "Voirie partagée")
    ]
    assert positions == sorted(positions)
