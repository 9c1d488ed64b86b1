"""The days logged on a mission: 10 days in half-days, past them the team's approval with a
reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff

from ... import rules
from ...models import Mission, TimeEntry
from ...vocabulary import MISSION_DAYS, OPEN_STATUSES, ActivityKind, MissionStatus


def days_used(mission: Mission, *, without: TimeEntry | None = None):
    """Days logged on the mission (`without` one entry: the one being corrected)."""
    entries = mission.time_entries.all()
    if without is not None and without.pk:
        entries = entries.exclude(pk=without.pk)
    total = entries.aggregate(total=Sum("half_days"))["total"] or 0
    return rules.days(total)


@transaction.atomic
def time_save(
    *,
    mission: Mission,
    person,
    day: date,
    half_days: int,
    kind: str,
    note: str = "",
    approved_by=None,
    approval_reason: str = "",
    entry: TimeEntry | None = None,
    today: date | None = None,
) -> TimeEntry:
    """Log time in half-days, or correct an entry (same rules: a mission accepted or in
    progress, half a day or a day per date and per person, from the start to today; past 10 days
    a team member approves, with a reason). A corrected entry keeps its person; a correction
    that does not add time keeps the approval already given."""
    errors = {}
    if mission.status not in (MissionStatus.ACCEPTED, MissionStatus.IN_PROGRESS):
        errors["day"] = "Le temps se saisit sur une mission acceptée ou en cours."
    if half_days not in (1, 2):
        errors["half_days"] = "Une demi-journée ou une journée par date : choisissez 0,5 ou 1 jour."
    if kind not in ActivityKind.values:
        errors["kind"] = "Choisissez une activité de la liste."
    if problem := rules.day_problem(day, mission.start, today or timezone.localdate(), "time"):
        errors["day"] = problem
    who = entry.person if entry is not None else person
    if not errors and who is not None:
        # A person's day, whatever the mission: one day at most per date.
        same_day = TimeEntry.objects.filter(person=who, day=day)
        if entry is not None:
            same_day = same_day.exclude(pk=entry.pk)
        already = same_day.aggregate(total=Sum("half_days"))["total"] or 0
        if already + half_days > 2:
            errors["half_days"] = (
                f"{who.get_full_name() or who.email} a déjà {rules.days_text(rules.days(already))}"
                f" le {day:%d/%m/%Y} : une journée au plus par date, toutes missions confondues. "
                "Corrigez la saisie existante ou choisissez une autre date."
            )
    if errors:
        raise ValidationError(errors)
    after = days_used(mission, without=entry) + rules.days(half_days)
    # A correction that does not add time keeps the approval already given for the overrun.
    approved = bool(
        entry is not None and half_days <= entry.half_days and mission.extra_days_approved_by_id
    )
    if after > MISSION_DAYS and not (approved and not approval_reason.strip()):
        over = f"Cette saisie porterait la mission à {rules.days_text(after)} sur {MISSION_DAYS:g}"
        if not (approved_by and is_incubator_staff(approved_by)):
            raise ValidationError(
                {
                    "half_days": (
                        f"{over} : un membre de l'équipe doit approuver le dépassement, avec un "
                        "motif. Demandez à l'équipe de l'incubateur de saisir ce temps à votre "
                        "nom."
                    )
                }
            )
        if not approval_reason.strip():
            raise ValidationError(
                {"approval_reason": f"{over} : indiquez le motif du dépassement approuvé."}
            )
        mission.extra_days_approved_by = approved_by
        mission.extra_days_reason = approval_reason.strip()
        mission.save(update_fields=["extra_days_approved_by", "extra_days_reason"])
    if mission.status == MissionStatus.ACCEPTED:
        mission.status = MissionStatus.IN_PROGRESS
        mission.save(update_fields=["status"])
    entry = entry or TimeEntry(mission=mission, person=person)
    entry.day, entry.half_days, entry.kind, entry.note = day, half_days, kind, note[:300]
    entry.save()
    return entry


# Creation is a save without an instance: one function, the name callers know.
time_log = time_save


@transaction.atomic
def time_delete(*, entry: TimeEntry, by=None) -> None:
    """Remove an entry of the ledger while the mission runs: once delivered, the days used are
    those of the deliverable."""
    if entry.mission.status not in OPEN_STATUSES:
        raise ValidationError(
            "Le temps ne se corrige que sur une mission acceptée ou en cours : celle-ci est "
            f"« {entry.mission.get_status_display().lower()} »."
        )
    entry._history_user = by
    entry.delete()
