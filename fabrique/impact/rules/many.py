"""The rules of `evaluate` applied to many indicators at once, as NumPy columns.

The portfolio view needs the status of every indicator of the portfolio (16,000 at the
benchmark's scale) on each request: `evaluate_many` applies the rules of `evaluate` to
columns of values with NumPy, and the tests check that both agree on every case.
"""

from datetime import date

from .evaluation import ON_TRACK_TOLERANCE
from .periods import (
    MONTHLY,
    NO_TARGET,
    OFF_TRACK,
    ON_TRACK,
    PENDING,
    QUARTERLY,
    STALE,
    STALE_AFTER_PERIODS,
    WEEKLY,
    YEARLY,
)

STATUS_CODES = (ON_TRACK, OFF_TRACK, STALE, NO_TARGET, PENDING)
_CODE = {status: code for code, status in enumerate(STATUS_CODES)}
FREQUENCY_CODES = {WEEKLY: 0, MONTHLY: 1, QUARTERLY: 2, YEARLY: 3}
_WEEK_SHIFT = 3  # 1970-01-01 is a Thursday: day + 3 counts from Monday 1969-12-29


def _indexes(days, frequency_codes):
    """Period indexes (consecutive per frequency) of datetime64[D] days; NaT gives garbage that
    the callers mask."""
    import numpy as np

    numbers = days.astype("int64")
    months = days.astype("datetime64[M]").astype("int64")
    return np.select(
        [frequency_codes == 0, frequency_codes == 1, frequency_codes == 2],
        [(numbers + _WEEK_SHIFT) // 7, months, months // 3],
        days.astype("datetime64[Y]").astype("int64"),
    )


def _period_last_days(indexes, frequency_codes):
    """The last day (as days since 1970) of the periods of the given indexes."""
    import numpy as np

    following = indexes + 1
    weekly = following * 7 - _WEEK_SHIFT
    monthly = following.astype("datetime64[M]").astype("datetime64[D]").astype("int64")
    quarterly = (following * 3).astype("datetime64[M]").astype("datetime64[D]").astype("int64")
    yearly = following.astype("datetime64[Y]").astype("datetime64[D]").astype("int64")
    return (
        np.select(
            [frequency_codes == 0, frequency_codes == 1, frequency_codes == 2],
            [weekly, monthly, quarterly],
            yearly,
        )
        - 1
    )


def evaluate_many(
    *,
    frequency,
    up,
    today: date,
    latest_period,
    latest_value,
    baseline_date,
    baseline_value,
    target_date,
    target_value,
    since,
):
    """Status codes (indexes in `STATUS_CODES`) of many indicators, as `evaluate` gives them.

    Every argument is a NumPy array of the same length: `frequency` codes
    (`FREQUENCY_CODES`), `up` booleans (higher is better), dates as datetime64[D] (NaT when
    missing), values as float64 (NaN when missing). Also returns progress and expected
    progress (NaN when unknown)."""
    import numpy as np

    today_day = np.datetime64(today, "D")
    today_number = today_day.astype("int64")
    has_latest = ~np.isnat(latest_period)
    safe_latest = np.where(has_latest, latest_period, today_day)
    latest_index = _indexes(safe_latest, frequency)
    today_index = _indexes(np.full(frequency.shape, today_day), frequency)
    missing = np.maximum(today_index - 1 - latest_index, 0)
    since_index = _indexes(np.where(np.isnat(since), today_day, since), frequency)
    stale_unmeasured = np.isnat(since) | (today_index - since_index > STALE_AFTER_PERIODS)

    span = target_value - baseline_value
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (latest_value - baseline_value) / span
    reached = np.where(up, latest_value >= target_value, latest_value <= target_value)
    wrong_side = (span != 0) & ((span < 0) == up)
    progress = np.where(span == 0, np.where(reached, 1.0, 0.0), ratio)
    progress = np.where(wrong_side | np.isnan(span) | np.isnan(latest_value), np.nan, progress)

    measured_on = np.minimum(_period_last_days(latest_index, frequency), today_number)
    start = baseline_date.astype("int64")
    end = target_date.astype("int64")
    dated = ~np.isnat(baseline_date) & ~np.isnat(target_date) & (end > start)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.clip((measured_on - start) / (end - start), 0.0, 1.0)
    expected = np.where(dated, expected, np.nan)
    target_passed = ~np.isnat(target_date) & (measured_on >= end)

    unknown = np.isnan(progress) | np.isnan(expected)
    on_track = np.where(target_passed, progress >= 1, progress >= expected - ON_TRACK_TOLERANCE)
    codes = np.where(
        unknown, _CODE[NO_TARGET], np.where(on_track, _CODE[ON_TRACK], _CODE[OFF_TRACK])
    )
    codes = np.where(missing > STALE_AFTER_PERIODS, _CODE[STALE], codes)
    codes = np.where(has_latest, codes, np.where(stale_unmeasured, _CODE[STALE], _CODE[PENDING]))
    return codes, progress, expected
