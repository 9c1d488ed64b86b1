"""What the demo tells about each project, computed without the database.

The committee calendar counted back from today, each project's phases and committee events
(`build_timeline`), its spending (`build_expenses`) and how its funding is spread over its
launch line and committee decisions (`plan_funding`).
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ..vocabulary import TERMINAL_PHASES, CommitteeKind, Outcome
from .data import ACCEL, BUILD, CONSOL, IMPORTED_FUNDING, INV, MONTHS, DemoProject, P

# --- Dates --------------------------------------------------------------------------------


def month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


class Calendar:
    """Committee sessions: about every 30 days, on a Thursday, counted back from today.

    Session 0 is 7 to 13 days ago, session k about 30·k days before it; session -1 is the
    next one, 17 to 23 days ahead.
    """

    def __init__(self, today: date):
        self.today = today

    def session(self, index: int) -> date:
        day = self.today - timedelta(days=7 + 30 * index)
        return day - timedelta(days=(day.weekday() - 3) % 7)

    def nearest_session(self, day: date) -> date:
        index = round(((self.today - day).days - 10) / 30)
        sessions = [self.session(k) for k in (index - 1, index, index + 1) if k >= 0]
        return min(sessions, key=lambda session: abs((session - day).days))


@dataclass
class Event:
    """A committee where the project is on the agenda (and, unless upcoming, decided on)."""

    day: date
    kind: str
    outcome: str | None
    weight: float  # share of the project's funding granted at this committee
    amount: Decimal = Decimal(0)


@dataclass
class Timeline:
    phases: list[tuple[str, date, date | None]]
    events: list[Event] = field(default_factory=list)

    @property
    def start(self) -> date:
        return self.phases[0][1]

    @property
    def closed_on(self) -> date | None:
        name, start, _ = self.phases[-1]
        return start if name in TERMINAL_PHASES else None

    def phase_on(self, day: date) -> str:
        for name, start, end in self.phases:
            if start <= day and (end is None or day < end):
                return name
        return self.phases[0][0]

    def start_of(self, name: str) -> date | None:
        return next((start for phase, start, _ in self.phases if phase == name), None)


def _transition(before: str, after: str) -> tuple[str, str, float]:
    """(committee kind, outcome, funding weight) of the committee that moves a project on."""
    if before == INV:
        if after == P.INVESTIGATION_ABANDONED:
            return CommitteeKind.GO_NO_GO, Outcome.NO_GO, 0
        return CommitteeKind.GO_NO_GO, Outcome.GO, 1.0
    if after == ACCEL:
        return CommitteeKind.INVESTMENT, Outcome.ACCELERATE, 1.5
    if after == CONSOL:
        return CommitteeKind.INVESTMENT, Outcome.CONTINUE, 0.8
    if after in (P.TRANSFERRED, P.OPERATED):
        return CommitteeKind.PERENNISATION, Outcome.CONTINUE, 0
    return CommitteeKind.INVESTMENT, Outcome.STOP, 0


def build_timeline(spec: DemoProject, calendar: Calendar) -> Timeline:
    today = calendar.today
    names = [name for name, _ in spec.path] + [spec.current]
    starts = [today - timedelta(days=spec.since)]
    if spec.path:
        # A phase starts on the Monday after the committee that decided it.
        starts = [calendar.nearest_session(starts[0]) + timedelta(days=4)]
        for _name, days in reversed(spec.path[1:]):
            target = starts[0] - timedelta(days=days)
            starts.insert(0, calendar.nearest_session(target) + timedelta(days=4))
        starts.insert(0, starts[0] - timedelta(days=spec.path[0][1]))
    ends = [*starts[1:], None]
    timeline = Timeline(list(zip(names, starts, ends, strict=True)))
    if spec.imported:
        return timeline

    events = timeline.events
    for (before, _, _), (after, start, _) in zip(
        timeline.phases, timeline.phases[1:], strict=False
    ):
        kind, outcome, weight = _transition(before, after)
        events.append(Event(start - timedelta(days=4), kind, outcome, weight))

    def add_periodic(start: date, limit: date) -> None:
        day = start + timedelta(days=182)
        while day < limit - timedelta(days=60):
            session = calendar.nearest_session(day)
            if all(abs((session - event.day).days) > 45 for event in events):
                outcome = Outcome.CONTINUE
                if spec.pivot and not any(event.outcome == Outcome.PIVOT for event in events):
                    outcome = Outcome.PIVOT
                events.append(Event(session, CommitteeKind.INVESTMENT, outcome, 1.0))
            day += timedelta(days=182)

    for name, start, end in timeline.phases:
        if name not in (BUILD, ACCEL, CONSOL):
            continue
        if end is not None:
            add_periodic(start, end)
            continue
        last = calendar.session(spec.last_session or 0)
        add_periodic(start, last)
        if last > start + timedelta(days=20) and all(event.day != last for event in events):
            outcome = Outcome.CONTINUE
            if spec.pivot and not any(event.outcome == Outcome.PIVOT for event in events):
                outcome = Outcome.PIVOT
            events.append(Event(last, CommitteeKind.INVESTMENT, outcome, 1.0))
    if spec.upcoming:
        kind = CommitteeKind.GO_NO_GO if spec.current == INV else CommitteeKind.INVESTMENT
        events.append(Event(calendar.session(-1), kind, None, 0))
    events.sort(key=lambda event: event.day)
    return timeline


# --- Money --------------------------------------------------------------------------------

BURN_FACTOR = {INV: 0.35, BUILD: 1.0, ACCEL: 1.3, CONSOL: 0.7}
LAUNCH_WEIGHT = 0.6  # the launch line, against 1 for a committee decision
MONTHLY_DETAIL = 12  # months of detailed spending; older spending is recorded by quarter


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def build_expenses(spec, timeline, today, rng) -> list[tuple[date, Decimal, str]]:
    """Spending until today or the closing phase: the team every month (by quarter beyond the
    last twelve months, as an older ledger would have it) and hosting every quarter."""
    if spec.imported:
        return []
    stop = timeline.closed_on or today + timedelta(days=1)
    expenses, quarter, index = [], [], 0

    def close_quarter():
        if quarter:
            last_day = quarter[0][0]
            total = sum((amount for _, amount in quarter), Decimal(0))
            label = f"{MONTHS[last_day.month - 1]} {last_day.year}"
            if len(quarter) > 1:
                label = f"{len(quarter)} mois jusqu'à {label}"
            expenses.append((last_day, total, f"Prestations de l'équipe — {label}"))
            quarter.clear()

    while (day := today - timedelta(days=4 + 30 * index)) >= timeline.start:
        if day < stop:
            phase = timeline.phase_on(day)
            amount = _money(spec.burn * BURN_FACTOR.get(phase, 1.0) * rng.uniform(0.92, 1.08))
            month = f"{MONTHS[day.month - 1]} {day.year}"
            if index >= MONTHLY_DETAIL:
                quarter.append((day, amount))
                if len(quarter) == 3:
                    close_quarter()
            else:
                expenses.append((day, amount, f"Prestations de l'équipe — {month}"))
                if phase != INV and index % 3 == 1:
                    hosting = _money(rng.uniform(900, 2400))
                    expenses.append((day, hosting, f"Hébergement et outils — {month}"))
        index += 1
    close_quarter()
    return expenses


def plan_funding(spec, timeline, expenses, today, rng) -> Decimal:
    """Spread what the project is granted over its launch line and its committee decisions.

    Active projects are granted what they spent plus `runway_days` of their current burn
    rate (90 days, as the dashboard computes it); closed ones a little more than they spent.
    Returns the amount of the launch funding line.
    """
    spent = sum((amount for _, amount, _ in expenses), Decimal(0))
    recent = sum(
        (amount for day, amount, _ in expenses if today - timedelta(days=90) < day <= today),
        Decimal(0),
    )
    if timeline.closed_on:
        total = spent + rng.choice((0, 2_000, 4_500, 8_000))
    else:
        runway = spec.runway_days if spec.runway_days is not None else rng.randint(240, 420)
        total = spent + recent * runway / 90
    if spec.imported:
        return IMPORTED_FUNDING
    granting = [event for event in timeline.events if event.weight and event.outcome]
    weights = LAUNCH_WEIGHT + sum(event.weight for event in granting)
    for event in granting:
        event.amount = Decimal(round(total * Decimal(event.weight / weights) / 1_000) * 1_000)
    # The launch line takes what rounding left, up to the next thousand euros.
    rest = total - sum((event.amount for event in granting), Decimal(0))
    return Decimal(max(1, math.ceil(rest / 1_000)) * 1_000)
