"""Pages of the accompagnement sur-mesure: request, queue, mission (steps, days, needs,
deliverable), discovery, benchmark, follow-up, comments, thresholds, national view. Thin: parse,
one access call, one service or selector, render.

One module per part of a mission; every view is importable from `fabrique.diagnostics.views`.
"""

from .benchmark import candidate_add, candidate_delete, candidate_edit, lead_delete, leads
from .comments import comment_add, comment_delete, comment_edit
from .days import time_add, time_delete, time_edit, time_person
from .deliverable import deliverable_file, deliverable_final, deliverable_generate
from .discovery import (
    interview_add,
    interview_delete,
    interview_edit,
    person_add,
    person_delete,
    person_edit,
    prediagnostic_refresh,
    questionnaire_answer,
    questionnaire_edit,
    tool_add,
    tool_delete,
    tool_edit,
    training_add,
    training_delete,
    training_edit,
)
from .followup import followup_record, followups
from .missions import mission, mission_accept, mission_step
from .needs import need_add, need_delete, need_edit
from .overview import national, open_data
from .requests import PAGE_SIZE, mission_request, queue, request_edit, request_withdraw
from .thresholds import threshold_add, threshold_delete, threshold_edit, thresholds

__all__ = [
    "PAGE_SIZE", "candidate_add", "candidate_delete", "candidate_edit", "comment_add",
    "comment_delete", "comment_edit", "deliverable_file", "deliverable_final",
    "deliverable_generate", "followup_record", "followups", "interview_add", "interview_delete",
    "interview_edit", "lead_delete", "leads", "mission", "mission_accept", "mission_request",
    "mission_step", "national", "need_add", "need_delete", "need_edit", "open_data",
    "person_add", "person_delete", "person_edit", "prediagnostic_refresh",
    "questionnaire_answer", "questionnaire_edit", "queue", "request_edit", "request_withdraw",
    "threshold_add", "threshold_delete", "threshold_edit", "thresholds", "time_add",
    "time_delete", "time_edit", "time_person", "tool_add", "tool_delete", "tool_edit",
    "training_add", "training_delete", "training_edit",
]  # fmt: skip
