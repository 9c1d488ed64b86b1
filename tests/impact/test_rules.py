"""Impact rules, without the database: periods, staleness, progress, track, trend, values."""

import random
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest

from fabrique.impact import rules
from fabrique.impact.vocabulary import Direction, Frequency, Status, Trend, Unit

M, W, Q, Y = Frequency.MONTHLY, Frequency.WEEKLY, Frequency.QUARTERLY, Frequency.YEARLY


@pytest.mark.parametrize(
    ("day", "frequency", "start", "end"),
    [
        (date(2026, 3, 18), W, date(2026, 3, 16), date(2026, 3, 22)),  # a Wednesday -> Monday
        (date(2026, 3, 16), W, date(2026, 3, 16), date(2026, 3, 22)),
        (date(2026, 3, 18), M, date(2026, 3, 1), date(2026, 3, 31)),
        (date(2024, 2, 29), M, date(2024, 2, 1), date(2024, 2, 29)),
        (date(2026, 8, 31), Q, date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 12, 31), Y, date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_period_start_and_end(day, frequency, start, end):
    assert rules.period_start(day, frequency) == start
    assert rules.period_end(start, frequency) == end


def test_periods_are_consecutive_integers():
    assert rules.shift_period(date(2026, 1, 1), M, -1) == date(2025, 12, 1)
    assert rules.shift_period(date(2026, 1, 1), Q, 5) == date(2027, 4, 1)
    assert rules.shift_period(date(2026, 3, 16), W, 1) == date(2026, 3, 23)
    assert rules.periods_between(date(2025, 11, 20), date(2026, 2, 3), M) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1),
    ]  # fmt: skip


def test_period_labels_in_french():
    assert rules.period_label(date(2026, 3, 1), M) == "mars 2026"
    assert rules.period_label(date(2026, 1, 1), Q) == "1er trimestre 2026"
    assert rules.period_label(date(2026, 7, 1), Q) == "3e trimestre 2026"
    assert rules.period_label(date(2026, 3, 16), W) == "semaine du 16/03/2026"
    assert rules.period_label(date(2026, 1, 1), Y) == "2026"


@pytest.mark.parametrize(
    ("latest", "frequency", "stale"),
    [
        (date(2026, 10, 1), M, False),  # October: last complete month has its value
        (date(2026, 8, 1), M, False),  # September and October missing: two periods
        (date(2026, 7, 1), M, True),  # August, September, October missing
        (date(2026, 4, 1), Q, False),  # Q3 missing only
        (date(2026, 1, 1), Q, False),  # Q2 and Q3 missing: two periods
        (date(2025, 10, 1), Q, True),  # Q1, Q2, Q3 missing
        (date(2025, 1, 1), Y, False),  # 2025 is the last complete year
        (date(2023, 1, 1), Y, False),  # 2024 and 2025 missing
        (date(2022, 1, 1), Y, True),
        (date(2026, 10, 26), W, False),
        (date(2026, 10, 26) - (date(2026, 11, 2) - date(2026, 10, 26)) * 2, W, True),
    ],
)
def test_stale_after_more_than_two_complete_periods(latest, frequency, stale):
    today = date(2026, 11, 22)
    assert rules.is_stale(latest, today, frequency) is stale


def test_quarterly_missing_count():
    assert rules.missing_periods(date(2026, 1, 1), date(2026, 11, 22), Q) == 2
    assert rules.is_stale(date(2025, 10, 1), date(2026, 11, 22), Q)


def test_never_measured_is_pending_then_stale():
    today = date(2026, 11, 22)
    assert not rules.is_stale(None, today, M, since=date(2026, 10, 5))
    assert not rules.is_stale(None, today, M, since=date(2026, 9, 5))
    assert rules.is_stale(None, today, M, since=date(2026, 8, 5))
    assert rules.is_stale(None, today, M)


@pytest.mark.parametrize(
    ("latest", "baseline", "target", "direction", "expected"),
    [
        (150, 100, 200, Direction.UP, 0.5),
        (200, 100, 200, Direction.UP, 1.0),
        (250, 100, 200, Direction.UP, 1.5),
        (80, 100, 200, Direction.UP, -0.2),
        (40, 60, 20, Direction.DOWN, 0.5),  # lower is better: 60 -> 20, at 40
        (10, 60, 20, Direction.DOWN, 1.25),
        (150, 100, 50, Direction.UP, None),  # target on the wrong side
        (None, 100, 200, Direction.UP, None),
        (100, None, 200, Direction.UP, None),
        (100, 100, 100, Direction.UP, 1.0),
        (99, 100, 100, Direction.UP, 0.0),
    ],
)
def test_progress_respects_direction(latest, baseline, target, direction, expected):
    assert rules.progress(latest, baseline, target, direction) == expected


def test_expected_progress_is_the_linear_path():
    start, end = date(2026, 1, 1), date(2027, 1, 1)
    assert rules.expected_progress(start, start, end) == 0.0
    assert rules.expected_progress(date(2026, 7, 2), start, end) == pytest.approx(0.5, abs=0.01)
    assert rules.expected_progress(date(2028, 1, 1), start, end) == 1.0
    assert rules.expected_progress(date(2025, 1, 1), start, end) == 0.0
    assert rules.expected_progress(date(2026, 7, 2), end, start) is None


def test_track_status():
    assert rules.track_status(0.45, 0.5, target_passed=False) == Status.ON_TRACK  # tolerance
    assert rules.track_status(0.39, 0.5, target_passed=False) == Status.OFF_TRACK
    assert rules.track_status(0.95, 1.0, target_passed=True) == Status.OFF_TRACK
    assert rules.track_status(1.0, 1.0, target_passed=True) == Status.ON_TRACK
    assert rules.track_status(None, 0.5, target_passed=False) == Status.NO_TARGET


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([100, 110, 120], Trend.UP),
        ([120, 110, 100], Trend.DOWN),
        ([100, 100.5, 100], Trend.FLAT),
        ([50, 100, 120, 110, 100], Trend.DOWN),  # only the last three count
        ([100], None),
        ([100, 90], Trend.DOWN),
    ],
)
def test_trend_of_the_last_three_values(values, expected):
    points = [(date(2026, month, 1), value) for month, value in enumerate(values, start=1)]
    assert rules.trend(list(reversed(points)), M) == expected


def test_trend_favourable_depends_on_direction():
    assert rules.trend_is_good(Trend.UP, Direction.UP) is True
    assert rules.trend_is_good(Trend.UP, Direction.DOWN) is False
    assert rules.trend_is_good(Trend.FLAT, Direction.UP) is None


def evaluate(latest, today=date(2026, 11, 22), **kwargs):
    defaults = {
        "frequency": M,
        "direction": Direction.UP,
        "baseline": (date(2026, 1, 1), Decimal(100)),
        "target": (date(2027, 1, 1), Decimal(200)),
    }
    return rules.evaluate(today=today, latest=latest, **(defaults | kwargs))


def test_evaluate_on_and_off_track():
    # October ends 83 % of the way from January 2026 to January 2027.
    on = evaluate((date(2026, 10, 1), Decimal(180)))
    assert on.status == Status.ON_TRACK
    assert on.progress == pytest.approx(0.8)
    assert on.expected == pytest.approx(0.83, abs=0.01)
    off = evaluate((date(2026, 10, 1), Decimal(150)))
    assert off.status == Status.OFF_TRACK


def test_evaluate_stale_wins_over_track():
    assert evaluate((date(2026, 7, 1), Decimal(500))).status == Status.STALE


def test_evaluate_without_target_or_values():
    assert evaluate((date(2026, 10, 1), Decimal(5)), target=None).status == Status.NO_TARGET
    assert evaluate(None, since=date(2026, 11, 2)).status == Status.PENDING
    assert evaluate(None, since=date(2025, 1, 1)).status == Status.STALE


def test_evaluate_after_the_target_date():
    late = evaluate((date(2027, 2, 1), Decimal(190)), today=date(2027, 3, 5))
    assert late.target_passed and late.status == Status.OFF_TRACK
    met = evaluate((date(2027, 2, 1), Decimal(205)), today=date(2027, 3, 5))
    assert met.status == Status.ON_TRACK


def test_committee_update_due():
    today = date(2026, 11, 22)
    committee = date(2026, 12, 15)
    # Before the December committee, November's value is needed.
    assert rules.update_due_for_committee(date(2026, 10, 1), M, committee, today)
    assert not rules.update_due_for_committee(date(2026, 11, 1), M, committee, today)
    assert rules.update_due_for_committee(None, M, committee, today)
    # Quarterly: Q4 2026 not over before the committee, Q3 is needed.
    assert not rules.update_due_for_committee(date(2026, 7, 1), Q, committee, today)
    # Committees more than 60 days away are not yet a reason to update.
    assert not rules.update_due_for_committee(date(2025, 1, 1), M, date(2027, 6, 1), today)
    # Overdue committee: the last complete period as of today.
    assert rules.update_due_for_committee(date(2026, 9, 1), M, date(2026, 10, 1), today)
    assert not rules.update_due_for_committee(date(2026, 10, 1), M, None, today)


def test_cost_per_use():
    assert rules.cost_window(date(2026, 3, 1)) == (date(2025, 4, 1), date(2026, 4, 1))
    assert rules.cost_per_use(Decimal(240_000), 1200) == Decimal("200.00")
    assert rules.cost_per_use(Decimal(0), 1200) is None
    assert rules.cost_per_use(Decimal(1000), 0) is None
    assert rules.cost_per_use(None, 10) is None


def test_penetration():
    assert rules.penetration(3, 12) == Decimal("25.00")
    assert rules.penetration(1, 3) == Decimal("33.33")
    assert rules.penetration(0, 0) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234", Decimal(1234)),
        ("12,5", Decimal("12.5")),
        ("1 234,5", Decimal("1234.5")),
        ("1\u202f234,5", Decimal("1234.5")),
        ("87,5 %", Decimal("87.5")),
        (42, Decimal(42)),
        (0.1, Decimal("0.1")),
        ("-3", Decimal(-3)),
    ],
)
def test_parse_number(raw, expected):
    assert rules.parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "", "12,5,3", True, "NaN", "1e400x"])
def test_parse_number_refuses_in_french(raw):
    with pytest.raises(ValueError, match=r"nombre|vide"):
        rules.parse_number(raw)


def test_value_problems():
    assert "entre 0 et 100" in rules.value_problem(Decimal(120), Unit.PERCENT)
    assert rules.value_problem(Decimal(100), Unit.PERCENT) is None
    assert "négative" in rules.value_problem(Decimal(-1), Unit.NUMBER)
    assert rules.value_problem(Decimal(-20), Unit.SCORE) is None  # e.g. a net promoter score
    assert "trop grande" in rules.value_problem(Decimal("1e13"), Unit.NUMBER)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03-15", date(2026, 3, 15)),
        ("15/03/2026", date(2026, 3, 15)),
        ("2026-03", date(2026, 3, 1)),
        ("03/2026", date(2026, 3, 1)),
        ("2026-03-15T10:00:00", date(2026, 3, 15)),
        (date(2026, 3, 15), date(2026, 3, 15)),
    ],
)
def test_parse_date(raw, expected):
    assert rules.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["demain", "2026-02-30", "", "31/13/2026"])
def test_parse_date_refuses_in_french(raw):
    with pytest.raises(ValueError, match=r"date|vide"):
        rules.parse_date(raw)


def test_implausible_dates():
    today = date(2026, 11, 22)
    assert "plausible" in rules.date_problem(date(1999, 12, 31), M, today)
    assert "n'a pas commencé" in rules.date_problem(date(2026, 12, 1), M, today)
    assert rules.date_problem(date(2026, 11, 30), M, today) is None  # current month has begun
    assert rules.date_problem(date(2026, 12, 31), Q, today) is None  # current quarter


def test_french_number_display():
    assert rules.format_number(Decimal("1234.5")) == "1\u202f234,5"
    assert rules.format_number(Decimal("12.50")) == "12,5"
    assert rules.format_number(Decimal(1200)) == "1\u202f200"
    assert rules.format_value(Decimal("87.5"), Unit.PERCENT) == "87,5\u00a0%"
    assert rules.format_value(None, Unit.PERCENT) == "—"


def random_case(rng):
    frequency = rng.choice([W, M, Q, Y])
    today = date(2026, 1, 1) + timedelta(days=rng.randint(0, 700))
    base_day = today - timedelta(days=rng.randint(-100, 900))
    target_day = base_day + timedelta(days=rng.randint(-50, 900))
    latest = None
    if rng.random() < 0.85:
        day = today - timedelta(days=rng.randint(0, 500))
        latest = (rules.period_start(day, frequency), float(rng.randint(0, 300)))
    baseline = (base_day, float(rng.randint(0, 200))) if rng.random() < 0.8 else None
    target = (target_day, float(rng.randint(0, 300))) if rng.random() < 0.8 else None
    if rng.random() < 0.1 and baseline and target:
        target = (target_day, baseline[1])  # target equal to the baseline
    since = today - timedelta(days=rng.randint(0, 400)) if rng.random() < 0.9 else None
    return {
        "frequency": frequency,
        "direction": rng.choice([Direction.UP, Direction.DOWN]),
        "today": today,
        "latest": latest,
        "baseline": baseline,
        "target": target,
        "since": since,
    }


def test_evaluate_many_agrees_with_evaluate_case_by_case():
    """The NumPy version used by the portfolio view gives the same status as `evaluate`."""
    rng = random.Random(2026)
    by_day: dict[date, list] = {}
    for _ in range(3000):
        case = random_case(rng)
        by_day.setdefault(case["today"], []).append(case)
    checked = 0
    for today, cases in by_day.items():

        def column(getter, kind, cases=cases):
            values = [getter(case) for case in cases]
            if kind == "date":
                return np.array([v or "NaT" for v in values], dtype="datetime64[D]")
            return np.array([np.nan if v is None else v for v in values], dtype=float)

        codes, progress, expected = rules.evaluate_many(
            frequency=np.array([rules.FREQUENCY_CODES[case["frequency"]] for case in cases]),
            up=np.array([case["direction"] == Direction.UP for case in cases]),
            today=today,
            latest_period=column(lambda c: c["latest"] and c["latest"][0], "date"),
            latest_value=column(lambda c: c["latest"] and c["latest"][1], "float"),
            baseline_date=column(lambda c: c["baseline"] and c["baseline"][0], "date"),
            baseline_value=column(lambda c: c["baseline"] and c["baseline"][1], "float"),
            target_date=column(lambda c: c["target"] and c["target"][0], "date"),
            target_value=column(lambda c: c["target"] and c["target"][1], "float"),
            since=column(lambda c: c["since"], "date"),
        )
        for index, case in enumerate(cases):
            one = rules.evaluate(**case)
            assert rules.STATUS_CODES[codes[index]] == one.status, case
            if case["latest"]:
                same = (np.isnan(progress[index]) and one.progress is None) or (
                    progress[index] == pytest.approx(one.progress)
                )
                assert same, case
                same = (np.isnan(expected[index]) and one.expected is None) or (
                    expected[index] == pytest.approx(one.expected)
                )
                assert same, case
            checked += 1
    assert checked == 3000
    assert {rules.evaluate(**random_case(rng)).status for _ in range(500)} == set(Status.values)
