"""Checks of measurements as received (a file's lines, an API body's items, a form): every
problem said in French, by line or item and by field, and nothing written here.

A value for an indicator the project has (found by id, by name whatever the case and accents,
or by its starter-set key), not computed by Fabrique; a number (`12,5`, `1 234`), within 0 and
100 for a percentage, not negative unless a score; a date in a period that has begun, not before
2000; one value per period in a batch."""

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from .periods import period_label, period_start
from .values import clean_value, date_problem, parse_date, parse_number, value_problem

if TYPE_CHECKING:
    from ..models import Indicator

MAX_COMMENT = 2000


@dataclass(frozen=True)
class RawRow:
    """A value as received: from a file line (`where` = line number) or an API item (index)."""

    where: int
    indicator: object
    date: object
    value: object
    comment: object = None  # None: not given (an existing comment is kept)


@dataclass(frozen=True)
class RowError:
    where: int
    field: str  # indicator, date, value, comment
    message: str


@dataclass(frozen=True)
class CheckedRow:
    where: int
    indicator_id: int
    period: date
    value: Decimal
    comment: str | None


def normalise_name(text) -> str:
    """`Usagers actifs  mensuels` and `usagers actifs mensuels` are the same name."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("\u2019", "'").casefold().split())


class IndicatorResolver:
    """Find a project's indicator by id, by name (case and accents ignored) or by its key."""

    def __init__(self, indicators):
        self.indicators = list(indicators)
        self.by_id = {indicator.pk: indicator for indicator in self.indicators}
        self.by_name = {}
        for indicator in self.indicators:
            self.by_name.setdefault(normalise_name(indicator.name), indicator)
            if indicator.key:
                self.by_name.setdefault(indicator.key, indicator)

    def names(self) -> str:
        """The indicators a file or a script may fill: the computed ones are left out, since a
        value sent for them is refused."""
        fillable = [indicator for indicator in self.indicators if not indicator.computed]
        return ", ".join(f"« {indicator.name} »" for indicator in fillable[:12]) or "aucun"

    def resolve(self, raw) -> tuple["Indicator | None", str]:
        if isinstance(raw, bool) or raw is None or str(raw).strip() == "":
            return None, "Indicateur manquant."
        if isinstance(raw, int) or str(raw).strip().isdigit():
            indicator = self.by_id.get(int(raw))
            if indicator is None:
                return None, (
                    f"Aucun indicateur n° {int(raw)} dans ce projet (indicateurs : {self.names()})."
                )
            return indicator, ""
        indicator = self.by_name.get(normalise_name(raw))
        if indicator is None:
            return None, (
                f"Indicateur inconnu « {str(raw).strip()} » : les indicateurs du projet sont "
                f"{self.names()}."
            )
        return indicator, ""


def check_rows(
    indicators, rows: list[RawRow], *, today: date, where_text=lambda where: f"la ligne {where}"
) -> tuple[list[CheckedRow], list[RowError]]:
    """Check every row; return the clean rows and every error (nothing is written here)."""
    resolver = IndicatorResolver(indicators)
    checked, errors = [], []
    seen: dict[tuple[int, date], int] = {}
    for row in rows:
        row_errors = []
        indicator, problem = resolver.resolve(row.indicator)
        if problem:
            row_errors.append(RowError(row.where, "indicator", problem))
        elif indicator.computed:
            row_errors.append(
                RowError(
                    row.where,
                    "indicator",
                    f"« {indicator.name} » est calculé par Fabrique : sa valeur ne se saisit pas.",
                )
            )
        day = value = None
        try:
            day = parse_date(row.date)
        except ValueError as error:
            row_errors.append(RowError(row.where, "date", str(error)))
        try:
            value = parse_number(row.value)
        except ValueError as error:
            row_errors.append(RowError(row.where, "value", str(error)))
        comment = None if row.comment is None else str(row.comment).strip()
        if comment and len(comment) > MAX_COMMENT:
            row_errors.append(
                RowError(
                    row.where,
                    "comment",
                    f"Commentaire trop long : {MAX_COMMENT} caractères au plus.",
                )
            )
        if indicator is not None and not indicator.computed:
            if day is not None:
                problem = date_problem(day, indicator.frequency, today)
                if problem:
                    row_errors.append(RowError(row.where, "date", problem))
            if value is not None:
                problem = value_problem(value, indicator.unit)
                if problem:
                    row_errors.append(RowError(row.where, "value", problem))
        if row_errors:
            errors.extend(row_errors)
            continue
        period = period_start(day, indicator.frequency)
        first = seen.get((indicator.pk, period))
        if first is not None:
            errors.append(
                RowError(
                    row.where,
                    "date",
                    f"Même période ({period_label(period, indicator.frequency)}) que "
                    f"{where_text(first)} pour « {indicator.name} » : une seule valeur par "
                    "période.",
                )
            )
            continue
        seen[(indicator.pk, period)] = row.where
        checked.append(CheckedRow(row.where, indicator.pk, period, clean_value(value), comment))
    return checked, errors
