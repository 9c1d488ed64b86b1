"""Reads whose SQL is built once: same rows and conversions as the QuerySet, built once per
number of arguments, and correct when the SQL cannot be kept."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fabrique.core.compiled import CompiledQuery
from fabrique.impact.models import Measurement
from tests.impact.factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

FIELDS = ("indicator_id", "period", "value", "comment", "created_at")


def counting(build):
    calls = []

    def counted(*args):
        calls.append(args)
        return build(*args)

    return counted, calls


def by_periods(first, after, *indicator_ids):
    return (
        Measurement.objects.filter(
            indicator_id__in=indicator_ids, period__gte=first, period__lt=after
        )
        .order_by("indicator_id", "period")
        .values_list(*FIELDS)
    )


@pytest.fixture
def measurements():
    first, second = IndicatorFactory(), IndicatorFactory()
    for month in (1, 2, 3):
        MeasurementFactory(indicator=first, period=date(2026, month, 1), value=Decimal("12.5"))
    MeasurementFactory(indicator=second, period=date(2026, 2, 1), comment="relevé")
    return first, second


def test_same_rows_and_conversions_as_the_queryset(measurements):
    first, second = measurements
    build, calls = counting(by_periods)
    query = CompiledQuery(build)
    args = (date(2026, 2, 1), date(2026, 4, 1), first.pk, second.pk)

    rows = query.rows(*args)
    again = query.rows(*args)

    assert rows == again == list(by_periods(*args))
    assert [row[:3] for row in rows] == [
        (first.pk, date(2026, 2, 1), Decimal("12.5")),
        (first.pk, date(2026, 3, 1), Decimal("12.5")),
        (second.pk, date(2026, 2, 1), Decimal("100")),
    ]
    # Dates, decimals and aware datetimes come back converted, as from the ORM.
    assert isinstance(rows[0][1], date)
    assert isinstance(rows[0][2], Decimal)
    assert isinstance(rows[0][4], datetime) and rows[0][4].tzinfo is not None
    assert len(calls) == 1  # the second call reused the SQL


def test_new_values_go_to_their_places(measurements):
    first, second = measurements
    build, calls = counting(by_periods)
    query = CompiledQuery(build)
    query.rows(date(2026, 1, 1), date(2026, 2, 1), first.pk, second.pk)

    rows = query.rows(date(2026, 2, 1), date(2026, 3, 1), second.pk, first.pk)

    assert [(row[0], row[1]) for row in rows] == [
        (first.pk, date(2026, 2, 1)),
        (second.pk, date(2026, 2, 1)),
    ]
    assert len(calls) == 1


def test_one_sql_per_number_of_arguments(measurements):
    first, second = measurements
    build, calls = counting(by_periods)
    query = CompiledQuery(build)
    window = (date(2026, 1, 1), date(2027, 1, 1))

    assert len(query.rows(*window, first.pk)) == 3
    assert len(query.rows(*window, first.pk, second.pk)) == 4
    assert len(query.rows(*window, second.pk)) == 1
    assert len(calls) == 2  # one `__in` of one value, one of two


def test_an_argument_found_twice_is_run_as_a_queryset(measurements):
    first, _ = measurements
    build, calls = counting(by_periods)
    query = CompiledQuery(build)
    same = date(2026, 2, 1)  # first == after: the places cannot be told apart

    assert query.rows(same, same, first.pk) == []
    assert query.rows(date(2026, 2, 1), date(2026, 2, 2), first.pk)[0][1] == same
    assert len(calls) == 2  # the first call could not be kept; the second was


def test_an_empty_in_gives_no_row_and_is_not_kept(measurements):
    query = CompiledQuery(by_periods)

    assert query.rows(date(2026, 1, 1), date(2027, 1, 1)) == []


def test_each_run_is_a_logged_query(measurements):
    first, _ = measurements
    query = CompiledQuery(by_periods)
    query.rows(date(2026, 1, 1), date(2026, 2, 1), first.pk)

    with CaptureQueriesContext(connection) as captured:
        query.rows(date(2026, 1, 1), date(2026, 1, 1) + timedelta(days=62), first.pk)

    assert len(captured.captured_queries) == 1
    assert "impact_measurement" in captured.captured_queries[0]["sql"]
