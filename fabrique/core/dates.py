"""Calendar arithmetic shared by the apps (no database), and the reading of dates as people
and old files write them (`read_date`)."""

import calendar
import re
from datetime import date, datetime

from django.utils import timezone

from .text import fold

# "2021-03-01", "2021-3-1", "2021/03/01", "2021-03-01T10:39:49Z", "2023-01-05T10:00:00+02:00"
# and Jekyll's "2019-05-07 10:00:00 +0200".
_ISO_DATE = re.compile(
    r"^\s*(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:[T ](?P<time>[0-9:.]*)\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?\s*$"
)
# "01/03/2021", "1-3-2021", "01.03.2021": day first, as in France.
_FRENCH_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
# "7 mai 2019", "1er juin 2021", "lundi 3 janvier 2022" (folded: no accent, lower case).
_WORDS_DATE = re.compile(r"^(?:[a-z]+ )?(\d{1,2})(?:er)? ([a-z]+) (\d{4})$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("janvier", "janv"), ("fevrier", "fevr", "fev"), ("mars",), ("avril", "avr"), ("mai",),
         ("juin",), ("juillet", "juil"), ("aout",), ("septembre", "sept"), ("octobre", "oct"),
         ("novembre", "nov"), ("decembre", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
# What `read_date` reads, said to the person whose date it could not read.
READ_DATE_FORMATS = "2021-03-01, 01/03/2021 ou 1 mars 2021"


def _moment(year: int, month: int, day: int, time: str, zone: str) -> datetime | None:
    zone = "+00:00" if zone == "Z" else zone
    try:
        return datetime.fromisoformat(f"{year:04d}-{month:02d}-{day:02d}T{time}{zone}")
    except ValueError:
        return None


def read_date(value) -> date | None:
    """A date as files and people write it: a date, a datetime, "2021-03-01", "2021-3-1",
    "2021-03-01T10:39:49Z", "2019-05-07 10:00:00 +0200", "01/03/2021" or "7 mai 2019"; None
    when absent or unreadable ("2022-04-T15:00:00.000Z", "2021-13-45", "2021"). Never a
    guess: a year alone or an impossible day is None, not a day picked for it. A time with its
    zone is read as the day it was in France (`TIME_ZONE`); a time without zone is dropped."""
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    if match := _ISO_DATE.match(value):
        year, month, day = map(int, match.group(1, 3, 4))
        moment = match["zone"] and _moment(year, month, day, match["time"], match["zone"])
        if moment:
            # « 2021-03-14T23:00:00.000Z », as site editors store a day picked in France: the
            # day is the one in France (15 March), not in London.
            return timezone.localdate(moment)
    elif match := _FRENCH_DATE.match(value):
        day, month, year = map(int, match.group(1, 2, 3))
    elif (match := _WORDS_DATE.match(fold(value))) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], int(match[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


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


# --- Days off in France ------------------------------------------------------------------

_FIXED_HOLIDAYS = {
    (1, 1): "1er janvier",
    (5, 1): "1er mai",
    (5, 8): "8 mai",
    (7, 14): "14 juillet",
    (8, 15): "Assomption",
    (11, 1): "Toussaint",
    (11, 11): "11 novembre",
    (12, 25): "Noël",
}


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computation)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month = (h + weekday - 7 * m + 90) // 25
    return date(year, month, (h + weekday - 7 * m + 33 * month + 19) % 32)


def public_holiday(day: date) -> str:
    """The name of the national public holiday (jour férié) that `day` is, or ""."""
    if name := _FIXED_HOLIDAYS.get((day.month, day.day)):
        return name
    after_easter = (day - easter_sunday(day.year)).days
    return {1: "lundi de Pâques", 39: "Ascension", 50: "lundi de Pentecôte"}.get(after_easter, "")


def day_off(day: date | datetime | None) -> str:
    """Why nobody works on `day` in France, in French (« un dimanche », « un jour férié
    (Ascension) »), or "": an event planned then is probably a slip of the calendar. A moment
    is read as the day it is in France (`TIME_ZONE`)."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    if holiday := public_holiday(day):
        return f"un jour férié ({holiday})"
    if day.weekday() == calendar.SUNDAY:
        return "un dimanche"
    return ""
