"""Writes of a mission: request, status steps, days ledger, needs. Keyword-only, atomic,
validating before writing.

`requests`: the request and the eligibility rule in force; `steps`: accept, decline, move;
`time_spent`: the days ledger; `needs`; `thresholds`: the dated eligibility thresholds. Every
service is importable from `fabrique.diagnostics.services.missions`.
"""

from .needs import NEED_KIND, need_delete, need_place, need_save, need_update
from .requests import (
    REQUEST_STATUSES,
    check_eligibility,
    current_rule,
    mission_request,
    mission_request_update,
    mission_request_withdraw,
)
from .steps import (
    CONSULTANT_ROLES,
    consultant_problem,
    mission_accept,
    mission_decline,
    mission_move,
)
from .thresholds import MAX_THRESHOLD, eligibility_rule_delete, eligibility_rule_save
from .time_spent import days_used, time_delete, time_log, time_save

__all__ = [
    "CONSULTANT_ROLES", "MAX_THRESHOLD", "NEED_KIND", "REQUEST_STATUSES", "check_eligibility",
    "consultant_problem", "current_rule", "days_used", "eligibility_rule_delete",
    "eligibility_rule_save", "mission_accept", "mission_decline", "mission_move",
    "mission_request", "mission_request_update", "mission_request_withdraw", "need_delete",
    "need_place", "need_save", "need_update", "time_delete", "time_log", "time_save",
]  # fmt: skip
