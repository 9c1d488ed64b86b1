"""The steps of a mission: accepted (with its consultant), declined, moved along its
statuses."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.accounts.models import Role

from ... import rules
from ...models import Mission, NeedFollowUp
from ...vocabulary import MissionStatus
from ..discovery import prediagnostic_refresh
from .emails import tell_accepted, tell_declined


def _move(mission: Mission, target: str) -> None:
    if problem := rules.transition_problem(mission.status, target):
        raise ValidationError(problem)
    mission.status = target


CONSULTANT_ROLES = (Role.COACH, Role.INCUBATOR, Role.ADMIN)


def consultant_problem(user) -> str:
    """A mission is run by a coach/consultant (or a team) account, never by an agent or a
    service team: the consultant works on the mission (days, needs, deliverables)."""
    if user is None or user.role not in CONSULTANT_ROLES:
        return "Choisissez un compte de coach ou consultant·e."
    return ""


@transaction.atomic
def mission_accept(
    *,
    mission: Mission,
    consultant,
    start: date | None = None,
    by=None,
    reason: str = "",
    start_confirmed: bool = False,
) -> Mission:
    """Accept a request and assign a consultant (a coach/consultant or team account); the
    pre-diagnostic is computed at once, so that it is there before any visit. A request « hors
    critères » is accepted with a reason, kept on the mission. A start before the request is
    refused unless `start_confirmed` (the team ticked « Je confirme cette date inhabituelle »)."""
    if problem := consultant_problem(consultant):
        raise ValidationError({"consultant": problem})
    if problem := rules.acceptance_problem(mission.status, reason):
        raise ValidationError({"reason": problem})
    start = start or timezone.localdate()
    if not start_confirmed and (problem := rules.start_before_request(start, mission.requested_on)):
        raise ValidationError({"start": f"{problem} {rules.START_BEFORE_REQUEST_FIX}"})
    if mission.status == MissionStatus.OUT_OF_CRITERIA:
        mission.acceptance_reason = reason.strip()
    _move(mission, MissionStatus.ACCEPTED)
    mission.consultant = consultant
    mission.start = start
    mission.planned_end = rules.planned_end(mission.start)
    mission.save()
    prediagnostic_refresh(mission=mission, by=by)
    transaction.on_commit(lambda: tell_accepted(mission))
    return mission


@transaction.atomic
def mission_decline(*, mission: Mission, reason: str) -> Mission:
    if not reason.strip():
        raise ValidationError({"reason": "Dites pourquoi la demande est refusée."})
    _move(mission, MissionStatus.DECLINED)
    mission.closing_reason = reason.strip()
    mission.save()
    transaction.on_commit(lambda: tell_declined(mission))
    return mission


@transaction.atomic
def mission_move(*, mission: Mission, to: str, reason: str = "", today: date | None = None):
    """En cours, livrée, suivie, close or abandonnée (with a reason). Accepting goes through
    `mission_accept` (a consultant and a start date), declining through `mission_decline`."""
    if to == MissionStatus.ACCEPTED:
        raise ValidationError(
            "Une demande s'accepte en confiant la mission à un·e consultant·e : utilisez « "
            "Accepter la demande »."
        )
    if to == MissionStatus.ABANDONED and not reason.strip():
        raise ValidationError({"reason": "Dites pourquoi la mission est abandonnée."})
    if to == MissionStatus.DELIVERED and not mission.deliverables.filter(is_final=True).exists():
        raise ValidationError("Une mission est livrée quand une version finale du livrable existe.")
    if to == MissionStatus.FOLLOWED and mission.status == MissionStatus.DELIVERED:
        recorded = NeedFollowUp.objects.filter(need__mission=mission).exists()
        if problem := rules.followed_problem(mission.delivered_on, recorded):
            raise ValidationError(problem)
    if to == MissionStatus.CLOSED:
        recorded = set(
            NeedFollowUp.objects.filter(need__mission=mission).values_list("milestone", flat=True)
        )
        if problem := rules.closing_problem(mission.status, recorded, reason):
            raise ValidationError({"reason": problem})
    _move(mission, to)
    if to == MissionStatus.ABANDONED or (to == MissionStatus.CLOSED and reason.strip()):
        mission.closing_reason = reason.strip()
    if to == MissionStatus.DELIVERED:
        mission.delivered_on = today or timezone.localdate()
    mission.save()
    return mission
