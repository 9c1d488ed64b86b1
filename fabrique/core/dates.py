"""Calendar arithmetic shared by the apps (no database)."""

import calendar
from datetime import date


def months_later(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day when it is shorter:
    31 January + 1 month is 28 or 29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter(day: date) -> str:
    """« 2026 T3 »: the quarter of a date, read in French and sorted as text in time order."""
    return f"{day.year} T{(day.month - 1) // 3 + 1}"
