"""Rules of the accompagnement sur-mesure, as pure functions (no database).

One module per part of a mission: `missions` (eligibility, steps, what a status allows, dates),
`time_spent` (the days), `needs` (scores and ranking), `followup` (after delivery), `benchmark`,
`questionnaire`. Every rule is importable from `fabrique.diagnostics.rules` (`days_number` and
`days_text` of `core.numbers` too).
"""

from .benchmark import candidate_problems, feasibility_total, nearby_once, nearby_text
from .followup import closing_problem, follow_up_due_on, follow_ups_due, followed_problem
from .missions import (
    DELIVERED_STATUSES,
    DONE_ON,
    OPEN_DATA_MIN_MISSIONS,
    OUT_OF_CRITERIA_ACCEPTANCE,
    START_BEFORE_REQUEST_FIX,
    acceptance_problem,
    answering_problem,
    attendance_problem,
    day_problem,
    documenting_problem,
    eligibility,
    open_data_secret,
    planned_end,
    start_before_request,
    thresholds_text,
    transition_problem,
)
from .needs import (
    max_weighted_score,
    need_deletion_consequence,
    position_problem,
    ranked,
    score_problems,
    weighted_score,
)
from .time_spent import days, days_badge, days_banner, days_number, days_status, days_text

__all__ = [
    "DELIVERED_STATUSES", "DONE_ON", "OPEN_DATA_MIN_MISSIONS", "OUT_OF_CRITERIA_ACCEPTANCE",
    "START_BEFORE_REQUEST_FIX", "acceptance_problem", "answering_problem", "attendance_problem",
    "candidate_problems", "closing_problem", "day_problem", "days", "days_badge", "days_banner",
    "days_number", "days_status", "days_text", "documenting_problem", "eligibility",
    "feasibility_total", "follow_up_due_on", "follow_ups_due", "followed_problem",
    "max_weighted_score", "nearby_once", "nearby_text", "need_deletion_consequence",
    "open_data_secret", "planned_end", "position_problem", "ranked", "score_problems",
    "start_before_request", "thresholds_text", "transition_problem", "weighted_score",
]  # fmt: skip
