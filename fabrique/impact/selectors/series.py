"""One indicator's series: every value (`Point`), the latest edits, the public series of a project
and their plain-data form for the statistics page (JSON)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from fabrique.portfolio.models import Project

from .. import rules
from ..models import Indicator, Measurement
from ..vocabulary import ACTIVE_USERS, Computation
from .indicators import IndicatorState, evaluate_indicator
from .values import cost_points


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
    return IndicatorState(
        indicator, latest, recent, evaluate_indicator(indicator, latest, recent, today)
    )


def latest_measurements(indicator: Indicator, limit: int = 24) -> list[Measurement]:
    """The latest values of an indicator, newest period first, for those who correct them."""
    return list(indicator.measurements.order_by("-period")[:limit])


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


def projects_with_public_stats():
    """The projects with at least one public indicator: their statistics page, CSV and JSON are
    the open data of the impact (listed on the « Données ouvertes » page). One query."""
    return (
        Project.objects.filter(indicators__is_public=True)
        .distinct()
        .order_by("name")
        .only("name", "slug")
    )


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
