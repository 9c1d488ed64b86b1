"""Impact services: starter set, indicators, measurements, tokens, deployment and penetration."""

import shutil
from datetime import date
from decimal import Decimal

import factory
import pytest
from django.core.exceptions import ValidationError

from fabrique.impact import selectors, services
from fabrique.impact.models import Indicator, Measurement, ProjectToken
from fabrique.impact.rules import checks
from fabrique.impact.selectors import penetration
from fabrique.impact.vocabulary import (
    ACTIVE_USERS,
    COST_PER_USE,
    PENETRATION,
    STARTER_SET,
    Computation,
    Direction,
    Source,
    Status,
    TargetKind,
    Unit,
)
from fabrique.territories.models import EPCI, Commune, Departement, Region
from fabrique.territories.services import import_territories
from tests.conftest import FIXTURE_TERRITORIES
from tests.portfolio.factories import ExpenseFactory, ProjectFactory

from .factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def test_starter_set_adds_seven_indicators_once():
    project = ProjectFactory()
    created = services.starter_set_add(project=project, today=TODAY)
    assert [indicator.key for indicator in created] == [item.key for item in STARTER_SET]
    assert len({indicator.name for indicator in created}) == 7
    assert all(indicator.definition for indicator in created)
    assert services.starter_set_add(project=project, today=TODAY) == []
    assert project.indicators.count() == 7
    star = project.indicators.get(is_north_star=True)
    assert star.key == ACTIVE_USERS
    computed = dict(project.indicators.exclude(computed="").values_list("key", "computed"))
    assert computed == {
        PENETRATION: Computation.PENETRATION,
        COST_PER_USE: Computation.COST_PER_USE,
    }


def test_starter_set_keeps_existing_names_and_north_star():
    project = ProjectFactory()
    IndicatorFactory(project=project, name="satisfaction des usagers", is_north_star=True)
    created = services.starter_set_add(project=project, today=TODAY)
    assert len(created) == 6
    assert project.indicators.filter(is_north_star=True).count() == 1
    assert project.indicators.get(is_north_star=True).key == ""


def test_only_one_north_star_per_project():
    project = ProjectFactory()
    first = IndicatorFactory(project=project, is_north_star=True)
    second = IndicatorFactory(project=project)
    with pytest.raises(ValidationError) as error:
        services.indicator_save(
            project=project, name=second.name, is_north_star=True, indicator=second
        )
    assert "étoile du Nord" in str(error.value.message_dict["is_north_star"])
    services.north_star_set(indicator=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_north_star, second.is_north_star) == (False, True)
    IndicatorFactory(is_north_star=True)  # another project may have its own


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"baseline_value": Decimal(10)}, "baseline_date", "valeur et la date"),
        (
            {"baseline_value": Decimal(10), "baseline_date": date(2026, 1, 1),
             "target_value": Decimal(5), "target_date": date(2027, 1, 1)},
            "target_value", "dépasser",
        ),
        (
            {"direction": Direction.DOWN, "baseline_value": Decimal(10),
             "baseline_date": date(2026, 1, 1), "target_value": Decimal(20),
             "target_date": date(2027, 1, 1)},
            "target_value", "sous la valeur",
        ),
        (
            {"baseline_value": Decimal(10), "baseline_date": date(2026, 1, 1),
             "target_value": Decimal(20), "target_date": date(2025, 1, 1)},
            "target_date", "suivre",
        ),
        ({"unit": Unit.PERCENT, "target_value": Decimal(120), "target_date": date(2027, 1, 1)},
         "target_value", "entre 0 et 100"),
    ],
)  # fmt: skip
def test_indicator_validation(changes, field, message):
    fields = factory.build(
        dict, FACTORY_CLASS=IndicatorFactory, project=ProjectFactory(), **changes
    )
    with pytest.raises(ValidationError) as error:
        services.indicator_save(**fields)
    assert not Indicator.objects.exists()
    assert message in " ".join(error.value.message_dict[field])


def test_duplicate_name_is_refused_case_insensitively():
    project = ProjectFactory()
    IndicatorFactory(project=project, name="Délai de réponse")
    with pytest.raises(ValidationError) as error:
        services.indicator_save(
            project=project, name="délai de réponse", definition="Délai moyen", level="utilise"
        )
    assert "name" in error.value.message_dict


def test_frequency_is_fixed_once_values_exist():
    measurement = MeasurementFactory()
    indicator = measurement.indicator
    with pytest.raises(ValidationError) as error:
        services.indicator_save(
            project=indicator.project, name=indicator.name, frequency="trimestrielle",
            indicator=indicator,
        )  # fmt: skip
    assert "frequency" in error.value.message_dict


# --- Measurements -------------------------------------------------------------------------


def test_record_is_an_idempotent_upsert_per_period_with_history(users):
    indicator = IndicatorFactory()
    user = users["porteur"]
    first = services.measurement_record(
        indicator=indicator,
        day=date(2026, 3, 5),
        value="1 234",
        comment="mars",
        user=user,
        today=TODAY,
    )
    assert (first.created, first.updated) == (1, 0)
    again = services.measurement_record(
        indicator=indicator,
        day=date(2026, 3, 28),
        value="1234",
        comment="mars",
        user=user,
        today=TODAY,
    )
    assert again.unchanged == 1
    changed = services.measurement_record(
        indicator=indicator,
        day=date(2026, 3, 31),
        value="1300,5",
        comment="corrigé",
        user=user,
        today=TODAY,
    )
    assert changed.updated == 1
    measurement = Measurement.objects.get()
    assert (measurement.period, measurement.value) == (date(2026, 3, 1), Decimal("1300.5"))
    assert measurement.source == Source.FORM
    history = list(Measurement.history.order_by("history_id"))
    assert [row.history_type for row in history] == ["+", "~"]
    assert [row.value for row in history] == [Decimal(1234), Decimal("1300.5")]
    assert history[0].history_user == user


@pytest.mark.parametrize(
    ("day", "value", "field", "message"),
    [
        (date(2026, 3, 1), "beaucoup", "value", "n'est pas un nombre"),
        (date(1990, 3, 1), "12", "date", "plausible"),
        (date(2027, 3, 1), "12", "date", "n'a pas commencé"),
    ],
)
def test_record_refuses_bad_values(day, value, field, message):
    indicator = IndicatorFactory()
    with pytest.raises(ValidationError) as error:
        services.measurement_record(indicator=indicator, day=day, value=value, today=TODAY)
    assert message in " ".join(error.value.message_dict[field])
    assert not Measurement.objects.exists()


def test_percentage_above_100_is_refused():
    indicator = IndicatorFactory(unit=Unit.PERCENT)
    with pytest.raises(ValidationError) as error:
        services.measurement_record(
            indicator=indicator, day=date(2026, 3, 1), value="101", today=TODAY
        )
    assert "entre 0 et 100" in str(error.value)


def test_computed_indicator_refuses_typed_values():
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    cost = project.indicators.get(key=COST_PER_USE)
    with pytest.raises(ValidationError) as error:
        services.measurement_record(indicator=cost, day=date(2026, 3, 1), value="12", today=TODAY)
    assert "calculé" in str(error.value)
    assert not cost.measurements.exists()


def test_check_rows_reports_every_problem_by_row_and_field():
    project = ProjectFactory()
    users = IndicatorFactory(project=project, name="Usagers actifs mensuels")
    share = IndicatorFactory(project=project, name="Satisfaction", unit=Unit.PERCENT)
    rows = [
        checks.RawRow(2, "usagers ACTIFS mensuels", "2026-03-15", "10"),
        checks.RawRow(3, "Inconnu", "2026-03-15", "10"),
        checks.RawRow(4, "Satisfaction", "2026-03-15", "120"),
        checks.RawRow(5, users.pk, "31/03/2026", "12"),  # same month as line 2
        checks.RawRow(6, share.pk, "hier", "x"),
    ]
    checked, errors = checks.check_rows(project.indicators.all(), rows, today=TODAY)
    assert [row.where for row in checked] == [2]
    found = {(error.where, error.field) for error in errors}
    assert found == {(3, "indicator"), (4, "value"), (5, "date"), (6, "date"), (6, "value")}
    duplicate = next(error for error in errors if error.where == 5)
    assert "la ligne 2" in duplicate.message and "mars 2026" in duplicate.message
    unknown = next(error for error in errors if error.where == 3)
    assert "« Usagers actifs mensuels »" in unknown.message


# --- Cost per use -------------------------------------------------------------------------


def test_cost_per_use_is_computed_from_expenses_and_active_users():
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    users = project.indicators.get(key=ACTIVE_USERS)
    MeasurementFactory(indicator=users, period=date(2026, 2, 1), value=Decimal(800))
    MeasurementFactory(indicator=users, period=date(2026, 3, 1), value=Decimal(1000))
    ExpenseFactory(project=project, date=date(2025, 3, 31), amount=Decimal(5000))  # too old
    ExpenseFactory(project=project, date=date(2025, 4, 1), amount=Decimal(10_000))
    ExpenseFactory(project=project, date=date(2026, 3, 31), amount=Decimal(2000))
    cost = project.indicators.get(key=COST_PER_USE)
    points = selectors.indicator_points(cost)
    # February: 5,000 + 10,000 over 800 users; March: 10,000 + 2,000 over 1,000 users.
    assert [(point.period, point.value) for point in points] == [
        (date(2026, 2, 1), Decimal("18.75")),
        (date(2026, 3, 1), Decimal("12.00")),
    ]
    state = next(
        state for state in selectors.project_indicators(project, today=TODAY) if state.pk == cost.pk
    )
    assert state.latest == (date(2026, 3, 1), Decimal("12.00"))
    assert not cost.measurements.exists()  # never stored


# --- Tokens -------------------------------------------------------------------------------


def test_token_secret_is_shown_once_and_only_its_hash_kept(users):
    project = ProjectFactory()
    token, secret = services.token_create(project=project, user=users["porteur"], name="script")
    assert secret.startswith("fab_") and len(secret) > 40
    assert token.key_hash == services.token_hash(secret) and secret not in token.key_hash
    assert token.prefix == secret[:12]
    assert selectors.token_by_secret(secret) == token
    assert selectors.token_by_secret(secret + "x") is None
    services.token_revoke(token=token, user=users["porteur"])
    assert ProjectToken.objects.get().revoked_at is not None
    with pytest.raises(ValidationError):
        services.token_revoke(token=token)


# --- Deployment and penetration -----------------------------------------------------------


def small_communes_target(project):
    loire, armor = Departement.objects.get(code="42"), Departement.objects.get(code="22")
    return services.deployment_target_save(
        project=project, kind=TargetKind.COMMUNES, max_population=3500, departements=[loire, armor],
        today=TODAY,
    )  # fmt: skip


def test_penetration_figures_on_real_territories(territories):
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    small_communes_target(project)
    for insee, since in (("42248", date(2025, 1, 10)), ("42047", date(2025, 6, 1)),
                         ("22016", date(2026, 2, 3)), ("42218", date(2025, 1, 1))):  # fmt: skip
        services.deployment_add(
            project=project, territory=Commune.objects.get(insee=insee), since=since, today=TODAY
        )
    figures = penetration.penetration_figures(project)
    # 11 communes of the Loire and Île-de-Bréhat are under 3,500 inhabitants in the fixture.
    assert (figures.target_count, figures.target_population) == (12, 5573)
    assert (figures.users, figures.users_population) == (3, 1141 + 329 + 361)
    assert figures.percent == Decimal("25.00")
    by_code = {row.code: row for row in figures.rows}
    assert (by_code["42"].target_count, by_code["42"].users) == (11, 2)
    assert (by_code["22"].target_count, by_code["22"].users, by_code["22"].percent) == (
        1, 1, Decimal("100.00"),
    )  # fmt: skip
    assert [str(d.territory) for d in figures.outside] == ["Saint-Étienne (42218)"]
    assert "moins de 3\u202f500 habitant·es" in figures.description

    indicator = project.indicators.get(key=PENETRATION)
    series = dict(indicator.measurements.values_list("period", "value"))
    assert series[date(2025, 1, 1)] == Decimal("8.33")  # 1 of 12
    assert series[date(2025, 6, 1)] == Decimal("16.67")
    assert series[date(2026, 2, 1)] == Decimal("25.00")
    assert max(series) == date(2026, 11, 1)
    assert set(indicator.measurements.values_list("source", flat=True)) == {Source.COMPUTED}


def test_penetration_of_the_epci_of_a_region(territories):
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    services.deployment_target_save(
        project=project, kind=TargetKind.EPCI, region=Region.objects.get(code="84"), today=TODAY
    )
    services.deployment_add(
        project=project,
        territory=EPCI.objects.get(siren="244200820"),
        since=date(2026, 1, 1),
        today=TODAY,
    )
    figures = penetration.penetration_figures(project)
    assert figures.target_count == 4  # Loire Forez, Saint-Étienne, Pays d'Urfé, Lyon
    assert figures.users == 1 and figures.users_population == 5212
    assert {row.code for row in figures.rows} == {"42", "69"}


def test_without_target_an_epci_astride_two_departements_counts_once(territories):
    project = ProjectFactory()
    epci = EPCI.objects.get(siren="244200820")
    Commune.objects.filter(insee="22016").update(epci=epci)  # now astride the Loire and Armor
    for territory in (epci, Commune.objects.get(insee="42218")):
        services.deployment_add(
            project=project, territory=territory, since=date(2026, 1, 1), today=TODAY
        )

    figures = penetration.penetration_figures(project)

    by_code = {row.code: row.users for row in figures.rows}
    assert by_code == {"22": 1, "42": 2}  # the EPCI shows in both départements
    assert (figures.users, figures.deployments) == (2, 2)  # and counts once in the total
    assert figures.users_population == sum(row.users_population for row in figures.rows)


def test_removing_a_deployment_recomputes_penetration(territories):
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    small_communes_target(project)
    deployment = services.deployment_add(
        project=project,
        territory=Commune.objects.get(insee="42248"),
        since=date(2026, 9, 1),
        today=TODAY,
    )
    indicator = project.indicators.get(key=PENETRATION)
    assert indicator.measurements.count() == 3
    services.deployment_remove(deployment=deployment, today=TODAY)
    assert not indicator.measurements.exists()


def test_deployment_refuses_duplicates_future_dates_and_other_levels(territories):
    project = ProjectFactory()
    commune = Commune.objects.get(insee="42248")
    services.deployment_add(project=project, territory=commune, since=date(2026, 1, 1), today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.deployment_add(
            project=project, territory=commune, since=date(2027, 1, 1), today=TODAY
        )
    assert {"territory", "since"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError):
        services.deployment_add(
            project=project, territory=Departement.objects.get(code="42"), since=date(2026, 1, 1)
        )


def test_statuses_of_a_project(territories):
    project = ProjectFactory()
    on_track = IndicatorFactory(
        project=project, baseline_value=100, baseline_date=date(2026, 1, 1), target_value=200,
        target_date=date(2027, 1, 1),
    )  # fmt: skip
    stale = IndicatorFactory(project=project)
    MeasurementFactory(indicator=on_track, period=date(2026, 10, 1), value=Decimal(190))
    MeasurementFactory(indicator=stale, period=date(2026, 3, 1), value=Decimal(5))
    states = {state.pk: state for state in selectors.project_indicators(project, today=TODAY)}
    assert states[on_track.pk].status == Status.ON_TRACK
    assert states[stale.pk].status == Status.STALE
    assert Indicator.objects.count() == 2


def assert_latest_copies_are_exact():
    for indicator in Indicator.objects.all():
        last = indicator.measurements.order_by("-period").first()
        expected = (last.period, last.value) if last else (None, None)
        assert (indicator.latest_period, indicator.latest_value) == expected, indicator


def test_every_write_keeps_the_copy_of_the_latest_value_exact(territories, users):
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    indicator = project.indicators.get(key=ACTIVE_USERS)
    stale_copy = Indicator.objects.get(pk=indicator.pk)  # loaded before the values
    services.measurement_record(indicator=indicator, day=date(2026, 9, 3), value="10", today=TODAY)
    services.measurement_record(indicator=indicator, day=date(2026, 10, 3), value="12", today=TODAY)
    services.measurement_record(indicator=indicator, day=date(2026, 5, 3), value="8", today=TODAY)
    assert_latest_copies_are_exact()
    services.indicator_save(
        project=project, name="Usagers actifs (mois)", indicator=stale_copy
    )  # must not bring the old copy back
    assert_latest_copies_are_exact()
    small_communes_target(project)
    services.deployment_add(
        project=project,
        territory=Commune.objects.get(insee="42248"),
        since=date(2026, 2, 1),
        today=TODAY,
    )
    assert_latest_copies_are_exact()
    assert project.indicators.get(key=PENETRATION).latest_value == Decimal("8.33")
    services.measurement_delete(measurement=indicator.measurements.get(period=date(2026, 10, 1)))
    assert_latest_copies_are_exact()
    assert Indicator.objects.get(pk=indicator.pk).latest_period == date(2026, 9, 1)


def test_a_territory_import_that_changes_populations_recomputes_penetration(territories, tmp_path):
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    small_communes_target(project)
    services.deployment_add(
        project=project,
        territory=Commune.objects.get(insee="42248"),
        since=date(2026, 9, 1),
        today=TODAY,
    )
    indicator = project.indicators.get(key=PENETRATION)
    assert indicator.measurements.get(period=date(2026, 9, 1)).value == Decimal("8.33")  # 1/12
    source = tmp_path / "data"
    shutil.copytree(FIXTURE_TERRITORIES, source)
    communes = source / "communes.csv"
    text = communes.read_text(encoding="utf-8")
    assert ",42047,COM,Champoly,0,329," in text
    communes.write_text(text.replace(",42047,COM,Champoly,0,329,", ",42047,COM,Champoly,0,3600,"))
    import_territories(source=source)
    # Champoly is no longer under 3,500 inhabitants: 11 communes left in the target.
    assert indicator.measurements.get(period=date(2026, 9, 1)).value == Decimal("9.09")
