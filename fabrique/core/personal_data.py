"""Personal data of one person, across apps: what each app exports and how it erases it.

Each app that stores personal data registers its own functions in its `AppConfig.ready()`:

    from fabrique.core import personal_data
    personal_data.register("candidatures", title="Candidatures", export=..., erase=...)

`export(person)` returns a list of plain dicts (JSON-ready: str, int, bool, date, None);
`erase(person)` anonymises the app's records of that person in place — names and e-mails
replaced, free texts redacted, files removed — and keeps what counts (rows, days, scores),
returning how many records it changed. Accounts call every registered function in one
transaction (`fabrique.accounts.services.person_erase`), then `sweep()` redacts any mention
left in any text column of any model, history tables included.

`core` imports no app: the registry only holds callables.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models

ERASED_NAME = "Personne effacée"
# Names shorter than this are too common to be searched for and replaced in free texts.
MIN_NAME_LENGTH = 5


@dataclass(frozen=True)
class Person:
    """Whom an export or an erasure is about: the account, its address and its names."""

    user: object
    email: str
    names: tuple[str, ...] = ()
    # The address that replaces `email` once erased (unique, never deliverable).
    placeholder_email: str = ""

    @property
    def needles(self) -> dict[str, str]:
        """What to look for in free texts, and what replaces it."""
        found = {self.email: self.placeholder_email or ERASED_NAME} if self.email else {}
        for name in self.names:
            if len(name.strip()) >= MIN_NAME_LENGTH:
                found[name.strip()] = ERASED_NAME
        return found


Export = Callable[[Person], list[dict]]
Erase = Callable[[Person], int]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    export: Export | None
    erase: Erase | None
    order: int


_sections: dict[str, Section] = {}


def register(
    key: str,
    *,
    title: str,
    export: Export | None = None,
    erase: Erase | None = None,
    order: int = 50,
) -> None:
    _sections[key] = Section(key, title, export, erase, order)


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def export_all(person: Person) -> dict[str, dict]:
    """Every app's records of the person: {key: {"titre": ..., "enregistrements": [...]}}."""
    return {
        section.key: {"titre": section.title, "enregistrements": section.export(person)}
        for section in sections()
        if section.export is not None
    }


def erase_all(person: Person) -> dict[str, int]:
    """Run every app's erasure (the caller holds the transaction); {key: records changed}."""
    return {
        section.key: section.erase(person) for section in sections() if section.erase is not None
    }


def redact(text: str, needles: dict[str, str]) -> str:
    """`text` with every needle (case-insensitive) replaced by its replacement."""
    for needle, replacement in needles.items():
        if needle and needle.lower() in text.lower():
            text = re.sub(re.escape(needle), replacement, text, flags=re.IGNORECASE)
    return text


def _redact_json(value, needles: dict[str, str]):
    if isinstance(value, str):
        return redact(value, needles)
    if isinstance(value, list):
        return [_redact_json(item, needles) for item in value]
    if isinstance(value, dict):
        return {redact(str(k), needles): _redact_json(v, needles) for k, v in value.items()}
    return value


TEXT_FIELDS = (models.CharField, models.TextField)


def text_fields(model) -> list[models.Field]:
    """The concrete text and JSON columns of a model (e-mail, slug and URL fields included)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (*TEXT_FIELDS, models.JSONField)) and not field.primary_key
    ]


def _mentions(model, fields, needles) -> models.Q | None:
    query = None
    for field in fields:
        lookup = f"{field.attname}__icontains"
        variants = set(needles)
        if isinstance(field, models.JSONField):
            # JSON is stored ASCII-escaped ("\u00e9"): look for that spelling too.
            variants |= {json.dumps(needle)[1:-1] for needle in needles}
        for needle in variants:
            condition = models.Q(**{lookup: needle})
            query = condition if query is None else query | condition
    return query


# Reference data and framework tables that never hold what a person wrote: not swept (the
# territories alone hold megabytes of geometry).
SWEEP_SKIPPED_APPS = frozenset({"territories", "contenttypes", "sessions"})
SWEEP_SKIPPED_MODELS = frozenset({"auth.Permission"})


def sweep(needles: dict[str, str]) -> dict[str, int]:
    """Redact every mention of the needles in every text column of every model (history tables
    and third-party models included, reference data left out); {model label: rows changed}.
    One query per model to find the rows, one update per row found."""
    changed = {}
    for model in apps.get_models():
        label = model._meta.label
        if (
            model._meta.app_label in SWEEP_SKIPPED_APPS
            or label in SWEEP_SKIPPED_MODELS
            or model._meta.proxy
            or not model._meta.managed
        ):
            continue
        fields = text_fields(model)
        query = _mentions(model, fields, needles) if fields and needles else None
        if query is None:
            continue
        count = 0
        for row in model._base_manager.filter(query).only("pk", *(f.attname for f in fields)):
            values = {}
            for field in fields:
                value = getattr(row, field.attname)
                if isinstance(field, models.JSONField):
                    new = _redact_json(value, needles)
                elif isinstance(value, str):
                    new = redact(value, needles)[: field.max_length or None]
                else:
                    continue
                if new != value:
                    values[field.attname] = new
            if values:
                model._base_manager.filter(pk=row.pk).update(**values)
                count += 1
        if count:
            changed[label] = count
    return changed


def scrub_history(model, pks: Iterable, **values) -> int:
    """Apply `values` to the history rows of the given objects (django-simple-history), so the
    history does not keep what the live rows no longer hold."""
    history = getattr(model, "history", None)
    if history is None or not values:
        return 0
    return history.model.objects.filter(**{f"{model._meta.pk.attname}__in": list(pks)}).update(
        **values
    )
