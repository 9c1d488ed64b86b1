"""Rules of the go/no-go: decided on a finished investigation, at the date its committee sat;
and the conversion of problems into investigations and gos."""

from datetime import date

from ..vocabulary import GO_GRID, Step

# The go/no-go committees a decision is offered: those to come and those held in the last 90
# days (an older decision is recorded at its date: a committee is created for it).
GO_NO_GO_RECENT_DAYS = 90


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


def conversion(problems: int, investigations: int, gos: int) -> tuple[float | None, float | None]:
    """Share of problems that became investigations, and of investigations that got a go."""
    first = round(100 * investigations / problems, 1) if problems else None
    second = round(100 * gos / investigations, 1) if investigations else None
    return first, second


def go_grid_rows(scores: dict) -> list[tuple[str, int | None]]:
    """The committee's go/no-go grid as shown (page and PDF summary): each criterion's label with
    its score, None when the committee did not score it."""
    return [(label, scores.get(key)) for key, label in GO_GRID]
