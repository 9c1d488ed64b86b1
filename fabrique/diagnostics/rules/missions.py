"""Rules of a mission's lifecycle: eligibility and acceptance, its steps, what it may still
receive at each status, the dates of what is recorded, the secrecy of the open data."""

from datetime import date

from fabrique.core.dates import done_day_problem, months_later
from fabrique.core.numbers import days_number as days_number  # re-exported: rules.days_*
from fabrique.core.numbers import days_text as days_text
from fabrique.core.numbers import integer
from fabrique.territories.rules import Thresholds, is_eligible

from ..vocabulary import MISSION_MONTHS, TRANSITIONS, MissionStatus


def eligibility(kind: str, name: str, population: int | None, thresholds: Thresholds):
    """(eligible, the French sentence that says why) for a commune or an EPCI."""
    limit = thresholds.commune if kind == "commune" else thresholds.epci
    noun = "une commune" if kind == "commune" else "un EPCI"
    if population is None:
        return False, f"{name} : population inconnue, l'éligibilité ne peut être calculée."
    shown, shown_limit = integer(population), integer(limit)
    if is_eligible(population, limit):
        return True, (
            f"{name} est éligible : {shown} habitants, sous le seuil de {shown_limit} "
            f"habitants pour {noun}."
        )
    return False, (
        f"{name} est hors critères : {shown} habitants, au-dessus du seuil de "
        f"{shown_limit} habitants pour {noun}."
    )


def thresholds_text(thresholds: Thresholds) -> str:
    """« communes de moins de 3 500 habitants et EPCI de moins de 15 000 habitants »."""
    commune, epci = integer(thresholds.commune), integer(thresholds.epci)
    return f"communes de moins de {commune} habitants et EPCI de moins de {epci} habitants"


OUT_OF_CRITERIA_ACCEPTANCE = (
    "La collectivité est hors critères : dites pourquoi la demande est acceptée malgré tout "
    "(le motif reste sur la mission)."
)


def acceptance_problem(status: str, reason: str) -> str:
    """A request « hors critères » is accepted with a reason; '' when it may be accepted."""
    if status == MissionStatus.OUT_OF_CRITERIA and not (reason or "").strip():
        return OUT_OF_CRITERIA_ACCEPTANCE
    return ""


def start_before_request(start: date | None, requested_on: date | None) -> str:
    """A mission starting before it was requested (a date typed wrong, most often); '' when
    not. True of some missions kept in spreadsheets before the platform, so the team may confirm
    it (and the importer accepts it)."""
    if start and requested_on and start < requested_on:
        return (
            f"La mission commencerait le {start:%d/%m/%Y}, avant la date de la demande "
            f"({requested_on:%d/%m/%Y})."
        )
    return ""


START_BEFORE_REQUEST_FIX = (
    "Corrigez la date de début, ou confirmez-la si la mission a vraiment commencé avant la demande."
)


def transition_problem(current: str, target: str) -> str | None:
    if target in TRANSITIONS.get(current, set()):
        return None
    return (
        f"Une mission « {MissionStatus(current).label.lower()} » ne peut pas passer à "
        f"« {MissionStatus(target).label.lower()} »."
    )


# Once delivered, the final report is the reference: what it was written from no longer changes
# (the follow-up of its recommendations and the comments stay open).
DELIVERED_STATUSES = (MissionStatus.DELIVERED, MissionStatus.FOLLOWED, MissionStatus.CLOSED)

# Statistical secrecy of the open data (the rule of the public statistics): a cell counting
# fewer missions than this could point at one collectivité (« EPCI de 5 000 à 14 999 habitants :
# 1 mission »), so its counts are not published.
OPEN_DATA_MIN_MISSIONS = 3


def open_data_secret(missions: int) -> bool:
    return 0 < missions < OPEN_DATA_MIN_MISSIONS


def documenting_problem(status: str) -> str:
    """Why a mission receives no people met, interviews, tools, needs, benchmark, funding,
    trainings nor report, and why none of them is changed or removed: a request is documented
    once accepted, a declined request never, a delivered or abandoned mission no more. '' when
    it may be."""
    if status in (MissionStatus.REQUESTED, MissionStatus.OUT_OF_CRITERIA):
        return (
            "La demande n'est pas encore acceptée : les personnes rencontrées, les outils, les "
            "besoins, les formations et le rapport se saisissent une fois la mission confiée à "
            "un·e consultant·e."
        )
    if status == MissionStatus.DECLINED:
        return (
            "La demande a été refusée : la mission ne reçoit ni personnes rencontrées, ni "
            "outils, ni besoins, ni formations, ni rapport."
        )
    if status in DELIVERED_STATUSES:
        return (
            f"La mission est {MissionStatus(status).label.lower()} : son rapport final fait foi. "
            "Les personnes rencontrées, les outils, les besoins, le benchmark, les financements "
            "et les formations ne se modifient plus ; le suivi des recommandations et les "
            "commentaires restent ouverts."
        )
    if status == MissionStatus.ABANDONED:
        return (
            "La mission a été abandonnée : les personnes rencontrées, les outils, les besoins, "
            "le benchmark, les financements, les formations et le rapport ne se modifient plus."
        )
    return ""


def answering_problem(status: str) -> str:
    """The collectivité answers the « état des lieux » from its request on, not once declined
    (its answers would pre-fill the tools of a mission that will not take place), nor once the
    mission is delivered or abandoned (they would add tools to a finished inventory)."""
    if status == MissionStatus.DECLINED:
        return "La demande a été refusée : le questionnaire de l'état des lieux ne se remplit plus."
    if status in (*DELIVERED_STATUSES, MissionStatus.ABANDONED):
        return (
            f"La mission est {MissionStatus(status).label.lower()} : le questionnaire de l'état "
            "des lieux ne se modifie plus."
        )
    return ""


# What is dated on a mission, and how the date is checked: between its start and today.
DONE_ON = {
    "time": "le temps se saisit une fois passé",
    "interview": "un entretien se saisit une fois mené",
    "training": "une formation se saisit une fois donnée",
}


def day_problem(day: date, start: date | None, today: date, what: str) -> str:
    """A day of the mission (time, interview, training) is between its start and today."""
    return done_day_problem(day, start, today, start_of="de la mission", recorded=DONE_ON[what])


def attendance_problem(attendance) -> str:
    """A training was attended by at least one person (a whole number)."""
    if (
        attendance is None
        or isinstance(attendance, bool)
        or not isinstance(attendance, int)
        or attendance < 1
    ):
        return "Indiquez le nombre de participant·es : au moins 1."
    return ""


def planned_end(start: date) -> date:
    return months_later(start, MISSION_MONTHS)
