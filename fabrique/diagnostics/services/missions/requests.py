"""A request for a mission: the eligibility rule in force, the request filed, changed or
withdrawn before the team answers."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.territories.models import EPCI, Commune
from fabrique.territories.rules import (
    COMMUNE_ELIGIBILITY_THRESHOLD,
    EPCI_ELIGIBILITY_THRESHOLD,
    Thresholds,
)

from ... import rules
from ...models import CriteriaGrid, EligibilityRule, Mission
from ...vocabulary import MissionStatus


def current_rule(today: date) -> EligibilityRule:
    """The eligibility rule in force on `today` (the programme's first thresholds if none)."""
    rule = EligibilityRule.objects.filter(valid_from__lte=today).order_by("-valid_from").first()
    return (
        rule
        or EligibilityRule.objects.get_or_create(
            valid_from=date(2020, 1, 1),
            defaults={
                "commune_threshold": COMMUNE_ELIGIBILITY_THRESHOLD,
                "epci_threshold": EPCI_ELIGIBILITY_THRESHOLD,
            },
        )[0]
    )


def check_eligibility(collectivite, rule: EligibilityRule) -> tuple[bool, str]:
    kind = "commune" if isinstance(collectivite, Commune) else "epci"
    thresholds = Thresholds(rule.commune_threshold, rule.epci_threshold)
    return rules.eligibility(kind, collectivite.name, collectivite.population, thresholds)


@transaction.atomic
def mission_request(
    *,
    collectivite: Commune | EPCI,
    hopes: str,
    contact_name: str = "",
    contact_email: str = "",
    requested_by=None,
    today: date | None = None,
) -> Mission:
    """A request from a collectivité, kept whatever its eligibility (« hors critères »)."""
    today = today or timezone.localdate()
    if not hopes.strip():
        raise ValidationError({"hopes": "Dites en quelques mots ce que la collectivité espère."})
    rule = current_rule(today)
    eligible, reason = check_eligibility(collectivite, rule)
    return Mission.objects.create(
        commune=collectivite if isinstance(collectivite, Commune) else None,
        epci=collectivite if isinstance(collectivite, EPCI) else None,
        hopes=hopes.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        requested_by=requested_by if requested_by and requested_by.is_authenticated else None,
        requested_on=today,
        status=MissionStatus.REQUESTED if eligible else MissionStatus.OUT_OF_CRITERIA,
        eligible=eligible,
        eligibility_reason=reason,
        rule=rule,
        grid=CriteriaGrid.default(),
    )


REQUEST_STATUSES = (MissionStatus.REQUESTED, MissionStatus.OUT_OF_CRITERIA)


def _check_still_a_request(mission: Mission, action: str) -> None:
    if mission.status not in REQUEST_STATUSES:
        raise ValidationError(
            f"La demande ne peut plus être {action} : la mission est "
            f"« {mission.get_status_display().lower()} ». Écrivez un commentaire à l'équipe."
        )


@transaction.atomic
def mission_request_update(
    *, mission: Mission, hopes: str, contact_name: str = "", contact_email: str = ""
) -> Mission:
    """The requester corrects a request the team has not answered yet (collectivité and
    eligibility unchanged)."""
    _check_still_a_request(mission, "modifiée")
    if not hopes.strip():
        raise ValidationError({"hopes": "Dites en quelques mots ce que la collectivité espère."})
    mission.hopes = hopes.strip()
    mission.contact_name = contact_name.strip()
    mission.contact_email = contact_email.strip()
    mission.save(update_fields=["hopes", "contact_name", "contact_email"])
    return mission


@transaction.atomic
def mission_request_withdraw(*, mission: Mission) -> None:
    """Withdraw a request the team has not answered yet (the history keeps it)."""
    _check_still_a_request(mission, "retirée")
    mission.delete()
