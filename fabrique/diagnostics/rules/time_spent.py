"""Rules of the days of a mission: 10 days in half-days, the warning from 8, the overrun past
10 and what the pages say of it."""

from decimal import Decimal

from fabrique.core.numbers import days_number as days_number  # re-exported: rules.days_*
from fabrique.core.numbers import days_text as days_text

from ..vocabulary import HALF_DAY, MISSION_DAYS, WARNING_DAYS


def days(half_days: int) -> Decimal:
    return Decimal(half_days) * HALF_DAY


def days_status(used: Decimal) -> str:
    """'' under 8 days, 'warning' from 8, 'error' from 10."""
    if used >= MISSION_DAYS:
        return "error"
    if used >= WARNING_DAYS:
        return "warning"
    return ""


def days_badge(used: Decimal, *, approved: bool = False, running: bool = True) -> dict | None:
    """The short badge of a mission's days, on its page and in the lists (team's list, « Mon
    espace »): past 10 days the overrun, approved by the team or not, whatever the status; from
    8 days, while the mission runs, what is left. None otherwise."""
    limit = f"{MISSION_DAYS:g}"
    if used > MISSION_DAYS:
        if approved:
            return {"level": "info", "badge": "Dépassement approuvé"}
        return {"level": "error", "badge": "Dépassement non approuvé"}
    if not running:
        return None
    if used == MISSION_DAYS:
        return {"level": "error", "badge": f"{limit} jours atteints"}
    if used >= WARNING_DAYS:
        return {"level": "warning", "badge": f"Il reste {days_text(MISSION_DAYS - used)}"}
    return None


def days_banner(used: Decimal, *, approved_by: str = "", reason: str = "") -> dict | None:
    """What the mission page says about its days, from 8 days on: the level (DSFR badge), a
    short badge (`days_badge`) and the sentence that goes with it (None under 8 days). Past 10
    days the overrun was approved by a team member: by whom and why."""
    badge = days_badge(used, approved=bool(approved_by))
    if badge is None:
        return None
    limit = f"{MISSION_DAYS:g}"
    if used > MISSION_DAYS:
        if approved_by:
            text = (
                f"{days_text(used)} utilisés sur {limit} : dépassement approuvé par "
                f"{approved_by}. Motif : {reason}"
            )
        else:
            text = (
                f"{days_text(used)} utilisés sur {limit}, sans accord enregistré de "
                "l'équipe de l'incubateur."
            )
    elif used == MISSION_DAYS:
        text = (
            f"{limit} jours utilisés sur {limit} : au-delà, le temps est saisi par "
            "l'équipe de l'incubateur, au nom du ou de la consultant·e, avec le motif du "
            "dépassement."
        )
    else:
        text = (
            f"{days_text(used)} utilisés sur {limit} : il reste {days_text(MISSION_DAYS - used)}."
        )
    return {**badge, "text": text}
