"""The impact view of the portfolio: one row per project, the status of all its indicators.

The status of every indicator of the portfolio is computed on each request (16,000 at the
scale of the benchmark) in a fixed number of queries:

1. the projects the user follows, with their current phase;
2. one row of numbers per indicator: codes for frequency, direction and computation, dates
   as days since 1970, values as floats, the latest value included (copied on the indicator
   by `services.refresh_latest`: no subquery per indicator) and, for the cost per use, the
   expenses of the 12 months of its active users' latest month (`MonthShift`). Numbers only,
   read without Django's per-value converters, turned into NumPy columns in one call;
3. `rules.evaluate_many` applies the rules to all of them at once (the tests check it agrees
   with `rules.evaluate`, case by case).

Only the displayed page then reads names, units, committees and the North Star trend
(`complete_page`).
"""

import gc
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db import connections
from django.db.models import (
    Case,
    DateField,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.portfolio.models import Committee, Expense, Phase, Project
from fabrique.portfolio.selectors import annotated_projects, projects_for_user, summarize
from fabrique.portfolio.vocabulary import PhaseName

from . import rules
from .models import Indicator
from .selectors import MonthShift, recent_values
from .starter import ACTIVE_USERS
from .vocabulary import Computation, Direction, Status, Trend

CLOSED_PHASES = frozenset({PhaseName.ABANDONED, PhaseName.INVESTIGATION_ABANDONED})
COMPUTATION_CODES = {Computation.PENETRATION: 1, Computation.COST_PER_USE: 2}
COMPUTATIONS = {0: "", **{code: str(name) for name, code in COMPUTATION_CODES.items()}}
FREQUENCIES = sorted(rules.FREQUENCY_CODES, key=rules.FREQUENCY_CODES.get)
EPOCH = date(1970, 1, 1)


@dataclass
class PortfolioRow:
    """One project of the portfolio impact view."""

    pk: int
    name: str
    slug: str
    phase: str | None
    statuses: dict[str, int] = field(default_factory=dict)
    indicator_count: int = 0
    # The North Star: id, direction, frequency, computed, latest (period, value), status;
    # name and unit added for the displayed page.
    north_star: dict | None = None
    to_update: list[str] = field(default_factory=list)  # names, for the displayed page
    next_committee: date | None = None
    committee_overdue: bool = False
    trend: str | None = None

    @property
    def attention(self) -> tuple:
        return (
            -(self.statuses.get(Status.OFF_TRACK, 0) + self.statuses.get(Status.STALE, 0)),
            -self.statuses.get(Status.OFF_TRACK, 0),
            self.indicator_count == 0,
            self.name.lower(),
        )

    @property
    def phase_label(self) -> str:
        return PhaseName(self.phase).label if self.phase else "—"

    @property
    def status_list(self) -> list[tuple[str, str, int]]:
        return [(s, label, self.statuses[s]) for s, label in Status.choices if self.statuses.get(s)]

    @property
    def north_star_text(self) -> str:
        if not self.north_star or self.north_star["latest"] is None:
            return "—"
        return rules.format_value(self.north_star["latest"][1], self.north_star.get("unit", ""))

    @property
    def trend_label(self) -> str:
        return Trend(self.trend).label if self.trend else "—"

    @property
    def trend_good(self) -> bool | None:
        if not self.north_star:
            return None
        return rules.trend_is_good(self.trend, self.north_star["direction"])


@dataclass
class Projects:
    """The projects of the view as columns (few Python objects for thousands of projects)."""

    pk: np.ndarray
    name: np.ndarray
    slug: np.ndarray
    phase: np.ndarray

    def __len__(self) -> int:
        return len(self.pk)


@dataclass
class NorthStars:
    """The North Star of each project that has one: its row in the numbers table."""

    by_position: dict[int, int]  # project position -> index in the arrays below
    pk: np.ndarray
    up: np.ndarray
    frequency: np.ndarray
    computation: np.ndarray
    day: np.ndarray
    value: np.ndarray
    code: np.ndarray

    def get(self, position: int) -> dict | None:
        index = self.by_position.get(position)
        if index is None:
            return None
        state = rules.STATUS_CODES[int(self.code[index])]
        day = self.day[index]
        return {
            "id": int(self.pk[index]),
            "direction": Direction.UP if self.up[index] else Direction.DOWN,
            "frequency": FREQUENCIES[int(self.frequency[index])],
            "computed": COMPUTATIONS[int(self.computation[index])],
            "latest": (
                (EPOCH + timedelta(days=int(day)), float(self.value[index]))
                if not np.isnan(day) else None
            ),
            "status": state,
            "status_label": Status(state).label,
        }  # fmt: skip


class PortfolioRows(Sequence):
    """The rows of the view in display order, each built when asked for (a page of 50 out of
    2,000): what is known of every project are NumPy arrays."""

    def __init__(self, order, projects: Projects, counts, stars: NorthStars):
        self.order = order  # positions in `projects`, in display order
        self.projects = projects
        self.counts = counts  # statuses per project: array (projects × STATUS_CODES)
        self.stars = stars
        self.built: dict[int, PortfolioRow] = {}

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(position) for position in self.order[index].tolist()]
        return self._row(int(self.order[index]))

    def _row(self, position: int) -> PortfolioRow:
        if position not in self.built:
            counts = self.counts[position].tolist()
            projects = self.projects
            phase = str(projects.phase[position]) or None
            row = PortfolioRow(
                int(projects.pk[position]), str(projects.name[position]),
                str(projects.slug[position]), phase,
            )  # fmt: skip
            row.statuses = {
                rules.STATUS_CODES[code]: count for code, count in enumerate(counts) if count
            }
            row.indicator_count = sum(counts)
            row.north_star = self.stars.get(position)
            self.built[position] = row
        return self.built[position]


@dataclass
class PortfolioImpact:
    rows: PortfolioRows
    totals: list[tuple[str, str, int]]
    project_count: int
    indicator_count: int
    without_indicators: int


# --- SQL ----------------------------------------------------------------------------------


class EpochDays(Func):
    """Days since 1970-01-01 of a date (or of the day of a timestamp), as a number."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql})::date - DATE '1970-01-01')", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(julianday(date({sql})) - 2440587.5 AS integer)", params


def _code(field_name: str, codes: dict) -> Case:
    return Case(
        *(When(**{field_name: value}, then=Value(code)) for value, code in codes.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def _spent() -> Case:
    """For a cost-per-use row: the expenses of the 12 months that end with the month of the
    latest active-users value of its project (evaluated only for those rows)."""
    users_period = Subquery(
        Indicator.objects.filter(project_id=OuterRef(OuterRef("project_id")), key=ACTIVE_USERS)
        .order_by()
        .values("latest_period")[:1],
        output_field=DateField(),
    )
    spent = (
        Expense.objects.filter(
            project_id=OuterRef("project_id"),
            date__gte=MonthShift(users_period, 1 - rules.COST_WINDOW_MONTHS),
            date__lt=MonthShift(users_period, 1),
        )
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Case(
        When(computed=Computation.COST_PER_USE, then=Cast(Subquery(spent), FloatField())),
        default=Value(None, output_field=FloatField()),
        output_field=FloatField(),
    )


# Columns of the numbers read for each indicator, in this order.
COLUMNS = (
    "pk", "project_id", "is_users", "star", "computation", "frequency_code", "up",
    "baseline_day", "baseline", "target_day", "target", "created_day", "last_day", "last",
    "spent",
)  # fmt: skip


def indicator_numbers(indicators: QuerySet[Indicator]):
    """The numbers the rules need, one row per indicator (see the module's docstring)."""
    return (
        indicators.order_by()
        .annotate(
            is_users=Case(When(key=ACTIVE_USERS, then=1), default=0, output_field=IntegerField()),
            star=Cast("is_north_star", IntegerField()),
            computation=_code("computed", COMPUTATION_CODES),
            frequency_code=_code("frequency", rules.FREQUENCY_CODES),
            up=Case(When(direction=Direction.UP, then=1), default=0, output_field=IntegerField()),
            baseline_day=EpochDays("baseline_date"),
            baseline=Cast("baseline_value", FloatField()),
            target_day=EpochDays("target_date"),
            target=Cast("target_value", FloatField()),
            created_day=EpochDays("created_at"),
            last_day=EpochDays("latest_period"),
            last=Cast("latest_value", FloatField()),
            spent=_spent(),
        )
        .values_list(*COLUMNS)
    )


@contextmanager
def _without_cycle_collection():
    """Pause Python's cycle collector while 16,000 row tuples are read then dropped: they are
    freed by reference counting, but their allocation alone would trigger collections of the
    whole process (about a tenth of a second each, every few requests, measured by the bench)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def number_table(queryset) -> np.ndarray:
    """The rows of a `values_list` of numbers as a float array (NULL → NaN), read straight from
    the database driver: no Django converter runs on each value."""
    sql, params = queryset.query.sql_with_params()
    with _without_cycle_collection(), connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        table = np.array(rows, dtype=float).reshape(len(rows), len(COLUMNS))
        del rows
    return table


def _dates(days: np.ndarray) -> np.ndarray:
    missing = np.isnan(days)
    result = np.nan_to_num(days).astype("int64").astype("datetime64[D]")
    result[missing] = np.datetime64("NaT")
    return result


# --- Rows ---------------------------------------------------------------------------------


def visible_projects(user) -> QuerySet[Project]:
    return Project.objects.all() if is_incubator_staff(user) else projects_for_user(user)


def _projects(projects) -> Projects:
    """The projects followed, with their current phase, abandoned ones left out."""
    latest_phase = (
        Phase.objects.filter(project=OuterRef("pk")).order_by("-start", "-pk").values("name")[:1]
    )
    rows = [
        row
        for row in projects.order_by()
        .annotate(phase=Subquery(latest_phase))
        .values_list("pk", "name", "slug", "phase")
        if row[3] not in CLOSED_PHASES
    ]
    if not rows:
        empty = np.array([], dtype=str)
        return Projects(np.array([], dtype=float), empty, empty, empty)
    pk, name, slug, phase = zip(*rows, strict=True)
    return Projects(
        np.array(pk, dtype=float), np.array(name), np.array(slug),
        np.array([value or "" for value in phase]),
    )  # fmt: skip


def _latest_for_evaluation(table: np.ndarray, positions: np.ndarray, today: date):
    """Latest (day, value) of each indicator as the rules see it: a computed penetration holds
    until the deployments change (its latest value is today's); a cost per use is the spending
    ÷ the active users of its project's latest active-users month (`rules.cost_per_use`)."""
    column = {name: index for index, name in enumerate(COLUMNS)}
    last_day = table[:, column["last_day"]].copy()
    last = table[:, column["last"]].copy()
    computation = table[:, column["computation"]]
    frequency = table[:, column["frequency_code"]].astype(int)

    current = np.array(
        [(rules.period_start(today, name) - EPOCH).days for name in FREQUENCIES], dtype=float
    )
    penetration = (computation == 1) & ~np.isnan(last_day)
    last_day[penetration] = current[frequency[penetration]]

    users = table[:, column["is_users"]] == 1
    users_day = np.full(positions.max(initial=0) + 1, np.nan)
    users_value = np.full(positions.max(initial=0) + 1, np.nan)
    users_day[positions[users]] = last_day[users]
    users_value[positions[users]] = last[users]
    cost = computation == 2
    spent = table[cost, column["spent"]]
    active = users_value[positions[cost]]
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where((spent > 0) & (active > 0), np.round(spent / active, 2), np.nan)
    last[cost] = value
    last_day[cost] = np.where(np.isnan(value), np.nan, users_day[positions[cost]])
    return last_day, last


def impact_portfolio(
    user, *, status: str = "", sort: str = "attention", today: date | None = None
) -> PortfolioImpact:
    """One row per project the user may follow (abandoned ones left out), with the status of
    every indicator: two queries whatever the portfolio size."""
    today = today or timezone.localdate()
    with _without_cycle_collection():
        return _impact_portfolio(user, status, sort, today)


def _impact_portfolio(user, status: str, sort: str, today: date) -> PortfolioImpact:
    projects = _projects(visible_projects(user))
    indicators = Indicator.objects.all()
    if not is_incubator_staff(user):
        indicators = indicators.filter(project__in=visible_projects(user))
    table = number_table(indicator_numbers(indicators))
    column = {name: index for index, name in enumerate(COLUMNS)}

    # Each indicator's project, as a position in `projects` (indicators of projects left out
    # are dropped).
    order = np.argsort(projects.pk)
    if len(projects):
        found = np.minimum(
            np.searchsorted(projects.pk[order], table[:, column["project_id"]]), len(projects) - 1
        )
        kept = projects.pk[order][found] == table[:, column["project_id"]]
        positions = order[found[kept]]
    else:
        kept, positions = np.zeros(len(table), dtype=bool), np.zeros(0, dtype=int)
    table = table[kept]

    last_day, last = _latest_for_evaluation(table, positions, today)
    codes, _, _ = rules.evaluate_many(
        frequency=table[:, column["frequency_code"]].astype(int),
        up=table[:, column["up"]] == 1,
        today=today,
        latest_period=_dates(last_day),
        latest_value=last,
        baseline_date=_dates(table[:, column["baseline_day"]]),
        baseline_value=table[:, column["baseline"]],
        target_date=_dates(table[:, column["target_day"]]),
        target_value=table[:, column["target"]],
        since=_dates(table[:, column["created_day"]]),
    )
    width = len(rules.STATUS_CODES)
    counts = np.bincount(positions * width + codes, minlength=len(projects) * width).reshape(
        len(projects), width
    )
    star = np.flatnonzero(table[:, column["star"]] == 1)
    stars = NorthStars(
        by_position=dict(zip(positions[star].tolist(), range(len(star)), strict=True)),
        pk=table[star, column["pk"]],
        up=table[star, column["up"]] == 1,
        frequency=table[star, column["frequency_code"]],
        computation=table[star, column["computation"]],
        day=last_day[star],
        value=last[star],
        code=codes[star],
    )

    code = {name: index for index, name in enumerate(rules.STATUS_CODES)}
    off, stale = counts[:, code[Status.OFF_TRACK]], counts[:, code[Status.STALE]]
    indicator_counts = counts.sum(axis=1)
    names = np.char.lower(projects.name) if len(projects) else projects.name
    if sort == "nom":
        display = np.argsort(names, kind="stable")
    else:  # projects to watch first: most indicators off track or silent
        display = np.lexsort((names, indicator_counts == 0, -off, -(off + stale)))
    if status == "sans-indicateur":
        display = display[indicator_counts[display] == 0]
    elif status in code:
        display = display[counts[display, code[status]] > 0]
    totals = dict(zip(rules.STATUS_CODES, counts.sum(axis=0).tolist(), strict=True))
    return PortfolioImpact(
        rows=PortfolioRows(display, projects, counts, stars),
        totals=[(s, label, totals.get(s, 0)) for s, label in Status.choices],
        project_count=len(projects),
        indicator_count=int(counts.sum()),
        without_indicators=int((indicator_counts == 0).sum()),
    )


def complete_page(rows: list[PortfolioRow], today: date | None = None) -> None:
    """What the view shows for one page of rows only: next committee (portfolio rules) and the
    indicators to update before it, names and units, and the North Star trend. Three queries."""
    today = today or timezone.localdate()
    if not rows:
        return
    by_pk = {row.pk: row for row in rows}
    upcoming = (
        Committee.objects.filter(projects=OuterRef("pk"), date__gte=today)
        .order_by("date")
        .values("date")[:1]
    )
    projects = (
        annotated_projects(today, detail=False)
        .filter(pk__in=list(by_pk))
        .annotate(next_scheduled=Subquery(upcoming))
    )
    for summary in summarize(projects, today):
        row = by_pk[summary.project.pk]
        candidates = [
            day for day in (summary.next_committee_due, summary.project.next_scheduled) if day
        ]
        row.next_committee = min(candidates) if candidates else None
        row.committee_overdue = bool(row.next_committee and row.next_committee < today)
    stars = {row.north_star["id"]: row for row in rows if row.north_star}
    indicators = (
        Indicator.objects.filter(Q(project__in=list(by_pk), computed="") | Q(pk__in=list(stars)))
        .order_by("project", "position", "name")
        .values_list("pk", "project_id", "name", "unit", "frequency", "computed", "latest_period")
    )
    for pk, project_id, name, unit, frequency, computed, latest_period in indicators:
        row = by_pk[project_id]
        if pk in stars:
            row.north_star["name"], row.north_star["unit"] = name, unit
        if not computed and rules.update_due_for_committee(
            latest_period, frequency, row.next_committee, today
        ):
            row.to_update.append(name)
    measured = {
        pk: row
        for pk, row in stars.items()
        if row.north_star["computed"] != Computation.COST_PER_USE
    }
    for indicator_id, points in recent_values(measured).items():
        row = measured[indicator_id]
        row.trend = rules.trend(points, row.north_star["frequency"])
