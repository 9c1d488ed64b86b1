"""The indicators of a project as of `today` (`IndicatorState`: latest value, trend, status), and
what the project page shows of impact (`project_impact`), each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from fabrique.portfolio.models import Project
from fabrique.portfolio.rules import committee_to_prepare

from .. import rules
from ..models import Indicator
from ..vocabulary import Computation, Status
from .penetration import PenetrationFigures, penetration_figures
from .values import active_users_indicators, cost_points, recent_values


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


def evaluate_indicator(indicator, latest, recent, today) -> rules.Evaluation:
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
        users_of = active_users_indicators(indicator.project_id for indicator in costs)
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
            IndicatorState(
                indicator, latest, points, evaluate_indicator(indicator, latest, points, today)
            )
        )
    return states


def project_indicators(
    project: Project, *, public_only: bool = False, today: date | None = None
) -> list[IndicatorState]:
    queryset = project.indicators.all()
    if public_only:
        queryset = queryset.filter(is_public=True)
    return indicator_states(queryset, today)


@dataclass(frozen=True, slots=True)
class IndicatorRef:
    """What checking and writing pushed values needs of an indicator (duck-types `Indicator`
    for `rules.checks.check_rows`), read without building model instances."""

    pk: int
    key: str
    name: str
    unit: str
    frequency: str
    computed: str
    latest_period: date | None


_INDICATOR_REF_FIELDS = ("pk", "key", "name", "unit", "frequency", "computed", "latest_period")


def indicator_refs(project_id: int) -> list[IndicatorRef]:
    """A project's indicators, for an API push: one query."""
    rows = (
        Indicator.objects.filter(project_id=project_id)
        .order_by("position", "name")
        .values_list(*_INDICATOR_REF_FIELDS)
    )
    return [IndicatorRef(*row) for row in rows]


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


def project_impact(
    project: Project, *, can_view_all: bool, summary=None, today: date | None = None
) -> ProjectImpact:
    today = today or timezone.localdate()
    states = project_indicators(project, public_only=not can_view_all, today=today)
    impact = ProjectImpact(project, states, penetration_figures(project), can_view_all)
    if summary is not None and states:
        impact.next_committee, impact.to_update = committee_updates(states, summary, today)
    return impact


def committee_updates(states, summary, today: date) -> tuple[date | None, list]:
    """The committee a project's figures must be ready for (`summary` is the project's
    portfolio summary), and the indicators to update before it: the project page, the
    indicators page and « Mon espace » say the same."""
    committee = committee_to_prepare(
        summary.project.next_planned_committee, summary.next_committee_due, today=today
    )
    to_update = [
        state
        for state in states
        if not state.indicator.computed
        and rules.update_due_for_committee(
            state.latest_period, state.indicator.frequency, committee, today
        )
    ]
    return committee, to_update
