"""Follow-up after delivery: the state of each need at 3 and 6 months, and the reminders.

Reminders are idempotent by construction: a `FollowUpReminder` row per mission, milestone and
person is created before the email goes (unique constraint), so a second run, or two runs at
once, send nothing more. Recipients are read at sending time: the mission's current consultant
and the active agents of its collectivité — never someone taken off the mission — and a closed
mission gets no reminder at all.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from fabrique.accounts.models import Membership, Role
from fabrique.core.emails import email_text

from .. import rules
from ..models import FollowUpReminder, Mission, NeedFollowUp
from ..vocabulary import (
    FOLLOW_UP_MONTHS,
    FOLLOW_UP_NOTE_REQUIRED,
    FOLLOW_UP_STATUSES,
    FollowUpState,
    MissionStatus,
)


@transaction.atomic
def followup_record(
    *, mission: Mission, milestone: int, states: dict, by, today: date | None = None
) -> int:
    """Record where each need stands at `milestone` months: `states` is {need id: (state,
    note)}. Everything is checked first; a delivered mission becomes « suivie »."""
    today = today or timezone.localdate()
    errors = {}
    if mission.status not in FOLLOW_UP_STATUSES or mission.delivered_on is None:
        raise ValidationError("Le suivi se fait sur une mission livrée et pas encore close.")
    if milestone not in FOLLOW_UP_MONTHS:
        raise ValidationError("Échéance inconnue : 3 ou 6 mois après la livraison.")
    due = rules.follow_up_due_on(mission.delivered_on, milestone)
    if due > today:
        raise ValidationError(f"Ce suivi est prévu à partir du {due:%d/%m/%Y}.")
    needs = {need.pk: need for need in mission.needs.all()}
    for need_id, (state, note) in states.items():
        need = needs.get(need_id)
        if need is None:
            errors["__all__"] = "Un besoin ne fait pas partie de cette mission."
        elif state not in FollowUpState.values:
            errors[f"state_{need_id}"] = f"« {need} » : choisissez un état de la liste."
        elif state in FOLLOW_UP_NOTE_REQUIRED and not note.strip():
            errors[f"note_{need_id}"] = f"« {need} » : {FOLLOW_UP_NOTE_REQUIRED[state]}"
    if not states:
        errors["__all__"] = "Indiquez l'état d'au moins un besoin."
    if errors:
        raise ValidationError(errors)
    for need_id, (state, note) in states.items():
        NeedFollowUp.objects.update_or_create(
            need=needs[need_id],
            milestone=milestone,
            defaults={"state": state, "note": note.strip(), "recorded_by": by,
                      "recorded_on": today},
        )  # fmt: skip
    if mission.status == MissionStatus.DELIVERED:
        mission.status = MissionStatus.FOLLOWED
        mission.save(update_fields=["status"])
    return len(states)


def reminder_recipients(mission: Mission) -> list:
    """Who is on the mission today: its consultant and the agents of its collectivité."""
    people = []
    if mission.consultant_id and mission.consultant.is_active:
        people.append(mission.consultant)
    field = "commune" if mission.commune_id else "epci"
    agents = Membership.objects.filter(
        **{field: mission.commune_id or mission.epci_id},
        user__is_active=True,
        user__role=Role.AGENT,
    ).select_related("user")
    people += [membership.user for membership in agents]
    return people


def _send(mission: Mission, milestone: int, user) -> None:
    send_mail(
        subject=f"Suivi à {milestone} mois : {mission.collectivite}",
        message=email_text(
            f"La mission d'accompagnement sur-mesure de {mission.collectivite} a été "
            f"livrée le {mission.delivered_on:%d/%m/%Y}. C'est le moment du suivi à "
            f"{milestone} mois : où en est chaque besoin (adopté, en cours, abandonné, "
            f"bloqué) ?\n\n{settings.SITE_URL}{mission.get_absolute_url()}#suivi",
            name=user.display_name,
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def followup_reminders_send(*, today: date | None = None) -> int:
    """Send the reminders due (one per mission, milestone and person, ever); returns how many
    were sent."""
    today = today or timezone.localdate()
    missions = (
        Mission.objects.filter(status__in=FOLLOW_UP_STATUSES, delivered_on__isnull=False)
        .select_related("consultant", "commune", "epci")
        .prefetch_related("needs__follow_ups")
    )
    sent = 0
    for mission in missions:
        recorded = {
            follow_up.milestone
            for need in mission.needs.all()
            for follow_up in need.follow_ups.all()
        }
        # The latest milestone due only: a late 3-month follow-up and the 6-month one do not
        # make two emails at once (reminders in bursts are what people complain about).
        for milestone in rules.follow_ups_due(mission.delivered_on, recorded, today)[-1:]:
            for user in reminder_recipients(mission):
                try:
                    with transaction.atomic():
                        FollowUpReminder.objects.create(
                            mission=mission, milestone=milestone, recipient=user
                        )
                        transaction.on_commit(lambda m=mission, n=milestone, u=user: _send(m, n, u))
                except IntegrityError:
                    continue  # already reminded: never twice
                sent += 1
    return sent
