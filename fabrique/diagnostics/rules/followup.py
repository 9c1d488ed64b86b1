"""Rules of the follow-up after delivery: when each follow-up is due, when a mission is
« suivie » and when it may be closed."""

from datetime import date

from fabrique.core.dates import months_later
from fabrique.core.numbers import days_number as days_number  # re-exported: rules.days_*
from fabrique.core.numbers import days_text as days_text

from ..vocabulary import FOLLOW_UP_MONTHS, MissionStatus


def follow_up_due_on(delivered_on: date, milestone: int) -> date:
    """The day the follow-up of `milestone` months is due."""
    return months_later(delivered_on, milestone)


def followed_problem(delivered_on: date | None, recorded: bool) -> str:
    """A mission is « suivie » once a follow-up of its recommendations is recorded (the
    follow-up section does it, from 3 months after delivery); '' when it may be."""
    if recorded:
        return ""
    first = FOLLOW_UP_MONTHS[0]
    when = (
        f", à partir du {follow_up_due_on(delivered_on, first):%d/%m/%Y}"
        if delivered_on is not None
        else ""
    )
    return (
        "Une mission devient « suivie » quand le suivi de ses recommandations est relevé "
        f"(le suivi à {first} mois{when}) : aucun suivi n'est encore enregistré. Relevez-le "
        "dans la section « Suivi après livraison »."
    )


def closing_problem(status: str, recorded: set[int], reason: str) -> str:
    """A delivered mission is closed once its follow-ups (3 and 6 months) are recorded: closing
    it earlier ends its reminders, so it needs the reason why the follow-up stops (kept on the
    mission). '' when it may be closed."""
    if status not in (MissionStatus.DELIVERED, MissionStatus.FOLLOWED):
        return ""
    missing = [months for months in FOLLOW_UP_MONTHS if months not in recorded]
    if not missing or (reason or "").strip():
        return ""
    which = " et ".join(f"à {months} mois" for months in missing)
    if len(missing) > 1:
        what, it, without = f"Les suivis {which} ne sont pas encore relevés", "les", "eux"
    else:
        what, it, without = f"Le suivi {which} n'est pas encore relevé", "le", "lui"
    return (
        f"{what} : relevez-{it} dans la section « Suivi après livraison », ou dites dans le "
        f"motif pourquoi la mission est close sans {without} (les rappels de suivi s'arrêtent "
        "à la clôture)."
    )


def follow_ups_due(delivered_on: date | None, recorded: set[int], today: date) -> list[int]:
    """The milestones (3, 6 months) reached and not yet recorded, in order."""
    if delivered_on is None:
        return []
    return [
        milestone
        for milestone in FOLLOW_UP_MONTHS
        if milestone not in recorded and follow_up_due_on(delivered_on, milestone) <= today
    ]
