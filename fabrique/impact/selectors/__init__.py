"""Reads on impact measurement, each in a fixed number of SQL queries.

Latest values come from correlated subqueries on the (indicator, period) index, the last
values for the trend from one window query, and what depends on today's date is derived in
Python by `rules.evaluate`. Nothing here loads every value of an indicator, except the series
of the one indicator a page draws.

One module per concern: `values` (latest values, cost per use), `indicators` (the states of a
project's indicators, the project page summary), `series` (one indicator's values, the public
statistics), `imports` (import preview), `tokens`. Everything is importable from
`fabrique.impact.selectors`.
"""

from .imports import PREVIEW_ERRORS, PREVIEW_ROWS, ImportPreview, import_preview
from .indicators import (
    IndicatorRef,
    IndicatorState,
    ProjectImpact,
    committee_updates,
    indicator_refs,
    indicator_states,
    project_impact,
    project_indicators,
)
from .series import (
    Point,
    indicator_payload,
    indicator_points,
    indicator_state,
    latest_measurements,
    measurement_history,
    projects_with_public_stats,
    public_series,
)
from .tokens import project_tokens, token_by_secret
from .values import MONEY_FIELD, MonthShift, cost_points, recent_values

__all__ = [
    "MONEY_FIELD",
    "PREVIEW_ERRORS",
    "PREVIEW_ROWS",
    "ImportPreview",
    "IndicatorRef",
    "IndicatorState",
    "MonthShift",
    "Point",
    "ProjectImpact",
    "committee_updates",
    "cost_points",
    "import_preview",
    "indicator_payload",
    "indicator_points",
    "indicator_refs",
    "indicator_state",
    "indicator_states",
    "latest_measurements",
    "measurement_history",
    "project_impact",
    "project_indicators",
    "project_tokens",
    "projects_with_public_stats",
    "public_series",
    "recent_values",
    "token_by_secret",
]  # fmt: skip
