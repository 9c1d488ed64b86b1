"""Impact rules that need no database: periods, progress, trend, status, cost per use, values.

Every function takes plain values (dates, Decimals, strings) and `today` as a parameter: the
same input always gives the same answer, which the tests check rule by rule.

**Period.** A measurement belongs to a period of its indicator's frequency: the week (from
Monday), the month, the quarter or the year that contains its date. The period is stored as
its first day, so that (indicator, period) is unique and a second value for the same period
replaces the first one (idempotent upsert).

**Progress** is `(latest − baseline) / (target − baseline)`: 0 at the baseline, 1 (100 %) at
the target, whatever the direction (when lower is better, the target is below the baseline
and both differences are negative). A target on the wrong side of the baseline gives no
progress (the forms refuse it).

**On or off track.** The expected progress at a date is the linear path from the baseline
date (0) to the target date (1). An indicator is on track when the progress of its latest
value is at least the expected progress at the end of that value's period, minus a tolerance
of 10 points (`ON_TRACK_TOLERANCE`); once the target date has passed, only reaching the target
(progress ≥ 100 %) is on track.

**Stale.** An indicator is stale ("sans nouvelles") when more than two complete periods of its
frequency have gone by without a value (`STALE_AFTER_PERIODS`): a monthly indicator whose
latest value is for July is stale from 1 November (August, September, October missing). An
indicator never measured is stale once it has existed for more than two complete periods, and
"à renseigner" before that. Staleness wins over the track status: an old value says nothing
of today.

**Trend** is the sign of the least-squares slope of the last three values (by period): a
change over those periods smaller than 2 % of their mean is "stable".

One module per concern: `periods` (periods, labels, staleness), `evaluation` (progress, track,
trend, `evaluate`), `many` (`evaluate_many`, the same rules on NumPy columns), `costs` (cost per
use, penetration), `values` (parsing, checks and display of values and dates). Everything is
importable from `fabrique.impact.rules`, except `checks` (the checks of measurements as
received, line by line: `rules.checks.check_rows`).
"""

from .costs import COST_WINDOW_MONTHS, cost_per_use, cost_window, penetration
from .evaluation import (
    FLAT_TREND_SHARE,
    ON_TRACK_TOLERANCE,
    TREND_POINTS,
    Evaluation,
    evaluate,
    expected_progress,
    progress,
    track_status,
    trend,
    trend_is_good,
)
from .many import FREQUENCY_CODES, STATUS_CODES, evaluate_many
from .periods import (
    COMMITTEE_HORIZON_DAYS,
    MONTH_NAMES,
    MONTH_SHORT,
    MONTHLY,
    NO_TARGET,
    OFF_TRACK,
    ON_TRACK,
    ONE_DAY,
    PENDING,
    PERIOD_NOUNS,
    QUARTERLY,
    STALE,
    STALE_AFTER_PERIODS,
    UP,
    WEEKLY,
    YEARLY,
    add_months,
    is_stale,
    missing_periods,
    period_count_text,
    period_end,
    period_from_index,
    period_index,
    period_label,
    period_short_label,
    period_start,
    periods_between,
    shift_period,
    update_due_for_committee,
)
from .values import (
    EARLIEST_DATE,
    MAX_ABS_VALUE,
    VALUE_PLACES,
    clean_value,
    date_problem,
    format_number,
    format_value,
    parse_date,
    parse_number,
    value_problem,
)

__all__ = [
    "COMMITTEE_HORIZON_DAYS", "COST_WINDOW_MONTHS", "EARLIEST_DATE", "FLAT_TREND_SHARE",
    "FREQUENCY_CODES", "MAX_ABS_VALUE", "MONTHLY", "MONTH_NAMES", "MONTH_SHORT", "NO_TARGET",
    "OFF_TRACK", "ONE_DAY", "ON_TRACK", "ON_TRACK_TOLERANCE", "PENDING", "PERIOD_NOUNS",
    "QUARTERLY", "STALE", "STALE_AFTER_PERIODS", "STATUS_CODES", "TREND_POINTS", "UP",
    "VALUE_PLACES", "WEEKLY", "YEARLY", "Evaluation", "add_months", "clean_value",
    "cost_per_use", "cost_window", "date_problem", "evaluate", "evaluate_many",
    "expected_progress", "format_number", "format_value", "is_stale", "missing_periods",
    "parse_date", "parse_number", "penetration", "period_count_text", "period_end",
    "period_from_index", "period_index", "period_label", "period_short_label", "period_start",
    "periods_between", "progress", "shift_period", "track_status", "trend", "trend_is_good",
    "update_due_for_committee", "value_problem",
]  # fmt: skip
