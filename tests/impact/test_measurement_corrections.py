"""Issue 12, item 1: a typed value of an indicator can be corrected or deleted by those who
record values, with a confirmation, a message and the change kept in the history."""

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.impact.models import Measurement
from tests.factories import UserFactory
from tests.portfolio.factories import TeamMemberFactory

from .factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


def urls(measurement):
    args = [measurement.indicator.project.slug, measurement.indicator.pk, measurement.pk]
    return (
        reverse("impact:measurement-edit", args=args),
        reverse("impact:measurement-delete", args=args),
    )


def test_a_value_is_corrected_and_the_old_one_stays_in_the_history(team):
    measurement = MeasurementFactory(period=date(2026, 3, 1), value=Decimal(120))
    edit, _ = urls(measurement)
    response = team.post(edit, {"date": "2026-03-01", "value": "125", "comment": "recompté"},
                         follow=True)  # fmt: skip
    page = unescape(response.content.decode())
    assert "Valeur corrigée" in page
    measurement.refresh_from_db()
    assert measurement.value == Decimal(125)
    assert measurement.history.count() == 2
    measurement.indicator.refresh_from_db()
    assert measurement.indicator.latest_value == Decimal(125)


def test_a_value_moved_to_another_period_leaves_the_old_one(team):
    measurement = MeasurementFactory(period=date(2026, 3, 1), value=Decimal(120))
    edit, _ = urls(measurement)
    team.post(edit, {"date": "2026-04-10", "value": "120", "comment": ""})
    periods = list(
        Measurement.objects.filter(indicator=measurement.indicator).values_list("period", flat=True)
    )
    assert periods == [date(2026, 4, 1)]


def test_a_bad_value_is_refused_and_nothing_changes(team):
    measurement = MeasurementFactory(value=Decimal(120))
    edit, _ = urls(measurement)
    response = team.post(edit, {"date": "2026-01-01", "value": "beaucoup", "comment": ""})
    assert response.status_code == 200
    measurement.refresh_from_db()
    assert measurement.value == Decimal(120)


def test_a_value_is_deleted_after_confirmation(team):
    measurement = MeasurementFactory()
    _, delete = urls(measurement)
    assert "Confirmer la suppression" in unescape(team.get(delete).content.decode())
    response = team.post(delete, follow=True)
    assert "Suppression faite" in unescape(response.content.decode())
    assert not Measurement.objects.filter(pk=measurement.pk).exists()


def test_the_indicator_page_offers_the_corrections_to_those_who_record(client, team):
    measurement = MeasurementFactory()
    edit, delete = urls(measurement)
    page = team.get(measurement.indicator.get_absolute_url()).content.decode()
    assert edit in page and delete in page
    client.logout()
    page = client.get(measurement.indicator.get_absolute_url()).content.decode()
    assert edit not in page


def test_the_project_team_corrects_but_others_cannot(client):
    measurement = MeasurementFactory(value=Decimal(10))
    edit, delete = urls(measurement)
    outsider = UserFactory(role=Role.COACH)
    client.force_login(outsider)
    assert client.post(edit, {"date": "2026-01-01", "value": "1"}).status_code == 403
    assert client.post(delete).status_code == 403
    coach = UserFactory(role=Role.COACH)
    TeamMemberFactory(project=measurement.indicator.project, user=coach)
    client.force_login(coach)
    client.post(edit, {"date": "2026-01-01", "value": "11", "comment": ""})
    measurement.refresh_from_db()
    assert measurement.value == Decimal(11)


def test_a_value_of_another_indicator_is_not_found(team):
    measurement = MeasurementFactory()
    other = IndicatorFactory(project=measurement.indicator.project)
    url = reverse(
        "impact:measurement-delete",
        args=[measurement.indicator.project.slug, other.pk, measurement.pk],
    )
    assert team.post(url).status_code == 404
    assert Measurement.objects.filter(pk=measurement.pk).exists()


def test_deleting_the_north_star_says_so_and_an_empty_indicator_has_no_zero_values(team):
    indicator = IndicatorFactory(is_north_star=True)
    url = reverse("impact:indicator-delete", args=[indicator.project.slug, indicator.pk])
    page = " ".join(unescape(team.get(url).content.decode()).split())
    assert "C'est l'étoile du Nord du projet" in page
    assert "ses 0 valeur" not in page
    assert "n'a encore aucune valeur" in page


def test_deleting_an_indicator_with_one_value_speaks_of_its_value_in_the_singular(team):
    """« L'indicateur et ses 1 valeur seront supprimés » was printed for a single value."""
    indicator = MeasurementFactory().indicator
    url = reverse("impact:indicator-delete", args=[indicator.project.slug, indicator.pk])
    page = " ".join(unescape(team.get(url).content.decode()).split())
    assert "ses 1 valeur" not in page
    assert "L'indicateur et sa valeur seront supprimés." in page
    MeasurementFactory(indicator=indicator, period=date(2026, 2, 1))
    page = " ".join(unescape(team.get(url).content.decode()).split())
    assert "L'indicateur et ses 2 valeurs seront supprimés." in page
