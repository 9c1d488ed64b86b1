"""The preview of a pending import of measurements: what confirming it would do, line by line."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .. import rules
from ..models import Indicator, Measurement

PREVIEW_ROWS = 50
PREVIEW_ERRORS = 200


@dataclass
class ImportPreview:
    line_count: int
    rows: list  # first lines: (line, indicator, period, value, comment, outcome, previous value)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    error_count: int = 0


def import_preview(pending) -> ImportPreview:
    """What confirming a pending import would do, line by line (two queries)."""
    indicators = {
        indicator.pk: indicator
        for indicator in Indicator.objects.filter(project=pending.project_id)
    }
    preview = ImportPreview(
        line_count=pending.line_count,
        rows=[],
        errors=pending.errors[:PREVIEW_ERRORS],
        error_count=len(pending.errors),
    )
    if pending.errors or not pending.rows:
        return preview
    periods = [row[1] for row in pending.rows]
    existing = {
        (indicator_id, period.isoformat()): (value, comment)
        for indicator_id, period, value, comment in Measurement.objects.filter(
            indicator_id__in={row[0] for row in pending.rows},
            period__gte=min(periods),
            period__lte=max(periods),
        ).values_list("indicator_id", "period", "value", "comment")
    }
    for indicator_id, period, value, comment, line in pending.rows:
        value = Decimal(value)
        current = existing.get((indicator_id, period))
        if current is None:
            outcome, previous = "nouvelle", None
            preview.created += 1
        elif current[0] == value and (comment is None or comment == current[1]):
            outcome, previous = "identique", current[0]
            preview.unchanged += 1
        else:
            outcome, previous = "remplace", current[0]
            preview.updated += 1
        if len(preview.rows) < PREVIEW_ROWS:
            indicator = indicators.get(indicator_id)
            unit = indicator.unit if indicator else ""
            preview.rows.append(
                (
                    line,
                    indicator.name if indicator else "?",
                    rules.period_label(date.fromisoformat(period), indicator.frequency)
                    if indicator
                    else period,
                    rules.format_value(value, unit),
                    comment or "",
                    outcome,
                    rules.format_value(previous, unit) if previous is not None else "",
                )
            )
    return preview
