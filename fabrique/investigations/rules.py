"""Pure business rules of the investigation programme (no database)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from statistics import mean, pstdev

from django.utils.text import slugify

from fabrique.core.dates import done_day_problem
from fabrique.core.numbers import days_text, is_plural
from fabrique.core.text import length_problem

from .vocabulary import (
    FUNDED_DAYS,
    GRID_MAX,
    MAX_GRID_CRITERIA,
    MAX_GRID_LABEL,
    MAX_PROBLEM_TEXT,
    MAX_SUFFERERS,
    MAX_WEEKS,
    MIN_WEEKS,
    STEP_ARTEFACTS,
    ProblemStatus,
    StaffRole,
    Step,
)

# « Même collectivité : à fusionner ? » is a possible duplicate, not just a neighbour: a problem
# of the same collectivité is suggested only from this similarity score of the synergy engine
# on (0 to 1; the engine shows neighbours from 0.2, groups its pairs from 0.4), and only when
# the engine finds words the two texts share (its reasons). Below, or with no word in common
# (a closeness of the dense vectors alone), two problems of one commune are merely two
# problems of that commune.
MERGE_SUGGEST_MIN_SCORE = 0.4

# The free texts of a problem held to MAX_PROBLEM_TEXT characters.
LONG_TEXT_FIELDS = ("statement", "sufferers", "current_practice", "tried", "team")


# What the merge page says when it has nothing to offer (`services.mergeable_sources`).
NOTHING_TO_MERGE = (
    "Aucun autre problème ne peut être fusionné dans celui-ci : les autres problèmes sont déjà "
    "fusionnés ailleurs ou ont leur investigation."
)


def merge_suggested(score: float, reasons) -> bool:
    """Whether a problem of the same collectivité, this close, is offered as a duplicate."""
    return score >= MERGE_SUGGEST_MIN_SCORE and bool(reasons)


SAME_COLLECTIVITE_LABEL = "Même collectivité"


def same_collectivite_label(*, close: bool, can_merge: bool) -> str:
    """The badge of a problem of one of the same collectivités in « Déjà vu ailleurs »: always
    « Même collectivité » (a fact, whatever the score), « à fusionner ? » added for those who
    merge when the two are close enough to be a duplicate (`merge_suggested`)."""
    if close and can_merge:
        return f"{SAME_COLLECTIVITE_LABEL} : à fusionner ?"
    return SAME_COLLECTIVITE_LABEL


# The go/no-go committees a decision is offered: those to come and those held in the last 90
# days (an older decision is recorded at its date: a committee is created for it).
GO_NO_GO_RECENT_DAYS = 90


def call_is_open(opens_on: date, closes_on: date, today: date) -> bool:
    return opens_on <= today <= closes_on


def closed_call_problem(call, today: date) -> str:
    """Why no problem can be submitted to `call` today (« » when it is open): said by the
    submission form at once, by the service and by the API."""
    if call_is_open(call.opens_on, call.closes_on, today):
        return ""
    return (
        f"L'appel « {call} » n'est pas ouvert (du {call.opens_on:%d/%m/%Y} "
        f"au {call.closes_on:%d/%m/%Y}) : le dépôt n'est plus possible."
    )


def scoring_opens_on(closes_on: date) -> date:
    """The first day the problems of a call closing on `closes_on` can be scored and decided on:
    the day after its last day of submission."""
    return closes_on + timedelta(days=1)


def scoring_wait_problem(call, today: date) -> str:
    """Why the problems of `call` may not be scored nor decided on yet (French), "" once the call
    is closed: the reviewers score what was submitted, after the last day of submission
    (issue 14: « after closing, reviewers score each »). `call` gives `title` and `closes_on`."""
    if call is None:
        return (
            "Ce problème n'est rattaché à aucun appel : rattachez-le d'abord à un appel "
            "(« Modifier ») pour le noter et décider."
        )
    if today <= call.closes_on:
        return (
            "La notation et la décision s'ouvrent à la clôture de l'appel, "
            f"le {call.closes_on:%d/%m/%Y} (dépôts jusqu'à ce jour inclus) : "
            f"à partir du {scoring_opens_on(call.closes_on):%d/%m/%Y}."
        )
    return ""


def call_delete_problem(problem_count: int) -> str:
    """Why a call cannot be deleted (French), "" when it can: the problems submitted to it keep
    their call (and the collectivités their outcome)."""
    if problem_count:
        noun = "problème déposé" if problem_count == 1 else "problèmes déposés"
        return (
            f"Cet appel a {problem_count} {noun} : il est conservé avec eux. Seul un appel "
            "sans aucun problème se supprime (créé par erreur)."
        )
    return ""


def long_texts_problems(texts: dict[str, str]) -> dict[str, str]:
    """The free texts of a problem (by field) longer than allowed, with the French message."""
    return {
        name: wrong
        for name, text in texts.items()
        if name in LONG_TEXT_FIELDS and (wrong := length_problem(text or "", MAX_PROBLEM_TEXT))
    }


def sufferers_count_problem(count: int | None) -> str:
    """What is wrong with « combien de personnes » (French), or "" when it is plausible."""
    if count is None:
        return ""
    if count < 0:
        return "Le nombre de personnes ne peut pas être négatif."
    if count > MAX_SUFFERERS:
        return (
            "Le nombre de personnes dépasse la population de la France (70 millions) : vérifiez-le."
        )
    return ""


def score_problems(scores: dict, grid_keys: list[str]) -> dict[str, str]:
    """Errors (criterion -> French message) of a reviewer's scores against a grid."""
    errors = {}
    for key in grid_keys:
        value = scores.get(key)
        if value is None or value == "":
            errors[key] = "Donnez une note à ce critère."
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            errors[key] = f"La note doit être un nombre entier de 0 à {GRID_MAX}."
            continue
        if not 0 <= number <= GRID_MAX:
            errors[key] = f"La note doit être comprise entre 0 et {GRID_MAX}."
    for key in scores:
        if key not in grid_keys:
            errors[key] = "Ce critère ne fait pas partie de la grille de l'appel."
    return errors


def grid_from_labels(labels: list[str], current: list[list[str]]) -> tuple[list[list[str]], str]:
    """A call's scoring grid (`[key, label]` pairs) from the criteria the team wrote, one a line,
    and what is wrong with them ("" when nothing). A criterion keeps its key when its label is
    unchanged, or when it is renamed at the same place: the scores given to it stay its own."""
    labels = [label.strip() for label in labels if label.strip()]
    if not labels:
        return [], "Donnez au moins un critère à la grille de notation, un par ligne."
    if len(labels) > MAX_GRID_CRITERIA:
        return [], f"La grille compte {MAX_GRID_CRITERIA} critères au plus."
    too_long = [label for label in labels if len(label) > MAX_GRID_LABEL]
    if too_long:
        return [], f"Un critère tient en {MAX_GRID_LABEL} caractères au plus."
    seen = set()
    for label in labels:
        if label.casefold() in seen:
            return [], f"Le critère « {label} » figure deux fois : gardez-en un."
        seen.add(label.casefold())
    by_label = {label: key for key, label in current}
    kept = {by_label[label] for label in labels if label in by_label}
    grid, used = [], set()
    for position, label in enumerate(labels):
        key = by_label.get(label)
        if key is None and position < len(current) and current[position][0] not in kept:
            key = current[position][0]  # renamed in place
        if key is None or key in used:
            base = slugify(label)[:30] or "critere"
            key, number = base, 2
            while key in used or key in kept:
                key, number = f"{base}-{number}", number + 1
        used.add(key)
        grid.append([key, label])
    return grid, ""


# The selection decision was taken on the reviewers' scores: they stay as they were while it holds.
SCORES_LOCKED_STATUSES = (ProblemStatus.SELECTED, ProblemStatus.DECLINED, ProblemStatus.REDIRECTED)


def scores_locked_problem(status: str) -> str:
    """Why the scores of a problem may no longer be given, changed or withdrawn (decided on, or
    merged into another); "" when they may."""
    if status == ProblemStatus.MERGED:
        # Its collectivités joined another problem: the reviewers score that one, once.
        return (
            "Ce problème est fusionné dans un autre, qui réunit désormais ses collectivités : "
            "notez le problème qui l'a réuni. Pour le noter de nouveau à part, annulez d'abord "
            "la fusion."
        )
    if status not in SCORES_LOCKED_STATUSES:
        return ""
    return (
        f"La décision sur ce problème (« {ProblemStatus(status).label} ») a été prise sur ces "
        "notes : elles ne se modifient plus. Si une note doit être corrigée, annulez d'abord "
        "la décision (« Annuler la décision » sur la page du problème), puis décidez de nouveau."
    )


def review_total(scores: dict) -> int:
    return sum(int(v) for v in scores.values())


def average_and_spread(totals: list[float]) -> tuple[float | None, float | None]:
    """Average of reviewers' totals and their spread (population standard deviation)."""
    if not totals:
        return None, None
    return round(mean(totals), 2), round(pstdev(totals), 2)


def duration_problem(weeks: int) -> str:
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        return f"Une investigation dure de {MIN_WEEKS} à {MAX_WEEKS} semaines."
    return ""


def planned_phase_dates(start: date, weeks: int) -> list[tuple[date, date]]:
    """Planned first and last day of the five phases, the duration split as evenly as
    possible: a phase ends the day before the next one starts (no day in two phases), the last
    one on the investigation's last day."""
    total = weeks * 7
    bounds = [start + timedelta(days=round(total * i / len(Step))) for i in range(len(Step) + 1)]
    return [(bounds[i], bounds[i + 1] - timedelta(days=1)) for i in range(len(Step))]


def missing_artefacts(step: int, values: dict) -> list[str]:
    """Artefact fields of a phase still empty."""
    return [name for name in STEP_ARTEFACTS[Step(step)] if not str(values.get(name) or "").strip()]


def close_order_problem(step: int, closed_steps: set[int]) -> str:
    """A phase may be closed only when every earlier phase is closed and it is still open."""
    if step in closed_steps:
        return "Cette phase est déjà close."
    earlier = [s for s in range(1, step) if s not in closed_steps]
    if earlier:
        return f"Clôturez d'abord la phase {earlier[0]} : les phases se closent dans l'ordre."
    return ""


def reopen_order_problem(step: int, closed_steps: set[int]) -> str:
    """Only the last closed phase reopens (to correct its synthesis or date): the phases stay
    closed in order."""
    if step not in closed_steps:
        return "Cette phase n'est pas close."
    later = [s for s in closed_steps if s > step]
    if later:
        return f"Rouvrez d'abord la phase {max(later)} : seule la dernière phase close se rouvre."
    return ""


def close_date_problem(
    on: date, start: date, previous_closed_on: date | None, today: date | None = None
) -> str:
    """A phase cannot be closed before the investigation starts nor before the phase before it
    was closed: a mistyped year would otherwise reorder the calendar. Nor later than `today`:
    a phase is closed once its work is done (a date to come would block the go/no-go, which
    cannot be taken before the last closing)."""
    if today is not None and on > today:
        return (
            f"La phase ne peut pas être close le {on:%d/%m/%Y}, une date à venir : une phase se "
            f"clôt une fois son travail fait, au plus tard aujourd'hui ({today:%d/%m/%Y})."
        )
    if on < start:
        return (
            f"La phase ne peut pas être close le {on:%d/%m/%Y}, avant le début de "
            f"l'investigation ({start:%d/%m/%Y})."
        )
    if previous_closed_on and on < previous_closed_on:
        return (
            f"La phase ne peut pas être close le {on:%d/%m/%Y}, avant la clôture de la phase "
            f"précédente ({previous_closed_on:%d/%m/%Y})."
        )
    return ""


def decision_phases_problem(closed_steps: set[int]) -> str:
    """The go/no-go committee decides on a finished investigation: its five phases closed, the
    fifth giving the way out, the impact hypothesis and the first indicators a go carries."""
    still_open = [step for step in Step if step.value not in closed_steps]
    if still_open:
        return (
            f"Clôturez d'abord la phase {still_open[0].value} ({still_open[0].label}) : le comité "
            "de go/no-go décide une fois les cinq phases closes."
        )
    return ""


def decision_date_problem(
    on: date, start: date, last_closed_on: date | None, today: date | None = None
) -> str:
    """A decision is taken once the investigation has started and its last phase was closed,
    and is recorded once the committee has sat (not at a date to come, as a phase's closing)."""
    if today is not None and on > today:
        return (
            f"La décision ne peut pas être enregistrée au {on:%d/%m/%Y}, une date à venir : "
            "enregistrez-la une fois le comité tenu, au plus tard aujourd'hui "
            f"({today:%d/%m/%Y})."
        )
    if on < start:
        return (
            f"La décision ne peut pas être prise le {on:%d/%m/%Y}, avant le début de "
            f"l'investigation ({start:%d/%m/%Y})."
        )
    if last_closed_on and on < last_closed_on:
        return (
            f"La décision ne peut pas être prise le {on:%d/%m/%Y}, avant la clôture de la "
            f"phase 5 ({last_closed_on:%d/%m/%Y})."
        )
    return ""


def decision_committee_problem(on: date, committee_date: date | None) -> str:
    """A decision is the committee's: it bears the date the committee sat."""
    if committee_date is not None and on != committee_date:
        return (
            f"Le comité choisi s'est tenu le {committee_date:%d/%m/%Y} : donnez cette date à la "
            "décision, ou choisissez un autre comité (vide : un comité est créé à la date "
            "indiquée)."
        )
    return ""


def planned_committee_problem(on: date, planned_date: date | None, *, replace: bool) -> str:
    """A decision of another day than the committee planned for the investigation does not
    replace that committee without saying so: the team confirms (`replace`) that the decision
    goes to a new committee on its day; '' when it may be recorded."""
    if planned_date is None or on == planned_date or replace:
        return ""
    return (
        f"Le comité de go/no-go prévu pour cette investigation est celui du "
        f"{planned_date:%d/%m/%Y} : donnez cette date à la décision, choisissez le comité tenu "
        f"le {on:%d/%m/%Y}, ou cochez « {PLANNED_COMMITTEE_REPLACED} » pour créer un comité à "
        "cette date (le comité prévu reste dans le portefeuille)."
    )


# The box of the decision form that confirms a decision of another day than the planned
# committee (`planned_committee_problem`).
PLANNED_COMMITTEE_REPLACED = "Le comité prévu ne s'est pas tenu : créer un comité à cette date"


def funded_count_problem(count: int | None) -> str:
    """A call funds at least one investigation."""
    if count is not None and count < 1:
        return "Un appel finance au moins une investigation : indiquez 1 ou plus."
    return ""


def grid_max_total(criteria: int) -> int:
    """The best total a reviewer can give on a grid of `criteria` criteria."""
    return criteria * GRID_MAX


DAY_AMOUNTS = (Decimal("0.5"), Decimal("1"))


def day_amount_problem(days) -> str:
    """Days are recorded per date, by half-days: half a day (0,5) or a day (1), never 0, less
    or more (the form says it under the field, the service refuses the rest)."""
    try:
        amount = Decimal(str(days))
    except InvalidOperation:
        amount = None
    if amount in DAY_AMOUNTS:
        return ""
    return "Indiquez entre 0,5 et 1 jour par date : une demi-journée (0,5) ou une journée (1)."


def days_budget(entries) -> list[tuple[str, int | None, Decimal]]:
    """Days per role, as the investigation's page and its committee summary show them: (role,
    days funded or None, days spent), for every role (`entries` have `role` and `days`)."""
    spent = {role: Decimal(0) for role in StaffRole.values}
    for entry in entries:
        spent[entry.role] = spent.get(entry.role, Decimal(0)) + Decimal(entry.days)
    return [(role.label, FUNDED_DAYS.get(role), spent[role.value]) for role in StaffRole]


def day_roles_allowed(*, is_team: bool, is_coach: bool, is_designer: bool) -> list[str]:
    """Whose days a person records and corrects (issue 14: a days ledger per person): the team,
    everyone's; the coach and the designer, their own and the agents' (the collectivité's agents
    have no hand on the ledger), never each other's."""
    if is_team:
        return list(StaffRole.values)
    roles = [StaffRole.COACH.value] if is_coach else []
    roles += [StaffRole.DESIGNER.value] if is_designer else []
    return [*roles, StaffRole.AGENT.value] if roles else []


def day_role_problem(role: str, allowed: list[str]) -> str:
    """Why this person may not record or correct days of `role`, in French, or ""."""
    if role in allowed:
        return ""
    label = StaffRole(role).label if role in StaffRole.values else role
    return (
        f"Les jours au rôle « {label} » se saisissent par la personne qui les a passés ou par "
        f"l'équipe de l'incubateur : choisissez votre rôle, ou « {StaffRole.AGENT.label} »."
    )


def day_date_problem(day: date, start: date, today: date) -> str:
    """Days spent are recorded once spent, from the investigation's first day (the rule shared
    with the sur-mesure missions: `core.dates.done_day_problem`)."""
    return done_day_problem(
        day, start, today, start_of="de l'investigation",
        recorded="les jours passés se saisissent une fois faits",
    )  # fmt: skip


@dataclass(frozen=True)
class PhaseState:
    step: int
    planned_end: date
    closed: bool


def late_steps(phases: list[PhaseState], today: date) -> list[int]:
    """Phases still open past their planned end."""
    return [p.step for p in phases if not p.closed and p.planned_end < today]


def current_step(closed_steps: set[int]) -> int | None:
    """The first phase not yet closed, None when all five are."""
    for step in Step:
        if step.value not in closed_steps:
            return step.value
    return None


def phase_label(step: int | None) -> str:
    """The phase shown for an investigation everywhere (pages' exports, open data, API): the
    current phase's number and name, « Terminée » once the five phases are closed."""
    return f"{step}. {Step(step).label}" if step else "Terminée"


def days_left(funded: float, used: float) -> float:
    return round(funded - used, 2)


def days_left_text(left) -> str:
    """What is left of a person's funded days, in words: « 4 jours restants », « plus aucun
    jour restant », and past them « 1,5 jour au-delà des jours financés » (never « 0 jour
    restant » for days spent beyond the budget)."""
    if left > 0:
        return f"{days_text(left)} restant{'s' if is_plural(left) else ''}"
    if left == 0:
        return "plus aucun jour restant"
    return f"{days_text(-left)} au-delà des jours financés"


def conversion(problems: int, investigations: int, gos: int) -> tuple[float | None, float | None]:
    """Share of problems that became investigations, and of investigations that got a go."""
    first = round(100 * investigations / problems, 1) if problems else None
    second = round(100 * gos / investigations, 1) if investigations else None
    return first, second


RURAL_MAX_POPULATION = 2_000  # Insee's historical threshold of an urban commune


def territory_profile(population: int | None) -> str:
    """Rural or urban from a commune's population, for the "diversity" criterion; coast and
    mountain are not in the reference data yet, so they are said unknown rather than guessed."""
    if population is None:
        return "profil inconnu"
    kind = "rurale" if population < RURAL_MAX_POPULATION else "urbaine"
    return f"commune {kind} ; littoral ou montagne : non renseigné"
