"""Values and dates as people type them or files hold them (parsed, checked, in French), and
numbers and values as shown (French format, unit symbol)."""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from fabrique.core.numbers import read_decimal

from ..vocabulary import UNIT_SYMBOLS, Unit
from .periods import period_label, period_start

EARLIEST_DATE = date(2000, 1, 1)
MAX_ABS_VALUE = Decimal("1000000000000")  # 10^12
VALUE_PLACES = Decimal("0.0001")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_FR_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_FR = re.compile(r"^(\d{1,2})/(\d{4})$")


def parse_number(raw) -> Decimal:
    """A number as people type it: `1234.5`, `1 234,5`, `12,5 %` (`core.numbers.read_decimal`,
    with the per cent sign and the Swiss apostrophe); ValueError in French."""
    if isinstance(raw, str):
        text = raw.strip().removesuffix("%").replace("'", "")
        if not text.strip():
            raise ValueError("La valeur est vide.")
    elif raw is None:
        raise ValueError("La valeur est vide.")
    else:
        text = raw
    try:
        return read_decimal(text)
    except ValueError:
        raise ValueError(f"« {str(raw).strip()} » n'est pas un nombre.") from None


def value_problem(value: Decimal, unit: str) -> str | None:
    """Why a value cannot be recorded for an indicator of that unit, in French; None if fine."""
    if abs(value) >= MAX_ABS_VALUE:
        # Not repeated: « 1e400 » typed by mistake would be echoed as 400 digits.
        limit = format_number(MAX_ABS_VALUE - 1)
        return f"La valeur est trop grande : au plus {limit} (en valeur absolue)."
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
