"""Rules of the five phases of an investigation: duration, planned dates, artefacts, closing
and reopening in order, late and current phase."""

from dataclasses import dataclass
from datetime import date, timedelta

from ..vocabulary import MAX_WEEKS, MIN_WEEKS, STEP_ARTEFACTS, Step


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
