"""Writes on measurements: the idempotent upsert per period (form, import, API), with
history, and the copy of each indicator's latest value."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from fabrique.core.importing import ImportReport

from ..models import Indicator, Measurement
from ..rules.checks import CheckedRow, RawRow, check_rows
from ..vocabulary import Source

BATCH = 500


@cache
def _history():
    """The history manager of measurements: simple-history builds a new manager class on each
    `Measurement.history` access, which costs more than the whole write of a single value."""
    return Measurement.history


def _stored_values(first: date, after: date, indicator_ids) -> list[tuple]:
    """The values already stored for the periods of a batch (read on every API push)."""
    return list(
        Measurement.objects.filter(
            indicator_id__in=indicator_ids, period__gte=first, period__lt=after
        )
        .order_by()
        .values_list("indicator_id", "period", "pk", "value", "comment", "created_at")
    )


@dataclass
class UpsertReport(ImportReport):
    """The import report of `core.importing`, plus each row's outcome and measurement."""

    results: list = field(default_factory=list)  # (CheckedRow, outcome, measurement pk)

    def values_summary(self) -> str:
        """« 2 nouvelles valeurs, 1 valeur modifiée, 0 valeur identique. »"""

        def plural(count, one, many):
            return f"{count} {one if count <= 1 else many}"

        return (
            f"{plural(self.created, 'nouvelle valeur', 'nouvelles valeurs')}, "
            f"{plural(self.updated, 'valeur modifiée', 'valeurs modifiées')}, "
            f"{plural(self.unchanged, 'valeur identique', 'valeurs identiques')}."
        )


@transaction.atomic
def measurements_upsert(
    *, rows: list[CheckedRow], source: str, user=None, reason: str = "", latest_periods=None
):
    """Write checked rows: a value for a period that has one replaces it (idempotent when the
    same value comes again). One transaction, a few bulk statements, with history.

    `latest_periods` ({indicator id: latest period}, when the caller has just read them) spares
    the refresh of indicators whose latest value is not touched."""
    report = UpsertReport(read=len(rows))
    if not rows:
        return report
    now = timezone.now()
    periods = [row.period for row in rows]
    found = _stored_values(
        min(periods), max(periods) + timedelta(days=1), sorted({row.indicator_id for row in rows})
    )
    existing = {
        (indicator_id, period): (pk, value, comment, created_at)
        for indicator_id, period, pk, value, comment, created_at in found
    }
    created, updated, outcomes = [], [], []
    for row in rows:
        current = existing.get((row.indicator_id, row.period))
        comment = row.comment if row.comment is not None else (current[2] if current else "")
        if current is not None and current[1] == row.value and current[2] == comment:
            report.unchanged += 1
            outcomes.append((row, "unchanged", current[0]))
            continue
        measurement = Measurement(
            indicator_id=row.indicator_id,
            period=row.period,
            value=row.value,
            comment=comment,
            source=source,
            recorded_by=user,
        )
        if current is None:
            created.append(measurement)
            outcomes.append((row, "created", measurement))
        else:
            measurement.created_at = current[3]
            updated.append(measurement)
            outcomes.append((row, "updated", measurement))
    written = created + updated
    if written:
        Measurement.objects.bulk_create(
            written,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["indicator", "period"],
            update_fields=["value", "comment", "source", "recorded_by", "updated_at"],
        )
        history = _history()
        user = user if user and user.is_authenticated else None
        for objects, update in ((created, False), (updated, True)):
            if objects:
                history.bulk_history_create(
                    objects, batch_size=BATCH, update=update, default_user=user,
                    default_change_reason=reason, default_date=now,
                )  # fmt: skip
        newest: dict[int, date] = {}
        for measurement in written:
            newest[measurement.indicator_id] = max(
                newest.get(measurement.indicator_id, measurement.period), measurement.period
            )
        if latest_periods is not None:
            newest = {
                pk: period
                for pk, period in newest.items()
                if latest_periods.get(pk) is None or period >= latest_periods[pk]
            }
        refresh_latest(indicator_ids=newest)
    report.created, report.updated = len(created), len(updated)
    report.results = [
        (row, outcome, measurement if isinstance(measurement, int) else measurement.pk)
        for row, outcome, measurement in outcomes
    ]
    return report


def measurement_record(
    *, indicator: Indicator, day: date, value, comment: str = "", user=None, today=None
) -> UpsertReport:
    """One value typed in the form: checked like a file line, then written."""
    today = today or timezone.localdate()
    rows, errors = check_rows(
        [indicator], [RawRow(1, indicator.pk, day, value, comment)], today=today
    )
    if errors:
        fields = {"indicator": "__all__", "date": "date", "value": "value", "comment": "comment"}
        messages: dict[str, list[str]] = {}
        for error in errors:
            messages.setdefault(fields[error.field], []).append(error.message)
        raise ValidationError(messages)
    return measurements_upsert(
        rows=rows, source=Source.FORM, user=user, reason="Saisie au formulaire"
    )


@transaction.atomic
def measurement_correct(
    *, measurement: Measurement, day: date, value, comment: str = "", user=None, today=None
) -> UpsertReport:
    """Correct a value: checked like a typed one; moved to another period, the old one goes
    (both kept in the history)."""
    report = measurement_record(
        indicator=measurement.indicator,
        day=day,
        value=value,
        comment=comment,
        user=user,
        today=today,
    )
    if all(pk != measurement.pk for _row, _outcome, pk in report.results):
        measurement_delete(measurement=measurement)
    return report


@transaction.atomic
def measurement_delete(*, measurement: Measurement) -> None:
    if measurement.indicator.computed:
        raise ValidationError("Les valeurs d'un indicateur calculé ne se suppriment pas.")
    measurement.delete()
    refresh_latest(indicator_ids=[measurement.indicator_id])


def refresh_latest(*, indicator_ids) -> None:
    """Copy the latest measurement of these indicators onto them (one UPDATE)."""
    ids = list(indicator_ids)
    if not ids:
        return
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-period")
    Indicator.objects.filter(pk__in=ids).update(
        latest_period=Subquery(latest.values("period")[:1]),
        latest_value=Subquery(latest.values("value")[:1]),
    )
