"""Impact rules that need no database: periods, progress, trend, status, cost per use, values.

Every function takes plain values (dates, Decimals, strings) and `today` as a parameter: the
same input always gives the same answer, which the tests check rule by rule.

**Period.** A measurement belongs to a period of its indicator's frequency: the week (from
Monday), the month, the quarter or the year that contains its date. The period is stored as
its first day, so that (indicator, period) is unique and a second value for the same period
replaces the first one (idempotent upsert).

**Progress** is `(latest − baseline) / (target − baseline)`: 0 at the baseline, 1 (100 %) at
the target, whatever the direction (when lower is better, the target is below the baseline
and both differences are negative). A target on the wrong side of the baseline gives no
progress (the forms refuse it).

**On or off track.** The expected progress at a date is the linear path from the baseline
date (0) to the target date (1). An indicator is on track when the progress of its latest
value is at least the expected progress at the end of that value's period, minus a tolerance
of 10 points (`ON_TRACK_TOLERANCE`); once the target date has passed, only reaching the target
(progress ≥ 100 %) is on track.

**Stale.** An indicator is stale ("sans nouvelles") when more than two complete periods of its
frequency have gone by without a value (`STALE_AFTER_PERIODS`): a monthly indicator whose
latest value is for July is stale from 1 November (August, September, October missing). An
indicator never measured is stale once it has existed for more than two complete periods, and
"à renseigner" before that. Staleness wins over the track status: an old value says nothing
of today.

**Trend** is the sign of the least-squares slope of the last three values (by period): a
change over those periods smaller than 2 % of their mean is "stable".
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .vocabulary import UNIT_SYMBOLS, Direction, Frequency, Status, Trend, Unit

STALE_AFTER_PERIODS = 2
ON_TRACK_TOLERANCE = 0.10
TREND_POINTS = 3
FLAT_TREND_SHARE = 0.02
COMMITTEE_HORIZON_DAYS = 60
EARLIEST_DATE = date(2000, 1, 1)
MAX_ABS_VALUE = Decimal("1000000000000")  # 10^12
VALUE_PLACES = Decimal("0.0001")
COST_WINDOW_MONTHS = 12
ONE_DAY = timedelta(days=1)

MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
MONTH_SHORT = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip
PERIOD_NOUNS = {
    Frequency.WEEKLY: ("semaine", "semaines"),
    Frequency.MONTHLY: ("mois", "mois"),
    Frequency.QUARTERLY: ("trimestre", "trimestres"),
    Frequency.YEARLY: ("an", "ans"),
}


# --- Periods ------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# Plain strings for the hot paths (an enum member lookup costs more than the arithmetic).
WEEKLY, MONTHLY, QUARTERLY, YEARLY = (str(item.value) for item in Frequency)
UP = str(Direction.UP.value)
ON_TRACK, OFF_TRACK, STALE, NO_TARGET, PENDING = (str(item.value) for item in Status)


def period_index(day: date, frequency: str) -> int:
    """Consecutive integers for consecutive periods of a frequency."""
    if frequency == MONTHLY:
        return day.year * 12 + day.month - 1
    if frequency == WEEKLY:
        return (day.toordinal() - 1) // 7  # date.fromordinal(1) is a Monday
    if frequency == QUARTERLY:
        return day.year * 4 + (day.month - 1) // 3
    if frequency == YEARLY:
        return day.year
    raise ValueError(f"Fréquence inconnue « {frequency} ».")


def period_from_index(index: int, frequency: str) -> date:
    if frequency == MONTHLY:
        return date(index // 12, index % 12 + 1, 1)
    if frequency == WEEKLY:
        return date.fromordinal(index * 7 + 1)
    if frequency == QUARTERLY:
        return date(index // 4, (index % 4) * 3 + 1, 1)
    if frequency == YEARLY:
        return date(index, 1, 1)
    raise ValueError(f"Fréquence inconnue « {frequency} ».")


def period_start(day: date, frequency: str) -> date:
    """The first day of the period that contains `day`: Monday, 1st of month/quarter, 1 January."""
    return period_from_index(period_index(day, frequency), frequency)


def shift_period(start: date, frequency: str, periods: int) -> date:
    return period_from_index(period_index(start, frequency) + periods, frequency)


def period_end(start: date, frequency: str) -> date:
    """The last day of the period that contains `start`."""
    return shift_period(start, frequency, 1) - timedelta(days=1)


def periods_between(first: date, last: date, frequency: str) -> list[date]:
    """The starts of every period from the one of `first` to the one of `last`, both included."""
    return [
        period_from_index(index, frequency)
        for index in range(period_index(first, frequency), period_index(last, frequency) + 1)
    ]


def period_label(start: date, frequency: str) -> str:
    """`semaine du 03/03/2025`, `mars 2025`, `1er trimestre 2025`, `2025`."""
    if frequency == Frequency.WEEKLY:
        return f"semaine du {start:%d/%m/%Y}"
    if frequency == Frequency.MONTHLY:
        return f"{MONTH_NAMES[start.month - 1]} {start.year}"
    if frequency == Frequency.QUARTERLY:
        quarter = (start.month - 1) // 3 + 1
        return f"{quarter}{'er' if quarter == 1 else 'e'} trimestre {start.year}"
    return str(start.year)


def period_short_label(start: date, frequency: str) -> str:
    """A label for a chart axis: `03/03/25`, `mars 2025`, `T1 2025`, `2025`."""
    if frequency == Frequency.WEEKLY:
        return f"{start:%d/%m/%y}"
    if frequency == Frequency.MONTHLY:
        return f"{MONTH_SHORT[start.month - 1]} {start.year}"
    if frequency == Frequency.QUARTERLY:
        return f"T{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def period_count_text(count: int, frequency: str) -> str:
    singular, plural = PERIOD_NOUNS.get(frequency, ("période", "périodes"))
    return f"{count} {singular if count <= 1 else plural}"


# --- Staleness and committees -------------------------------------------------------------


def missing_periods(latest_period: date, today: date, frequency: str) -> int:
    """Complete periods without a value after the latest one (0 when the last complete period
    has its value, or when the latest value is for the current period)."""
    current = period_index(today, frequency)
    return max(current - 1 - period_index(latest_period, frequency), 0)


def is_stale(
    latest_period: date | None, today: date, frequency: str, *, since: date | None = None
) -> bool:
    """No value for more than two complete periods. Never measured: stale once the indicator
    (created on `since`) has existed for more than two complete periods."""
    if latest_period is None:
        if since is None:
            return True
        never = period_index(today, frequency) - period_index(since, frequency)
        return never > STALE_AFTER_PERIODS
    return missing_periods(latest_period, today, frequency) > STALE_AFTER_PERIODS


def update_due_for_committee(
    latest_period: date | None, frequency: str, committee: date | None, today: date
) -> bool:
    """Values are updated before each committee. True when the project's next committee is
    within 60 days (or overdue) and the indicator has no value for the last complete period
    before it."""
    if committee is None or committee > today + timedelta(days=COMMITTEE_HORIZON_DAYS):
        return False
    needed = shift_period(period_start(max(committee, today), frequency), frequency, -1)
    return latest_period is None or latest_period < needed


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


# --- Many indicators at once -------------------------------------------------------------
#
# The portfolio view needs the status of every indicator of the portfolio (16,000 at the
# benchmark's scale) on each request: `evaluate_many` applies the rules of `evaluate` to
# columns of values with NumPy, and the tests check that both agree on every case.

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


# --- Cost per use and penetration ---------------------------------------------------------


def cost_window(period: date) -> tuple[date, date]:
    """The 12 months that end with the month of `period`: [first day, day after the last)."""
    month = period.replace(day=1)
    return add_months(month, 1 - COST_WINDOW_MONTHS), add_months(month, 1)


def cost_per_use(spent, active_users) -> Decimal | None:
    """Expenses of the 12 months ending with the period ÷ monthly active users of the period
    (euros per active user). Unknown (None) without expenses or without active users."""
    if spent is None or active_users is None:
        return None
    spent, active_users = Decimal(spent), Decimal(active_users)
    if spent <= 0 or active_users <= 0:
        return None
    return (spent / active_users).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def penetration(users: int, target: int) -> Decimal | None:
    """Share (%) of the target collectivités that use the service."""
    if not target:
        return None
    return (Decimal(100) * users / target).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- Values and dates as typed or imported ------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_FR_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_FR = re.compile(r"^(\d{1,2})/(\d{4})$")


def parse_number(raw) -> Decimal:
    """A number as people type it: `1234.5`, `1 234,5`, `12,5 %`; ValueError in French."""
    if isinstance(raw, bool):
        raise ValueError(f"« {raw} » n'est pas un nombre.")
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    else:
        text = _SPACES.sub("", str(raw or "")).rstrip("%€").replace(",", ".")
        if not text:
            raise ValueError("La valeur est vide.")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"« {str(raw).strip()} » n'est pas un nombre.") from None
    if not number.is_finite():
        raise ValueError(f"« {raw} » n'est pas un nombre.")
    return number


def value_problem(value: Decimal, unit: str) -> str | None:
    """Why a value cannot be recorded for an indicator of that unit, in French; None if fine."""
    if abs(value) >= MAX_ABS_VALUE:
        return f"La valeur {format_number(value)} est trop grande."
    if unit == Unit.PERCENT and not 0 <= value <= 100:
        return f"Un pourcentage est compris entre 0 et 100 (valeur reçue : {format_number(value)})."
    if value < 0 and unit != Unit.SCORE:
        return f"La valeur ne peut pas être négative (unité : {Unit(unit).label.lower()})."
    return None


def clean_value(value: Decimal) -> Decimal:
    return value.quantize(VALUE_PLACES, rounding=ROUND_HALF_UP)


def parse_date(raw) -> date:
    """A date as found in a file or a JSON body: `2025-03-15`, `15/03/2025`, `2025-03`
    (first of the month), a spreadsheet date; ValueError in French."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw or "").strip()
    if not text:
        raise ValueError("La date est vide.")
    for pattern, order in (
        (_ISO_DATE, "ymd"),
        (_FR_DATE, "dmy"),
        (_MONTH, "ym"),
        (_MONTH_FR, "my"),
    ):
        match = pattern.match(text.split("T")[0].split(" ")[0])
        if match:
            parts = dict(zip(order, (int(group) for group in match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts.get("d", 1))
            except ValueError:
                break
    raise ValueError(f"« {text} » n'est pas une date (attendu : AAAA-MM-JJ ou JJ/MM/AAAA).")


def date_problem(day: date, frequency: str, today: date) -> str | None:
    """A measurement's date must fall in a period that has begun, and not before 2000."""
    if day < EARLIEST_DATE:
        return (
            f"La date {day:%d/%m/%Y} est hors de toute période plausible "
            f"(pas avant le {EARLIEST_DATE:%d/%m/%Y})."
        )
    start = period_start(day, frequency)
    if start > today:
        return (
            f"La date {day:%d/%m/%Y} est dans une période qui n'a pas commencé "
            f"({period_label(start, frequency)})."
        )
    return None


# --- Display ------------------------------------------------------------------------------


def format_number(value, places: int | None = None) -> str:
    """French display of a number: `1 234,5` (narrow no-break spaces between thousands)."""
    if value is None:
        return "—"
    number = Decimal(value)
    if places is None:
        whole = number == number.to_integral_value()
        places = 0 if whole else (1 if abs(number) >= 100 else 2)
    text = f"{number:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def format_value(value, unit: str) -> str:
    if value is None:
        return "—"
    symbol = UNIT_SYMBOLS.get(unit, "")
    text = format_number(value)
    return f"{text}\u00a0{symbol}" if symbol else text
