"""Reads on impact measurement, each in a fixed number of SQL queries.

Latest values come from correlated subqueries on the (indicator, period) index, the last
values for the trend from one window query, and what depends on today's date is derived in
Python by `rules.evaluate`. Nothing here loads every value of an indicator, except the series
of the one indicator a page draws.
"""

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    DateField,
    DecimalField,
    F,
    Func,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fabrique.accounts.models import User
from fabrique.portfolio.models import Committee, Expense, Project

from . import rules
from .models import Indicator, Measurement, ProjectToken
from .penetration import PenetrationFigures, penetration_figures
from .starter import ACTIVE_USERS
from .vocabulary import Computation, Status

MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


class MonthShift(Func):
    """The first day of the month `months` after the month of a date, in SQL (SQLite and
    PostgreSQL): `MonthShift(F("period"), -11)`."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(date_trunc('month', {sql}) + make_interval(months => %s))::date",
            (*params, self.months),
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, 'start of month', %s)", (*params, f"{self.months:+d} months")


# --- Latest values (copied on each indicator by services.refresh_latest) -------------------


def recent_values(indicator_ids, count: int = rules.TREND_POINTS) -> dict[int, list]:
    """The last `count` (period, value) of each indicator, oldest first: one window query."""
    ids = list(indicator_ids)
    if not ids:
        return {}
    rows = (
        Measurement.objects.filter(indicator_id__in=ids)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("indicator_id")], order_by=F("period").desc())
        )
        .filter(rank__lte=count)
        .order_by("indicator_id", "period")
        .values_list("indicator_id", "period", "value")
    )
    result: dict[int, list] = {}
    for indicator_id, period, value in rows:
        result.setdefault(indicator_id, []).append((period, value))
    return result


def _active_users_of(project_ids) -> dict[int, int]:
    """The monthly-active-users indicator of each project: {project id: indicator id}."""
    rows = Indicator.objects.filter(project_id__in=list(project_ids), key=ACTIVE_USERS)
    return dict(rows.values_list("project_id", "pk"))


def cost_points(project_id: int, active_user_points) -> list[tuple[date, Decimal]]:
    """Cost per use at each period where the active users are known: expenses of the 12
    months ending with that month ÷ active users (`rules.cost_per_use`). One query."""
    points = sorted(active_user_points)
    if not points:
        return []
    first, _ = rules.cost_window(points[0][0])
    _, last = rules.cost_window(points[-1][0])
    expenses = list(
        Expense.objects.filter(project_id=project_id, date__gte=first, date__lt=last)
        .order_by("date")
        .values_list("date", "amount")
    )
    days = [day for day, _ in expenses]
    totals = [Decimal(0)]
    for _, amount in expenses:
        totals.append(totals[-1] + amount)
    result = []
    for period, users in points:
        start, end = rules.cost_window(period)
        low, high = bisect_left(days, start), bisect_left(days, end)
        value = rules.cost_per_use(totals[high] - totals[low] if high > low else None, users)
        if value is not None:
            result.append((period, value))
    return result


# --- Indicators of a project --------------------------------------------------------------


@dataclass
class IndicatorState:
    """An indicator with its latest value and what derives from it as of `today`."""

    indicator: Indicator
    latest: tuple[date, Decimal] | None
    recent: list
    evaluation: rules.Evaluation

    def __getattr__(self, name):
        return getattr(self.indicator, name)

    @property
    def latest_period(self):
        return self.latest[0] if self.latest else None

    @property
    def latest_value(self):
        return self.latest[1] if self.latest else None

    @property
    def latest_label(self) -> str:
        if not self.latest:
            return ""
        return rules.period_label(self.latest[0], self.indicator.frequency)

    @property
    def latest_text(self) -> str:
        return rules.format_value(self.latest_value, self.indicator.unit)

    @property
    def baseline_text(self) -> str:
        return rules.format_value(self.indicator.baseline_value, self.indicator.unit)

    @property
    def target_text(self) -> str:
        return rules.format_value(self.indicator.target_value, self.indicator.unit)

    @property
    def status(self) -> str:
        return self.evaluation.status

    @property
    def status_label(self) -> str:
        return self.evaluation.status_label

    @property
    def trend_good(self) -> bool | None:
        return rules.trend_is_good(self.evaluation.trend, self.indicator.direction)


def _evaluate(indicator, latest, recent, today) -> rules.Evaluation:
    if indicator.computed == Computation.PENETRATION and latest:
        # A computed penetration holds until the deployments change: it is never "silent".
        latest = (rules.period_start(today, indicator.frequency), latest[1])
    return rules.evaluate(
        frequency=indicator.frequency,
        direction=indicator.direction,
        today=today,
        latest=latest,
        baseline=(indicator.baseline_date, indicator.baseline_value),
        target=(indicator.target_date, indicator.target_value),
        recent=recent,
        since=timezone.localdate(indicator.created_at) if indicator.created_at else None,
    )


def indicator_states(indicators, today: date | None = None) -> list[IndicatorState]:
    """States of indicators (of one or several projects): two queries
    for the trends, and two more per project that has a cost per use (usually one)."""
    today = today or timezone.localdate()
    indicators = list(indicators)
    recent = recent_values(indicator.pk for indicator in indicators)
    costs = [
        indicator for indicator in indicators if indicator.computed == Computation.COST_PER_USE
    ]
    cost_recent: dict[int, list] = {}
    if costs:
        users_of = _active_users_of(indicator.project_id for indicator in costs)
        users_recent = recent_values(users_of.values())
        for indicator in costs:
            points = users_recent.get(users_of.get(indicator.project_id), [])
            cost_recent[indicator.pk] = cost_points(indicator.project_id, points)
    states = []
    for indicator in indicators:
        if indicator.computed == Computation.COST_PER_USE:
            points = cost_recent.get(indicator.pk, [])
            latest = points[-1] if points else None
        else:
            points = recent.get(indicator.pk, [])
            latest = (
                (indicator.latest_period, indicator.latest_value)
                if indicator.latest_period is not None
                else None
            )
        states.append(
            IndicatorState(indicator, latest, points, _evaluate(indicator, latest, points, today))
        )
    return states


def project_indicators(
    project: Project, *, public_only: bool = False, today: date | None = None
) -> list[IndicatorState]:
    queryset = project.indicators.all()
    if public_only:
        queryset = queryset.filter(is_public=True)
    return indicator_states(queryset, today)


def indicator_for_project(project: Project, pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("project"), project=project, pk=pk)


def project_by_slug(slug: str) -> Project:
    return get_object_or_404(Project, slug=slug)


# --- One indicator's series ---------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    period: date
    value: Decimal
    comment: str = ""
    source: str = ""
    recorded_by: str = ""
    updated_at: object = None


def indicator_points(indicator: Indicator) -> list[Point]:
    """Every value of an indicator, oldest first (computed for the cost per use)."""
    if indicator.computed == Computation.COST_PER_USE:
        users = Indicator.objects.filter(project_id=indicator.project_id, key=ACTIVE_USERS).first()
        if users is None:
            return []
        series = users.measurements.order_by("period").values_list("period", "value")
        return [
            Point(period, value, source="calcul")
            for period, value in cost_points(indicator.project_id, list(series))
        ]
    rows = indicator.measurements.order_by("period").values_list(
        "period", "value", "comment", "source", "recorded_by__first_name",
        "recorded_by__last_name", "updated_at",
    )  # fmt: skip
    return [
        Point(period, value, comment, source, f"{first} {last}".strip(), updated)
        for period, value, comment, source, first, last, updated in rows
    ]


def indicator_state(indicator: Indicator, points: list[Point], today=None) -> IndicatorState:
    today = today or timezone.localdate()
    latest = (points[-1].period, points[-1].value) if points else None
    recent = [(point.period, point.value) for point in points[-rules.TREND_POINTS :]]
    return IndicatorState(indicator, latest, recent, _evaluate(indicator, latest, recent, today))


def measurement_history(indicator: Indicator, limit: int = 30) -> list:
    """The latest edits of an indicator's values (who, when, old and new value)."""
    rows = list(
        Measurement.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    previous = {}
    keys = {(row.period, row.history_date) for row in rows}
    if keys:
        older = (
            Measurement.history.filter(
                indicator_id=indicator.pk, period__in={period for period, _ in keys}
            )
            .order_by("period", "history_date", "history_id")
            .values_list("history_id", "period", "value")
        )
        last_by_period: dict = {}
        for history_id, period, value in older:
            previous[history_id] = last_by_period.get(period)
            last_by_period[period] = value
    return [(row, previous.get(row.history_id)) for row in rows]


def _float(value):
    return None if value is None else float(value)


def public_series(project: Project, today: date | None = None) -> list[tuple]:
    """The public indicators of a project with all their values (comments left out: they are
    the team's notes): [(IndicatorState, [Point])]. Three queries, four with a cost per use."""
    indicators = list(project.indicators.filter(is_public=True))
    typed = [
        indicator.pk for indicator in indicators if indicator.computed != Computation.COST_PER_USE
    ]
    points: dict[int, list[Point]] = {}
    rows = (
        Measurement.objects.filter(indicator_id__in=typed)
        .order_by("indicator_id", "period")
        .values_list("indicator_id", "period", "value")
    )
    for indicator_id, period, value in rows:
        points.setdefault(indicator_id, []).append(Point(period, value))
    result = []
    for indicator in indicators:
        if indicator.computed == Computation.COST_PER_USE:
            series = indicator_points(indicator)
        else:
            series = points.get(indicator.pk, [])
        result.append((indicator_state(indicator, series, today), series))
    return result


def indicator_payload(state: IndicatorState, points: list[Point]) -> dict:
    """An indicator and its values as plain data (JSON of the statistics page)."""
    indicator = state.indicator
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "definition": indicator.definition,
        "level": indicator.level,
        "kind": indicator.kind,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "computed": bool(indicator.computed),
        "north_star": indicator.is_north_star,
        "baseline": {"date": indicator.baseline_date, "value": _float(indicator.baseline_value)},
        "target": {"date": indicator.target_date, "value": _float(indicator.target_value)},
        "latest": (
            {"period": state.latest_period, "value": _float(state.latest_value)}
            if state.latest
            else None
        ),
        "progress": state.evaluation.progress,
        "measurements": [
            {
                "period": point.period,
                "period_end": rules.period_end(point.period, indicator.frequency),
                "value": _float(point.value),
            }
            for point in points
        ],
    }


# --- Import preview -----------------------------------------------------------------------

PREVIEW_ROWS = 50
PREVIEW_ERRORS = 200


@dataclass
class ImportPreview:
    line_count: int
    rows: list  # first lines: (line, indicator, period, value, comment, outcome, previous value)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    error_count: int = 0


def import_preview(pending) -> ImportPreview:
    """What confirming a pending import would do, line by line (two queries)."""
    indicators = {
        indicator.pk: indicator
        for indicator in Indicator.objects.filter(project=pending.project_id)
    }
    preview = ImportPreview(
        line_count=pending.line_count,
        rows=[],
        errors=pending.errors[:PREVIEW_ERRORS],
        error_count=len(pending.errors),
    )
    if pending.errors or not pending.rows:
        return preview
    periods = [row[1] for row in pending.rows]
    existing = {
        (indicator_id, period.isoformat()): (value, comment)
        for indicator_id, period, value, comment in Measurement.objects.filter(
            indicator_id__in={row[0] for row in pending.rows},
            period__gte=min(periods),
            period__lte=max(periods),
        ).values_list("indicator_id", "period", "value", "comment")
    }
    for indicator_id, period, value, comment, line in pending.rows:
        value = Decimal(value)
        current = existing.get((indicator_id, period))
        if current is None:
            outcome, previous = "nouvelle", None
            preview.created += 1
        elif current[0] == value and (comment is None or comment == current[1]):
            outcome, previous = "identique", current[0]
            preview.unchanged += 1
        else:
            outcome, previous = "remplace", current[0]
            preview.updated += 1
        if len(preview.rows) < PREVIEW_ROWS:
            indicator = indicators.get(indicator_id)
            unit = indicator.unit if indicator else ""
            preview.rows.append(
                (
                    line,
                    indicator.name if indicator else "?",
                    rules.period_label(date.fromisoformat(period), indicator.frequency)
                    if indicator
                    else period,
                    rules.format_value(value, unit),
                    comment or "",
                    outcome,
                    rules.format_value(previous, unit) if previous is not None else "",
                )
            )
    return preview


# --- Tokens -------------------------------------------------------------------------------


def project_tokens(project: Project) -> QuerySet[ProjectToken]:
    return project.api_tokens.select_related("created_by", "revoked_by").order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at"
    )


def token_by_secret(secret: str) -> ProjectToken | None:
    from .services import token_hash

    # Read on every API push: one light query, and the project and creator as the few fields
    # the push needs (the push path is measured by `make bench`).
    fields = ("pk", "project_id", "prefix", "name", "revoked_at", "last_used_at",
              "created_by_id", "project__slug")  # fmt: skip
    rows = ProjectToken.objects.filter(key_hash=token_hash(secret)).order_by().values_list(*fields)
    found = list(rows[:1])
    if not found:
        return None
    pk, project_id, prefix, name, revoked_at, last_used_at, created_by_id, slug = found[0]
    token = ProjectToken(
        pk=pk, project_id=project_id, prefix=prefix, name=name, revoked_at=revoked_at,
        last_used_at=last_used_at, created_by_id=created_by_id,
    )  # fmt: skip
    token.project = Project(pk=project_id, slug=slug)
    token.created_by = User(pk=created_by_id) if created_by_id else None
    return token


# --- Project page summary -----------------------------------------------------------------


@dataclass
class ProjectImpact:
    """What the project page shows of impact: counts by status, North Star, deployment, and
    the indicators to update before the next committee."""

    project: Project
    states: list[IndicatorState]
    figures: PenetrationFigures
    can_view_all: bool
    next_committee: date | None = None
    to_update: list[IndicatorState] = field(default_factory=list)

    @property
    def north_star(self) -> IndicatorState | None:
        return next((state for state in self.states if state.is_north_star), None)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        counts: dict[str, int] = {}
        for state in self.states:
            counts[state.status] = counts.get(state.status, 0) + 1
        return [(s, label, counts[s]) for s, label in Status.choices if counts.get(s)]


def next_committee(project: Project, due: date | None, today: date) -> date | None:
    """The committee values must be ready for: the next one scheduled with the project on its
    agenda, or the one due by the portfolio rules, whichever comes first."""
    scheduled = (
        Committee.objects.filter(projects=project, date__gte=today)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    candidates = [day for day in (scheduled, due) if day]
    return min(candidates) if candidates else None


def project_impact(
    project: Project, *, can_view_all: bool, summary=None, today: date | None = None
) -> ProjectImpact:
    today = today or timezone.localdate()
    states = project_indicators(project, public_only=not can_view_all, today=today)
    impact = ProjectImpact(project, states, penetration_figures(project), can_view_all)
    if summary is not None and states:
        impact.next_committee = next_committee(project, summary.next_committee_due, today)
        impact.to_update = [
            state
            for state in states
            if not state.indicator.computed
            and rules.update_due_for_committee(
                state.latest_period, state.indicator.frequency, impact.next_committee, today
            )
        ]
    return impact
