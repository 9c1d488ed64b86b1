"""Progress, expected progress, on or off track, trend, and the evaluation of one indicator as of
`today` (`evaluate`); see the package's docstring for the rules."""

from dataclasses import dataclass
from datetime import date

from ..vocabulary import Direction, Status, Trend
from .periods import (
    NO_TARGET,
    OFF_TRACK,
    ON_TRACK,
    ONE_DAY,
    PENDING,
    STALE,
    STALE_AFTER_PERIODS,
    UP,
    is_stale,
    period_from_index,
    period_index,
)

ON_TRACK_TOLERANCE = 0.10
TREND_POINTS = 3
FLAT_TREND_SHARE = 0.02


# --- Progress, track, trend ---------------------------------------------------------------


def progress(latest, baseline, target, direction: str) -> float | None:
    """Share of the way from baseline to target (0 = baseline, 1 = target); None when a value is
    missing or the target lies on the wrong side of the baseline for the direction."""
    if latest is None or baseline is None or target is None:
        return None
    latest, baseline, target = float(latest), float(baseline), float(target)
    span = target - baseline
    if span == 0:
        reached = latest >= target if direction == UP else latest <= target
        return 1.0 if reached else 0.0
    if (span < 0) == (direction == UP):
        return None
    return (latest - baseline) / span


def expected_progress(day: date, baseline_date: date | None, target_date: date | None):
    """Where the linear path from the baseline date (0) to the target date (1) is at `day`."""
    if baseline_date is None or target_date is None or target_date <= baseline_date:
        return None
    ratio = (day - baseline_date).days / (target_date - baseline_date).days
    return min(max(ratio, 0.0), 1.0)


def track_status(progress_value: float | None, expected: float | None, *, target_passed: bool):
    if progress_value is None or expected is None:
        return NO_TARGET
    if target_passed:
        return ON_TRACK if progress_value >= 1 else OFF_TRACK
    return ON_TRACK if progress_value >= expected - ON_TRACK_TOLERANCE else OFF_TRACK


def trend(points, frequency: str) -> Trend | None:
    """Direction of the last three values: `points` are (period, value) pairs in any order."""
    recent = sorted(points, key=lambda point: point[0])[-TREND_POINTS:]
    if len(recent) < 2:
        return None
    xs = [period_index(day, frequency) for day, _ in recent]
    ys = [float(value) for _, value in recent]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    change = slope * (xs[-1] - xs[0])
    scale = max(abs(mean_y), 1e-9)
    if abs(change) < FLAT_TREND_SHARE * scale:
        return Trend.FLAT
    return Trend.UP if slope > 0 else Trend.DOWN


def trend_is_good(value: Trend | None, direction: str) -> bool | None:
    if value is None or value == Trend.FLAT:
        return None
    return (value == Trend.UP) == (direction == Direction.UP)


@dataclass(slots=True)
class Evaluation:
    """Everything derived from an indicator's values, as of `today`."""

    status: str
    progress: float | None = None
    expected: float | None = None
    trend: str | None = None
    missing: int | None = None  # complete periods without a value after the latest one
    target_passed: bool = False

    @property
    def progress_percent(self) -> int | None:
        return None if self.progress is None else round(self.progress * 100)

    @property
    def expected_percent(self) -> int | None:
        return None if self.expected is None else round(self.expected * 100)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def trend_label(self) -> str:
        return Trend(self.trend).label if self.trend else "—"


def evaluate(
    *,
    frequency: str,
    direction: str,
    today: date,
    latest: tuple[date, object] | None,
    baseline: tuple[date | None, object] | None = None,
    target: tuple[date | None, object] | None = None,
    recent=(),
    since: date | None = None,
) -> Evaluation:
    """The status of an indicator: `latest` is (period, value) of its latest value, `baseline`
    and `target` are (date, value), `recent` the last values as (period, value) for the trend,
    `since` the day the indicator was created."""
    trend_value = trend(recent, frequency) if recent else None
    if latest is None:
        stale = is_stale(None, today, frequency, since=since)
        return Evaluation(STALE if stale else PENDING, trend=trend_value)
    latest_period, latest_value = latest
    index = period_index(latest_period, frequency)
    missing = max(period_index(today, frequency) - 1 - index, 0)
    baseline_date, baseline_value = baseline or (None, None)
    target_date, target_value = target or (None, None)
    value_progress = progress(latest_value, baseline_value, target_value, direction)
    period_last_day = period_from_index(index + 1, frequency) - ONE_DAY
    measured_on = period_last_day if period_last_day < today else today
    expected = expected_progress(measured_on, baseline_date, target_date)
    target_passed = bool(target_date and measured_on >= target_date)
    if missing > STALE_AFTER_PERIODS:
        status = STALE
    else:
        status = track_status(value_progress, expected, target_passed=target_passed)
    return Evaluation(status, value_progress, expected, trend_value, missing, target_passed)
