"""History pages: who changed what and when, from django-simple-history records.

`history_rows(records)` turns historical records (of one or several models, newest first) into
rows for `components/history.html`: the record, a label of the object, and the list of changes
(field label, old value, new value) against the previous record of the same object found in
`records`. The oldest record of an object in the list shows no change (fetch one more record than
shown to get it, as `object_history` does).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from operator import attrgetter

from django.core.exceptions import FieldDoesNotExist
from django.db.models import ManyToManyField
from django.utils.formats import number_format
from django.utils.timezone import is_aware, localtime
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

HISTORY_SIZE = 100
ACTIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}


@dataclass
class HistoryRow:
    record: object
    kind: str
    label: str
    action: str
    changes: list[tuple[str, object, object]] = field(default_factory=list)


def _field_label(model, name: str) -> str:
    """The field's French verbose_name: every model field has one (test_verbose_names.py)."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since: show its name
        return name


def _shown(model, name: str, value):
    """A value as a reader expects it: a choice by its label, a date in the French way, yes or
    no, a related record by its name."""
    if value is None or value == "":
        return value
    if isinstance(value, DeletedObject):  # an empty link, or a record deleted since
        if value.pk is None:
            return None
        return f"{value.model._meta.verbose_name} supprimé·e (n° {value.pk})"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, datetime):
        return localtime(value).strftime("%d/%m/%Y %H:%M") if is_aware(value) else value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return number_format(value, force_grouping=True)
    return value


def history_rows(records, *, limit: int = HISTORY_SIZE) -> list[HistoryRow]:
    """Rows of the newest `limit` records (a related record is read to show its name)."""
    ordered = sorted(records, key=attrgetter("history_date", "pk"), reverse=True)
    previous_of = {}
    last_seen = {}
    for record in reversed(ordered):  # oldest first: remember the previous of each object
        key = (record.instance_type, record.history_object.pk)
        previous_of[id(record)] = last_seen.get(key)
        last_seen[key] = record
    rows = []
    for record in ordered[:limit]:
        model = record.instance_type
        previous = previous_of[id(record)]
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            changes = [
                (
                    _field_label(model, change.field),
                    _shown(model, change.field, change.old),
                    _shown(model, change.field, change.new),
                )
                for change in delta.changes
            ]
        rows.append(
            HistoryRow(
                record=record,
                kind=str(model._meta.verbose_name),
                label=str(record.history_object),
                action=ACTIONS.get(record.history_type, record.history_type),
                changes=changes,
            )
        )
    return rows


def object_history(obj, *, limit: int = HISTORY_SIZE) -> list[HistoryRow]:
    """The history of one object, newest first."""
    records = obj.history.select_related("history_user").order_by("-history_date", "-pk")
    return history_rows(list(records[: limit + 1]), limit=limit)


class FrenchHistoryHelper(HistoricalRecordContextHelper):
    """The changes on the administration's « Historique » page shown as on the site's history
    pages: a choice by its label, a date in the French way, an empty value as « — » (never the
    stored code, « None » or « Deleted … (pk=None) »)."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(self.model._meta.get_field(change.field), ManyToManyField):
            return super().prepare_delta_change_value(change, value)
        shown = _shown(self.model, change.field, value)
        return "—" if shown is None or shown == "" else shown
