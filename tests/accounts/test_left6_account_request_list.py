"""Leftovers round 6: the team's list of account requests named a commune « Nom (42) », the code
of its département; the site writes a collectivité « Nom (code Insee) », an EPCI with its SIREN."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import CommuneFactory, DepartementFactory, EPCIFactory, UserFactory

from .factories import AccountRequestFactory

pytestmark = pytest.mark.django_db


def test_the_list_names_the_collectivite_with_its_code(client):
    loire = DepartementFactory(code="42", name="Loire")
    commune = CommuneFactory(insee="42248", name="Saint-Just-en-Chevalet", departement=loire)
    epci = EPCIFactory(siren="244200770", name="Communauté de communes du Pays d'Urfé")
    AccountRequestFactory(commune=commune)
    AccountRequestFactory(epci=epci)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("accounts:account-requests")).content.decode()
    assert "Saint-Just-en-Chevalet (42248)" in page
    assert "Saint-Just-en-Chevalet (42)" not in page
    assert "Pays d&#x27;Urfé (SIREN 244200770)" in page
