"""Writes of the accompagnement sur-mesure."""

from .comments import comment_delete, comment_save
from .documents import deliverable_finalize, deliverable_generate
from .followup import followup_record, followup_reminders_send, reminder_recipients
from .missions import (
    NEED_KIND,
    current_rule,
    days_used,
    eligibility_rule_delete,
    eligibility_rule_save,
    mission_accept,
    mission_decline,
    mission_move,
    mission_request,
    need_delete,
    need_place,
    need_save,
    need_update,
    time_delete,
    time_log,
    time_save,
)

__all__ = [
    "NEED_KIND",
    "comment_delete",
    "comment_save",
    "current_rule",
    "days_used",
    "deliverable_finalize",
    "deliverable_generate",
    "eligibility_rule_delete",
    "eligibility_rule_save",
    "followup_record",
    "followup_reminders_send",
    "mission_accept",
    "mission_decline",
    "mission_move",
    "mission_request",
    "need_delete",
    "need_place",
    "need_save",
    "need_update",
    "reminder_recipients",
    "time_delete",
    "time_log",
    "time_save",
]  # fmt: skip
