"""Pure business rules of the investigation programme (no database).

One module per subject: `calls`, `problems`, `reviews` (the scores), `phases`, `days` (the days
ledger), `decision` (the go/no-go). Every rule is importable from `fabrique.investigations.rules`.
"""

from .calls import (
    call_delete_problem,
    call_is_open,
    closed_call_problem,
    funded_count_problem,
    grid_from_labels,
    grid_max_total,
    scoring_opens_on,
    scoring_wait_problem,
)
from .days import (
    DAY_AMOUNTS,
    day_amount_problem,
    day_date_problem,
    day_role_problem,
    day_roles_allowed,
    days_budget,
    days_left,
    days_left_text,
    my_days_left_text,
)
from .decision import (
    GO_NO_GO_RECENT_DAYS,
    PLANNED_COMMITTEE_REPLACED,
    conversion,
    decision_committee_problem,
    decision_date_problem,
    decision_phases_problem,
    go_grid_rows,
    planned_committee_problem,
)
from .phases import (
    PhaseState,
    close_date_problem,
    close_order_problem,
    current_step,
    duration_problem,
    late_steps,
    missing_artefacts,
    phase_label,
    planned_phase_dates,
    reopen_order_problem,
)
from .problems import (
    LONG_TEXT_FIELDS,
    MERGE_SUGGEST_MIN_SCORE,
    NOTHING_TO_MERGE,
    RURAL_MAX_POPULATION,
    SAME_COLLECTIVITE_LABEL,
    long_texts_problems,
    merge_suggested,
    same_collectivite_label,
    sufferers_count_problem,
    territory_profile,
)
from .reviews import (
    SCORES_LOCKED_STATUSES,
    average_and_spread,
    review_total,
    score_problems,
    scores_locked_problem,
)

__all__ = [
    "DAY_AMOUNTS", "GO_NO_GO_RECENT_DAYS", "LONG_TEXT_FIELDS", "MERGE_SUGGEST_MIN_SCORE",
    "NOTHING_TO_MERGE", "PLANNED_COMMITTEE_REPLACED", "RURAL_MAX_POPULATION",
    "SAME_COLLECTIVITE_LABEL", "SCORES_LOCKED_STATUSES", "PhaseState", "average_and_spread",
    "call_delete_problem", "call_is_open", "close_date_problem", "close_order_problem",
    "closed_call_problem", "conversion", "current_step", "day_amount_problem",
    "day_date_problem", "day_role_problem", "day_roles_allowed", "days_budget", "days_left",
    "days_left_text", "decision_committee_problem", "decision_date_problem",
    "decision_phases_problem", "duration_problem", "funded_count_problem", "go_grid_rows",
    "grid_from_labels", "grid_max_total", "late_steps", "long_texts_problems", "merge_suggested",
    "missing_artefacts", "my_days_left_text", "phase_label", "planned_committee_problem",
    "planned_phase_dates",
    "reopen_order_problem", "review_total", "same_collectivite_label", "score_problems",
    "scores_locked_problem", "scoring_opens_on", "scoring_wait_problem",
    "sufferers_count_problem", "territory_profile",
]  # fmt: skip
