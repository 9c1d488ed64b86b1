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


def done_day_problem(
    day: date, start: date | None, today: date, *, start_of: str, recorded: str
) -> str:
    """What is wrong with the date of something already done (days spent, an interview, a
    training): not before the start of what it belongs to (`start_of`: « de la mission »),
    not after today (`recorded`: « les jours passés se saisissent une fois faits »). A
    mistyped year would otherwise count it outside. '' when the date is fine."""
    if start is not None and day < start:
        return (
            f"Le {day:%d/%m/%Y} est avant le début {start_of} ({start:%d/%m/%Y}) : corrigez la "
            "date."
        )
    if day > today:
        return f"Le {day:%d/%m/%Y} est à venir : {recorded}, au plus tard aujourd'hui."
    return ""
