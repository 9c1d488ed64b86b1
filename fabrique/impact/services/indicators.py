"""Writes on indicators: create, change, delete, the starter set, the North Star."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.portfolio.models import Project

from .. import rules
from ..models import ONE_NORTH_STAR, Indicator
from ..vocabulary import ACTIVE_USERS, STARTER_SET, Computation, Direction
from .deployment import penetration_refresh
from .measurements import refresh_latest


def _value_errors(indicator: Indicator) -> dict:
    errors = {}
    pairs = (
        ("baseline_value", "baseline_date", "la valeur de référence"),
        ("target_value", "target_date", "la cible"),
    )
    for value_field, date_field, label in pairs:
        value, day = getattr(indicator, value_field), getattr(indicator, date_field)
        if (value is None) != (day is None):
            missing = date_field if day is None else value_field
            errors[missing] = f"Donnez la valeur et la date de {label}, ou aucune des deux."
        if value is not None:
            problem = rules.value_problem(Decimal(value), indicator.unit)
            if problem:
                errors[value_field] = problem
    if not errors and indicator.baseline_date and indicator.target_date:
        if indicator.target_date <= indicator.baseline_date:
            errors["target_date"] = "L'échéance de la cible doit suivre la date de référence."
        baseline, target = indicator.baseline_value, indicator.target_value
        if indicator.direction == Direction.UP and target <= baseline:
            errors["target_value"] = (
                "Plus c'est haut, mieux c'est : la cible doit dépasser la valeur de référence."
            )
        if indicator.direction == Direction.DOWN and target >= baseline:
            errors["target_value"] = (
                "Plus c'est bas, mieux c'est : la cible doit être sous la valeur de référence."
            )
    return errors


# The fields of an indicator a service may set (`latest_*` are copies of its measurements).
INDICATOR_FIELDS = frozenset(
    field.name
    for field in Indicator._meta.concrete_fields
    if field.editable and not field.primary_key and field.name != "project"
)


@transaction.atomic
def indicator_save(
    *, project: Project, name: str, indicator: Indicator | None = None, **fields
) -> Indicator:
    """Create an indicator of a project from its field values (`definition`, `level`, `unit`,
    `baseline_value`…), or change `indicator` (fields not given keep their value)."""
    unknown = set(fields) - INDICATOR_FIELDS
    if unknown:
        raise TypeError(f"indicator_save : champs inconnus {sorted(unknown)}")
    indicator = indicator or Indicator(project=project)
    indicator.name = name
    for field, value in fields.items():
        setattr(indicator, field, value)
    errors = _value_errors(indicator)
    others = Indicator.objects.filter(project=indicator.project_id).exclude(pk=indicator.pk)
    if others.filter(name__iexact=indicator.name.strip()).exists():
        errors["name"] = "Ce projet a déjà un indicateur de ce nom."
    if indicator.is_north_star and others.filter(is_north_star=True).exists():
        errors["is_north_star"] = ONE_NORTH_STAR
    if indicator.pk:
        before = Indicator.objects.get(pk=indicator.pk)
        if before.frequency != indicator.frequency and before.measurements.exists():
            errors["frequency"] = (
                "La fréquence ne peut plus changer : l'indicateur a déjà des valeurs, rangées "
                "par période. Créez un autre indicateur."
            )
        if before.computed and (before.unit, before.frequency, before.direction) != (
            indicator.unit,
            indicator.frequency,
            indicator.direction,
        ):
            errors["unit"] = "L'unité, la fréquence et le sens d'un indicateur calculé sont fixes."
    if errors:
        raise ValidationError(errors)
    indicator.name = indicator.name.strip()
    indicator.full_clean()
    indicator.save()
    # The copy loaded with the form may predate a new value.
    refresh_latest(indicator_ids=[indicator.pk])
    return indicator


@transaction.atomic
def starter_set_add(*, project: Project, today: date | None = None) -> list[Indicator]:
    """Add the seven indicators every service tracks; those already there (same key or same
    name) are left as they are. The active users become the North Star when the project has
    none. Returns the indicators created."""
    existing = project.indicators.all()
    keys = set(existing.values_list("key", flat=True))
    names = {name.lower() for name in existing.values_list("name", flat=True)}
    has_star = existing.filter(is_north_star=True).exists()
    created = []
    for position, item in enumerate(STARTER_SET, start=1):
        if item.key in keys or item.name.lower() in names:
            continue
        indicator = Indicator(
            **item.fields(),
            project=project,
            position=position,
            is_north_star=item.key == ACTIVE_USERS and not has_star,
        )
        indicator.full_clean()
        indicator.save()
        created.append(indicator)
    if any(indicator.computed == Computation.PENETRATION for indicator in created):
        penetration_refresh(project=project, today=today)
    return created


@transaction.atomic
def north_star_set(*, indicator: Indicator) -> Indicator:
    """Make this indicator the project's North Star (the previous one loses it)."""
    for other in indicator.project.indicators.filter(is_north_star=True).exclude(pk=indicator.pk):
        other.is_north_star = False
        other.save(update_fields=["is_north_star", "updated_at"])
    indicator.is_north_star = True
    indicator.save(update_fields=["is_north_star", "updated_at"])
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    indicator.delete()
