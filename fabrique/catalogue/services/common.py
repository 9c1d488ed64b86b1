"""Helpers shared by the catalogue's services: slugs, choice checks, and
the building of an instance from the field values a service receives."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from fabrique.core import slugs

RESERVED_SLUGS = frozenset({"nouvelle", "nouveau"})  # paths of the creation pages


def unique_slug(model, name: str, exclude_pk=None, fallback: str = "fiche") -> str:
    return slugs.unique_slug(
        model.objects.all(), name, max_length=100, fallback=fallback, exclude_pk=exclude_pk,
        reserved=RESERVED_SLUGS,
    )  # fmt: skip


def unknown_values(label: str, unknown: list[str]) -> str:
    """« Valeur inconnue pour « Catégories » : x. », agreed with the number of values."""
    noun = "Valeurs inconnues" if len(unknown) > 1 else "Valeur inconnue"
    return f"{noun} pour « {label} » : {', '.join(unknown)}."


def check_choices(errors: dict, field: str, values: Iterable[str], choices, label: str):
    unknown = [value for value in values if value not in choices.values]
    if unknown:
        errors[field] = unknown_values(label, unknown)


def raise_errors(errors: dict):
    if errors:
        raise ValidationError(errors)


def fields_of(model) -> frozenset[str]:
    """The fields a service may set from its keyword arguments (derived columns excluded)."""
    return frozenset(
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key
    )


def build(model, instance, fields: dict, *, service: str, derived=()):
    """`instance` (or a new one) with `fields` set; an unknown name is a programming error."""
    unknown = set(fields) - (fields_of(model) - set(derived))
    if unknown:
        raise TypeError(f"{service} : champs inconnus {sorted(unknown)}")
    instance = instance or model()
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def full_clean(instance, exclude=()):
    try:
        instance.full_clean(exclude=["slug", *exclude])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None


def imported_error(what: str, source: str) -> ValidationError:
    return ValidationError(
        f"{what} vient de {source} : supprimée ici, elle reviendrait au prochain import. "
        "Corrigez-la plutôt, ou retirez-la de la source."
    )
