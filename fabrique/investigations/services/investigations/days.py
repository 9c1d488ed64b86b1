"""The days ledger of an investigation: record, correct, delete days, by whose role."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.core.numbers import days_text

from ...models import DayEntry, Investigation
from ...rules import day_amount_problem, day_date_problem, day_role_problem, day_roles_allowed
from ...vocabulary import StaffRole


def _day_roles(by, investigation: Investigation) -> list[str]:
    return day_roles_allowed(
        is_team=is_incubator_staff(by),
        is_coach=by.pk == investigation.coach_id,
        is_designer=by.pk == investigation.designer_id,
    )


@transaction.atomic
def day_save(
    *,
    investigation: Investigation,
    role: str,
    day: date,
    days,
    person=None,
    full_name: str = "",
    note: str = "",
    entry: DayEntry | None = None,
    by=None,
) -> DayEntry:
    """Record days spent on an investigation, or correct an entry: same rules (half a day or
    one day per date, a role of the list, who spent them). Given `by`, the person writing: the
    coach and the designer write their own role's days and the agents', never each other's."""
    errors = {}
    if wrong := day_amount_problem(days):
        errors["days"] = wrong
    else:
        amount = Decimal(str(days))
    if role not in StaffRole.values:
        errors["role"] = "Choisissez un rôle de la liste."
    elif by is not None:
        allowed = _day_roles(by, investigation)
        if wrong := day_role_problem(entry.role if entry else role, allowed) or day_role_problem(
            role, allowed
        ):
            errors["role"] = wrong
    if when := day_date_problem(day, investigation.start, timezone.localdate()):
        errors["day"] = when
    name = full_name.strip() or (person.get_full_name() or person.email if person else "")
    if not name:
        errors["full_name"] = "Indiquez qui a passé ces jours."
    if not errors:
        same_day = DayEntry.objects.filter(day=day).exclude(pk=entry.pk if entry else None)
        if person is not None:  # a person's day, whatever the investigation
            same_day = same_day.filter(person=person)
        else:
            same_day = same_day.filter(investigation=investigation, person=None, full_name=name)
        already = same_day.aggregate(total=Sum("days"))["total"] or Decimal("0")
        if already + amount > 1:
            errors["days"] = (
                f"{name} a déjà {days_text(already)} le {day:%d/%m/%Y} : une journée au "
                "plus par date et par personne. Corrigez la saisie existante ou choisissez "
                "une autre date."
            )
    if errors:
        raise ValidationError(errors)
    entry = entry or DayEntry(investigation=investigation)
    entry.person, entry.full_name, entry.role = person, name, role
    entry.day, entry.days, entry.note = day, amount, note
    entry.full_clean()
    entry.save()
    return entry


# Creation is a save without an instance: one function, the name callers know.
day_add = day_save


@transaction.atomic
def day_delete(*, entry: DayEntry, by=None) -> None:
    if by is not None and (
        wrong := day_role_problem(entry.role, _day_roles(by, entry.investigation))
    ):
        raise ValidationError(wrong)
    entry._history_user = by
    entry.delete()
