"""Rules of the accompagnement sur-mesure, as pure functions (no database)."""

from datetime import date
from decimal import Decimal

from fabrique.core.dates import done_day_problem, months_later
from fabrique.core.numbers import counted, integer
from fabrique.core.numbers import days_number as days_number  # re-exported: rules.days_*
from fabrique.core.numbers import days_text as days_text
from fabrique.territories.rules import Thresholds, is_eligible

from ..vocabulary import (
    FOLLOW_UP_MONTHS,
    HALF_DAY,
    MISSION_DAYS,
    MISSION_MONTHS,
    SCORE_MAX,
    TRANSITIONS,
    WARNING_DAYS,
    MissionStatus,
)


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


def position_problem(position: int | None, count: int) -> str:
    """A need placed by hand takes a rank among the mission's `count` needs."""
    if position is None:
        return ""
    if not 1 <= position <= count:
        return (
            f"Le rang choisi va de 1 à {count}, le nombre de besoins de la mission : "
            f"{position} n'existe pas."
            if count > 1
            else "La mission n'a qu'un besoin : son rang est 1."
        )
    return ""


def planned_end(start: date) -> date:
    return months_later(start, MISSION_MONTHS)


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


def need_deletion_consequence(candidates: int, leads: int) -> str:
    """What goes with a need: its compared solutions, and the funding and partners examined
    for them (« Ses 3 solutions comparées sont supprimées avec lui. »)."""
    if not candidates:
        return ""
    if candidates == 1:
        text = "Sa solution comparée est supprimée avec lui"
    else:
        text = f"Ses {counted(candidates, 'solution comparée', 'solutions comparées')} sont " \
            "supprimées avec lui"  # fmt: skip
    if leads:
        text += f", avec {counted(leads, 'financement ou partenaire examiné', 'financements ou partenaires examinés')}"  # noqa: E501
    return text + "."


def score_problems(scores: dict, grid: dict) -> dict[str, str]:
    problems = {}
    for key in grid:
        value = scores.get(key)
        if value is None:
            problems[key] = f"Note « {grid[key]['label']} » manquante (0 à {SCORE_MAX})."
        elif not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= SCORE_MAX:
            problems[key] = (
                f"Note « {grid[key]['label']} » hors de l'échelle : {value!r} (0 à {SCORE_MAX})."
            )
    for key in scores:
        if key not in grid:
            problems[key] = f"Critère inconnu « {key} » (critères : {', '.join(grid)})."
    return problems


def weighted_score(scores: dict, grid: dict) -> int:
    """Sum of weight × score; a criterion where lower is better counts as (3 − score)."""
    total = 0
    for key, criterion in grid.items():
        value = scores.get(key, 0)
        if criterion.get("lower_is_better"):
            value = SCORE_MAX - value
        total += criterion["weight"] * value
    return total


def max_weighted_score(grid: dict) -> int:
    """The best weighted score a need can reach on a grid (every criterion at its best)."""
    return sum(criterion["weight"] * SCORE_MAX for criterion in grid.values())


def ranked(needs: list, grid: dict) -> list:
    """Needs by weighted score (ties broken by urgency, then order of entry); a need placed by
    hand (`manual_position`, with its justification) takes that position."""
    automatic = sorted(
        (need for need in needs if not need.manual_position),
        key=lambda need: (
            -weighted_score(need.scores, grid),
            -need.scores.get("urgence", 0),
            need.pk or 0,
        ),
    )
    placed = sorted(
        (need for need in needs if need.manual_position), key=lambda need: need.manual_position
    )
    for need in placed:
        automatic.insert(min(need.manual_position - 1, len(automatic)), need)
    return automatic


# --- Suivi après livraison ------------------------------------------------------------------


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


# --- Benchmark ------------------------------------------------------------------------------


def candidate_problems(
    scores: dict[str, int | None], *, recommended: bool, choice_criteria: str
) -> dict[str, str]:
    """What prevents saving a candidate: a score off the 0–3 scale; a recommendation without
    its three feasibilities or without the criteria of choice. `scores` maps the fields
    technical, economic, human to their score (None when not scored yet)."""
    labels = {"technical": "technique", "economic": "économique", "human": "humaine"}
    problems = {}
    for field, value in scores.items():
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= SCORE_MAX
        ):
            problems[field] = (
                f"Faisabilité {labels[field]} hors de l'échelle : {value!r} (0 à {SCORE_MAX})."
            )
        elif value is None and recommended:
            problems[field] = (
                f"Une solution recommandée a une faisabilité {labels[field]} notée (0 à "
                f"{SCORE_MAX})."
            )
    if recommended and not (choice_criteria or "").strip():
        problems["choice_criteria"] = "Dites les critères qui ont fait choisir cette solution."
    return problems


def feasibility_total(candidate) -> int | None:
    """Sum of the three feasibilities (0 to 9), None while one is missing."""
    values = (candidate.technical, candidate.economic, candidate.human)
    return None if None in values else sum(values)


def nearby_once(items: list[dict]) -> list[dict]:
    """The solutions used near the collectivité (the pre-diagnostic's `nearby`, one row per
    scope: EPCI, then département), each named once with its two counts: « 2 utilisations dans
    l'EPCI, 5 dans le département ». The département counts what the EPCI counts, so a solution
    found in both is one line, not two."""
    merged: dict[str, dict] = {}
    for item in items:
        key = item.get("slug") or item["name"]
        row = merged.setdefault(
            key,
            {"name": item["name"], "slug": item.get("slug", ""), "epci": 0, "departement": 0,
             "used_here": False},
        )  # fmt: skip
        scope = "epci" if item.get("scope") == "epci" else "departement"
        row[scope] = max(row[scope], item.get("count") or 0)
        row["used_here"] = row["used_here"] or bool(item.get("used_here"))
    return [{**row, "text": nearby_text(row)} for row in merged.values()]


def nearby_text(row: dict) -> str:
    """« 2 utilisations dans l'EPCI, 5 dans le département » for a row of `nearby_once`."""
    parts = []
    if row["epci"]:
        parts.append(f"{counted(row['epci'], 'utilisation')} dans l'EPCI")
    if row["departement"]:
        if parts:
            parts.append(f"{integer(row['departement'])} dans le département")
        else:
            parts.append(f"{counted(row['departement'], 'utilisation')} dans le département")
    text = ", ".join(parts)
    return text + (" (la collectivité l'utilise aussi)" if row["used_here"] else "")
