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

One module per step: `numbers` (the query and its NumPy table), `portfolio` (the evaluation,
counts and order, `complete_page`), `rows` (what the view displays). Everything is importable
from `fabrique.impact.selectors.overview`.
"""

from .numbers import (
    COLUMNS,
    COMPUTATION_CODES,
    COMPUTATIONS,
    EPOCH,
    FREQUENCIES,
    EpochDays,
    indicator_numbers,
    number_table,
)
from .portfolio import CLOSED_PHASES, complete_page, impact_portfolio, visible_projects
from .rows import NorthStars, PortfolioImpact, PortfolioRow, PortfolioRows, Projects

__all__ = [
    "CLOSED_PHASES", "COLUMNS", "COMPUTATIONS", "COMPUTATION_CODES", "EPOCH", "FREQUENCIES",
    "EpochDays", "NorthStars", "PortfolioImpact", "PortfolioRow", "PortfolioRows", "Projects",
    "complete_page", "impact_portfolio", "indicator_numbers", "number_table", "visible_projects",
]  # fmt: skip
