"""Writes of a project's team and of the freelancers' service fait."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import update_change_reason

from fabrique.core import personal_data
from fabrique.core.forms import END_AFTER_START

from .. import rules
from ..models import Project, ServiceFait, TeamMember
from ..vocabulary import WITHDRAWAL_REASON_MAX_LENGTH


@transaction.atomic
def team_member_save(
    *,
    project: Project,
    full_name: str,
    role: str,
    start: date,
    end: date | None = None,
    user=None,
    is_freelance: bool = False,
    company: str = "",
    member: TeamMember | None = None,
) -> TeamMember:
    """Add someone to the team of a project, or correct `member`."""
    if end and end < start:
        raise ValidationError({"end": END_AFTER_START})
    if member is not None and not is_freelance and member.attestations.exists():
        raise ValidationError(
            {"is_freelance": "Cette personne a des périodes de service fait : elle reste en "
             "freelance tant qu'elles existent."}
        )  # fmt: skip
    member = member or TeamMember(project=project)
    member.full_name, member.role, member.start, member.end = full_name, role, start, end
    member.user, member.is_freelance, member.company = user, is_freelance, company
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def team_member_delete(*, member: TeamMember) -> None:
    """Remove someone entered by mistake; an attested service fait is a record of payment and
    keeps the person on the project."""
    if member.attestations.filter(attested_at__isnull=False).exists():
        raise ValidationError(
            f"{member.full_name} a des périodes de service fait attestées : indiquez plutôt une "
            "date de fin sur le projet."
        )
    member.attestations.all().delete()
    member.delete()


ALREADY_ATTESTED = (
    "Cette période est déjà attestée : pour la modifier ou la supprimer, retirez d'abord "
    "l'attestation (page du projet, dans le délai de paiement)."
)


@transaction.atomic
def service_fait_save(
    *,
    member: TeamMember,
    period_start: date,
    period_end: date,
    period: ServiceFait | None = None,
) -> ServiceFait:
    """Declare a period of service fait for a freelance member (or correct `period`, while it is
    not attested)."""
    errors = {}
    if period is not None and period.attested_at:
        raise ValidationError(ALREADY_ATTESTED)
    if not member.is_freelance:
        errors["member"] = "Le service fait ne concerne que les personnes en freelance."
    others = member.attestations.exclude(pk=period.pk if period else None)
    if period_end < period_start:
        errors["period_end"] = "La fin de période doit suivre son début."
    elif others.filter(period_start__lte=period_end, period_end__gte=period_start):
        errors["period_start"] = "Cette période chevauche une période déjà déclarée."
    if errors:
        raise ValidationError(errors)
    period = period or ServiceFait(member=member)
    period.period_start, period.period_end = period_start, period_end
    period.save()
    return period


@transaction.atomic
def service_fait_delete(*, period: ServiceFait) -> None:
    if period.attested_at:
        raise ValidationError(ALREADY_ATTESTED)
    period.delete()


@transaction.atomic
def service_fait_attest(*, period: ServiceFait, by) -> ServiceFait:
    if period.attested_at:
        raise ValidationError("Ce service fait est déjà attesté.")
    period.attested_by = by
    period.attested_at = timezone.now()
    period.save(update_fields=["attested_by", "attested_at"])
    return period


REASON_REQUIRED = (
    "Indiquez pourquoi vous retirez l'attestation : le motif est gardé dans l'historique."
)
REASON_TOO_LONG = (
    f"Le motif tient en {WITHDRAWAL_REASON_MAX_LENGTH} caractères au plus : résumez-le."
)


@transaction.atomic
def service_fait_withdraw(*, period: ServiceFait, reason: str) -> ServiceFait:
    """Withdraw the attestation of `period` (a mistake on the period or the person), within
    the delay of `rules.attestation_withdrawal_problem`; the period is to attest again, and the
    reason is kept in its history."""
    reason = " ".join(reason.split())
    if problem := rules.attestation_withdrawal_problem(period.attested_at, timezone.localdate()):
        raise ValidationError(problem)
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if len(reason) > WITHDRAWAL_REASON_MAX_LENGTH:
        raise ValidationError({"reason": REASON_TOO_LONG})
    period.attested_by = None
    period.attested_at = None
    period.save(update_fields=["attested_by", "attested_at"])
    update_change_reason(period, reason)
    return period


def person_erase(person: personal_data.Person) -> int:
    """A person erased: their team lines stay (dates, roles count) under « Personne effacée »."""
    names = Q(user=person.user)
    for name in person.names:
        names |= Q(user=None, full_name__iexact=name)
    members = list(TeamMember.objects.filter(names).values_list("pk", flat=True))
    TeamMember.objects.filter(pk__in=members).update(full_name=personal_data.ERASED_NAME)
    personal_data.scrub_history(TeamMember, members, full_name=personal_data.ERASED_NAME)
    return len(members)
