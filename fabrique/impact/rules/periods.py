"""Periods and staleness: the week, month, quarter or year a measurement belongs to, stored as its
first day; their labels in French; complete periods missing, staleness, and the update due
before a committee.
"""

from datetime import date, timedelta

from ..vocabulary import Direction, Frequency, Status

STALE_AFTER_PERIODS = 2
COMMITTEE_HORIZON_DAYS = 60
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
