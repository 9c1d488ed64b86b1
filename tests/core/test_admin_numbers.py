"""Leftovers round 6: the admin lists wrote amounts and populations without digit grouping
(« 1500000 »); they read as on the rest of the site: « 1 500 000 € », « 34 935 »."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import CommuneFactory, UserFactory
from tests.impact.factories import IndicatorFactory, MeasurementFactory
from tests.portfolio.factories import DecisionFactory, ExpenseFactory, FundingLineFactory

pytestmark = pytest.mark.django_db

NARROW = "\u202f"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="admin"))
    return client


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        (FundingLineFactory, "fundingline"),
        (DecisionFactory, "decision"),
        (ExpenseFactory, "expense"),
    ],
)
def test_amounts_are_written_in_french(admin_client, factory, model):
    factory(amount=Decimal("1500000"))
    page = admin_client.get(reverse(f"admin:portfolio_{model}_changelist")).content.decode()
    assert f"1{NARROW}500{NARROW}000\u00a0€" in page
    assert "1500000" not in page


def test_the_amount_column_still_sorts(admin_client):
    FundingLineFactory(amount=Decimal("2000")), FundingLineFactory(amount=Decimal("1500000"))
    url = reverse("admin:portfolio_fundingline_changelist")
    page = admin_client.get(url).content.decode()
    assert 'class="sortable column-amount_in_french"' in page
    # Columns: project (0), source (1), amount (2): no action checkbox on a read-only list.
    ascending = admin_client.get(url + "?o=2").content.decode()
    small, big = f"2{NARROW}000\u00a0€", f"1{NARROW}500{NARROW}000\u00a0€"
    assert ascending.index(small) < ascending.index(big)
    descending = admin_client.get(url + "?o=-2").content.decode()
    assert descending.index(big) < descending.index(small)


def test_populations_are_grouped(admin_client):
    CommuneFactory(insee="42218", name="Saint-Étienne", population=171_924)
    page = admin_client.get(reverse("admin:territories_commune_changelist")).content.decode()
    assert f"171{NARROW}924" in page


def test_indicator_values_are_grouped_in_their_unit(admin_client):
    """Leftovers round 7: the measurements' list wrote « 1500000.00 »; the value reads as on
    the indicator's page, in its unit, and the column still sorts."""
    MeasurementFactory(indicator=IndicatorFactory(unit="euros"), value=Decimal("1500000"))
    MeasurementFactory(indicator=IndicatorFactory(unit="nombre"), value=Decimal("4.5"))
    url = reverse("admin:impact_measurement_changelist")
    page = admin_client.get(url).content.decode()
    assert f"1{NARROW}500{NARROW}000\u00a0€" in page
    assert ">4,5<" in page
    assert "1500000" not in page
    assert 'class="sortable column-value_in_french' in page
