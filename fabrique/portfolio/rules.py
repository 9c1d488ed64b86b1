"""Portfolio rules that need no database: phase sequences, burn rate, committee due dates."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple

from django.utils import timezone

from .vocabulary import (
    ATTESTATION_WITHDRAWAL_DAYS,
    COMMITTEE_BEFORE_RUNOUT_DAYS,
    COMMITTEE_MAX_INTERVAL_DAYS,
    DUE_SOON_DAYS,
    GO_NO_GO_OUTCOMES,
    PHASE_ORDER,
    TERMINAL_PHASES,
    CommitteeKind,
    Outcome,
    PhaseName,
)

BURN_WINDOW_DAYS = 90


@dataclass(frozen=True)
class PhaseSpan:
    name: str
    start: date
    end: date | None


def phase_problems(phases: list[PhaseSpan]) -> list[str]:
    """What is wrong with a history of phases, in French; empty when it is consistent."""
    problems = []
    ordered = sorted(phases, key=lambda phase: (phase.start, PHASE_ORDER.get(phase.name, 99)))
    for phase in ordered:
        if phase.end and phase.end < phase.start:
            problems.append(
                f"La phase « {label(phase.name)} » finit le {phase.end:%d/%m/%Y}, "
                f"avant son début ({phase.start:%d/%m/%Y})."
            )
    for before, after in pairwise(ordered):
        if before.name in TERMINAL_PHASES:
            problems.append(
                f"La phase « {label(after.name)} » suit la phase terminale "
                f"« {label(before.name)} »."
            )
        if before.end is None or before.end > after.start:
            problems.append(
                f"Les phases « {label(before.name)} » et « {label(after.name)} » se chevauchent "
                f"(la seconde commence le {after.start:%d/%m/%Y})."
            )
    return problems


def label(name: str) -> str:
    try:
        return PhaseName(name).label
    except ValueError:
        return name


def phase_recency(name: str, start: date) -> tuple:
    """How recent a phase is: by start date, then (same day) by its place in a project's life.

    The one rule of « current phase », for Python (`current_phase`, the charts) and SQL
    (`selectors.projects.current_phase_subquery`, tested against it).
    """
    return (start, PHASE_ORDER.get(name, 0))


def current_phase(phases: list[PhaseSpan]) -> str | None:
    """The phase a project is in: the one that started last."""
    if not phases:
        return None
    return max(phases, key=lambda phase: phase_recency(phase.name, phase.start)).name


def count_phases(names) -> list[tuple[str, str, int]]:
    """How many projects are in each phase, in the order of a project's life: `(name, label,
    count)` for every phase, and `("", "Sans phase", count)` when some have none."""
    counts: dict = {}
    for name in names:
        counts[name or ""] = counts.get(name or "", 0) + 1
    rows = [(name, label, counts.get(name, 0)) for name, label in PhaseName.choices]
    if counts.get(""):
        rows.append(("", "Sans phase", counts[""]))
    return rows


class BudgetStatus(NamedTuple):  # a tuple: built for every project on each dashboard request
    granted: Decimal
    spent: Decimal
    spent_recent: Decimal  # spending over the last 90 days

    @property
    def daily_burn(self) -> Decimal:
        """Average spending per day over the last 90 days."""
        return self.spent_recent / BURN_WINDOW_DAYS

    @property
    def remaining(self) -> Decimal:
        return self.granted - self.spent

    def runs_out_on(self, today: date) -> date | None:
        """When the money left is spent at the current burn rate; None if nothing is spent."""
        if self.spent_recent <= 0:
            return None
        remaining = self.granted - self.spent
        if remaining <= 0:
            return today
        # remaining / (spent_recent / 90) days, in one division (read for every project of the
        # dashboard on each request).
        return today + timedelta(days=int(remaining * BURN_WINDOW_DAYS // self.spent_recent))


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value or 0)


def funding_amount_problem(amount) -> str:
    """A funding line brings money: none (0 €) is not a line. Empty when the amount is fine
    (a committee decision of 0 € adds no line either)."""
    if amount is not None and _decimal(amount) <= 0:
        return "Un financement a un montant supérieur à 0 € : corrigez le montant."
    return ""


def budget_status(granted, spent, spent_last_window) -> BudgetStatus:
    return BudgetStatus(_decimal(granted), _decimal(spent), _decimal(spent_last_window))


def is_held(committee_date: date, today: date) -> bool:
    """A committee is held on its date: one dated today counts, one dated tomorrow is planned.

    « Dernier comité » is the last held one (`last_held`), and the due-date rule uses held
    committees only; a later one is « prochain comité prévu » (`next_planned`). The SQL
    versions (`selectors.projects.annotated_projects`, `selectors.board`) filter on
    `date <= today` and `date > today`, tested against these.
    """
    return committee_date <= today


def last_held(dates, today: date) -> date | None:
    return max((day for day in dates if is_held(day, today)), default=None)


def next_planned(dates, today: date) -> date | None:
    return min((day for day in dates if not is_held(day, today)), default=None)


def is_due_soon(due: date | None, today: date) -> bool:
    """A committee due between today and `DUE_SOON_DAYS` from now (the dashboard list, the
    report and Mon espace)."""
    return bool(due and today <= due <= today + timedelta(days=DUE_SOON_DAYS))


def is_overdue(due: date | None, today: date) -> bool:
    """A committee due by the rule whose day has passed (« en retard »: the project page, the
    dashboard, the report and the impact overview)."""
    return bool(due and due < today)


def too_long_without_committee(
    last_committee: date | None, started: date | None, today: date
) -> bool:
    """No committee for more than `COMMITTEE_MAX_INTERVAL_DAYS` since the last one (or since
    the project started when it never had one)."""
    reference = last_committee or started
    return bool(reference and (today - reference).days > COMMITTEE_MAX_INTERVAL_DAYS)


def budget_ends_soon(runout: date | None, today: date) -> bool:
    """The budget runs out within `DUE_SOON_DAYS` (or has run out already)."""
    return bool(runout and runout <= today + timedelta(days=DUE_SOON_DAYS))


def committee_to_prepare(
    next_planned: date | None, due: date | None, *, today: date
) -> date | None:
    """The committee a project's figures must be ready for: the next one planned with the
    project on its agenda, or the one due by the rule, whichever comes first; a due date
    already past is caught up by the committee planned since (not « prochain comité » in the
    past while one is on the calendar)."""
    if next_planned and due and due < today:
        return next_planned
    return min((day for day in (next_planned, due) if day), default=None)


def next_committee_due(
    last_committee: date | None, runout: date | None, started: date | None
) -> date | None:
    """At least every 6 months, and 45 days before the budget runs out, whichever comes first."""
    candidates = []
    reference = last_committee or started
    if reference:
        candidates.append(reference + timedelta(days=COMMITTEE_MAX_INTERVAL_DAYS))
    if runout:
        candidates.append(runout - timedelta(days=COMMITTEE_BEFORE_RUNOUT_DAYS))
    return min(candidates) if candidates else None


# --- Service fait ----------------------------------------------------------------------------


def attestation_withdrawal_deadline(attested_on: date) -> date:
    """The last day the team may withdraw an attestation of service fait."""
    return attested_on + timedelta(days=ATTESTATION_WITHDRAWAL_DAYS)


def attestation_withdrawal_problem(attested_at: datetime | None, today: date) -> str:
    """Why an attestation of service fait (made at `attested_at`) cannot be withdrawn, in
    French; "" when it can.

    The one rule of the withdrawal: the service, its page, the project page and the corrections
    table use it.
    """
    if attested_at is None:
        return "Cette période n'est pas attestée : il n'y a rien à retirer."
    attested_on = timezone.localdate(attested_at)
    deadline = attestation_withdrawal_deadline(attested_on)
    if today > deadline:
        return (
            f"Attestée le {attested_on:%d/%m/%Y} : le retrait n'est possible que pendant "
            f"{ATTESTATION_WITHDRAWAL_DAYS} jours (jusqu'au {deadline:%d/%m/%Y}), le délai de "
            "paiement. Passé ce délai, voyez le service financier."
        )
    return ""


# --- Deleting a project -------------------------------------------------------------------

# What a project created by mistake may carry and lose with it: its description records. Any
# other record that depends on it (a decision, a funding line, an expense, a maturity review,
# an indicator, a support module…) is a trace to keep: the project is ended by a phase instead.
DELETED_WITH_PROJECT = frozenset(
    {"portfolio.ProjectPartner", "portfolio.Phase", "portfolio.TeamMember", "impact.ProjectToken"}
)


@dataclass(frozen=True)
class Dependent:
    """Rows of one kind that depend on a project: `label` "app.Model", their French name
    (`singular`, `plural`), `count`, and whether they go with it (`cascade`) or stay, unlinked."""

    label: str
    singular: str
    plural: str
    count: int
    cascade: bool

    def __str__(self) -> str:
        return f"{self.count} {self.singular if self.count == 1 else self.plural}"


def project_deletion_problem(dependents: list[Dependent]) -> str:
    """Why a project may not be deleted, in French; empty when it may."""
    kept = [
        str(d) for d in dependents if d.count and d.cascade and d.label not in DELETED_WITH_PROJECT
    ]
    if not kept:
        return ""
    return (
        f"Ce projet ne peut pas être supprimé : il a déjà {', '.join(kept)}, dont la trace "
        "doit rester. Supprimez d'abord ces éléments s'ils ont été saisis par erreur, ou "
        "terminez le projet par une phase d'arrêt."
    )


def project_deletion_consequence(dependents: list[Dependent]) -> str:
    """What deleting a project also does, in French (the rows that go with it or stay)."""
    gone = [str(d) for d in dependents if d.count and d.cascade]
    kept = [str(d) for d in dependents if d.count and not d.cascade]
    sentences = []
    if gone:
        sentences.append(f"Sont supprimés avec lui : {', '.join(gone)}.")
    if kept:
        sentences.append(f"Restent, sans lien vers le projet : {', '.join(kept)}.")
    return " ".join(sentences)


def decision_date_problem(committee_date: date, today: date) -> str:
    """A decision is recorded once its committee has sat, not before (French), "" otherwise: a
    granted amount would count in the project's budget before anybody decided it."""
    if committee_date > today:
        return (
            f"Ce comité se tient le {committee_date:%d/%m/%Y}, une date à venir : enregistrez "
            "sa décision une fois le comité tenu (ou corrigez la date du comité)."
        )
    return ""


def outcome_committee_problem(outcome: str, committee_kind: str) -> str:
    """A go or a no-go is the decision of a go/no-go committee only (French), "" otherwise."""
    if outcome in GO_NO_GO_OUTCOMES and committee_kind != CommitteeKind.GO_NO_GO:
        return (
            f"« {Outcome(outcome).label} » se décide en comité de go/no-go d'investigation : "
            "choisissez une autre décision pour ce comité."
        )
    return ""
