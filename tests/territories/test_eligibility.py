import pytest

from fabrique.territories.selectors import (
    communes_list,
    eligible_communes,
    eligible_epcis,
    epcis_list,
)

from ..factories import CommuneFactory, EPCIFactory

pytestmark = pytest.mark.django_db


def test_thresholds_are_strict_and_unknown_population_is_not_eligible():
    small = CommuneFactory(population=3499, epci=None)
    CommuneFactory(population=3500, epci=None)
    CommuneFactory(population=None, epci=None)
    assert list(eligible_communes()) == [small]
    assert small.is_eligible
    epci = EPCIFactory(population=14999)
    EPCIFactory(population=15000)
    assert list(eligible_epcis()) == [epci]


def test_fixture_eligibility(territories):
    communes = set(eligible_communes().values_list("insee", flat=True))
    assert "42248" in communes  # Saint-Just-en-Chevalet, 1,141 inhabitants
    assert "44176" in communes  # Saint-Malo-de-Guersac, 3,166
    assert not communes & {"97611", "42218"}  # unknown population; 172,565
    epcis = set(eligible_epcis().values_list("siren", flat=True))
    assert "244200820" in epcis  # CC du Pays d'Urfé, 5,212 inhabitants
    assert "244200770" not in epcis


def test_filters_by_departement(territories):
    assert communes_list(eligible=False, departement="2a").get().insee == "2A004"
    assert set(epcis_list(departement="42").values_list("siren", flat=True)) == {
        "244200770",
        "244200820",
        "200065886",
    }
