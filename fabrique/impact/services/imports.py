"""The import of a file of measurements in two steps: checked and kept for the preview, then
written once confirmed."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.core.uploads import limit, megabytes
from fabrique.portfolio.models import Project

from ..models import MeasurementImport
from ..rules.checks import CheckedRow, check_rows
from ..vocabulary import Source
from .measurements import UpsertReport, measurements_upsert

IMPORT_TTL = timedelta(hours=6)
MAX_IMPORT_BYTES = 10 * 1024 * 1024


def import_prepare(*, project: Project, upload, user, today: date | None = None):
    """Read a CSV or XLSX file, check every line and keep the result for the preview.

    Raises ValidationError({"file": …}) when the file cannot be read at all; line errors are
    kept on the pending import (and nothing can be confirmed while there is one)."""
    from ..importers import read_table  # the readers pull openpyxl: only load them when needed

    today = today or timezone.localdate()
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(
            {
                "file": f"Fichier trop volumineux ({megabytes(upload.size)} Mo) : "
                f"{limit(MAX_IMPORT_BYTES)} au plus."
            }
        )
    table = read_table(upload)
    rows, errors = check_rows(project.indicators.all(), table.rows, today=today)
    with transaction.atomic():
        MeasurementImport.objects.filter(created_at__lt=timezone.now() - IMPORT_TTL).delete()
        return MeasurementImport.objects.create(
            project=project,
            created_by=user,
            file_name=(getattr(upload, "name", "") or "fichier")[:200],
            line_count=len(table.rows),
            rows=[
                [row.indicator_id, row.period.isoformat(), str(row.value), row.comment, row.where]
                for row in rows
            ],
            errors=[
                [error.where, table.columns.get(error.field, error.field), error.message]
                for error in errors
            ],
        )


def pending_rows(*, pending: MeasurementImport) -> list[CheckedRow]:
    return [
        CheckedRow(where, indicator_id, date.fromisoformat(period), Decimal(value), comment)
        for indicator_id, period, value, comment, where in pending.rows
    ]


@transaction.atomic
def import_confirm(*, pending: MeasurementImport, user) -> UpsertReport:
    """Write what the preview showed, in one transaction, then forget the pending import."""
    if pending.created_at < timezone.now() - IMPORT_TTL:
        pending.delete()
        raise ValidationError("Cet aperçu a expiré : déposez le fichier à nouveau.")
    if pending.errors:
        raise ValidationError(
            "Le fichier contient des erreurs : rien n'est enregistré tant qu'une ligne est fausse."
        )
    rows = pending_rows(pending=pending)
    allowed = set(pending.project.indicators.filter(computed="").values_list("pk", flat=True))
    if any(row.indicator_id not in allowed for row in rows):
        raise ValidationError(
            "Un indicateur du fichier a été supprimé ou modifié depuis l'aperçu : déposez le "
            "fichier à nouveau."
        )
    report = measurements_upsert(
        rows=rows,
        source=Source.FILE,
        user=user,
        reason=f"Import du fichier « {pending.file_name} »",
    )
    pending.delete()
    return report
