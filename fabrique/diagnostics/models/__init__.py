"""Missions of the accompagnement sur-mesure: request, eligibility, days, needs, deliverable.

One module per part of a mission (`missions`: the request and its lifecycle; `needs`: the needs
and their follow-up; `discovery`: interviews, people, tools, questionnaire; `benchmark`: the
solutions compared and their leads); every model is importable from
`fabrique.diagnostics.models`.
"""

from .benchmark import Candidate, Lead
from .discovery import (
    Interview,
    Person,
    Prediagnostic,
    QuestionnaireAnswer,
    QuestionnaireVersion,
    Tool,
    Training,
)
from .missions import Comment, CriteriaGrid, Deliverable, EligibilityRule, Mission, TimeEntry
from .needs import FollowUpReminder, Need, NeedFollowUp

__all__ = [
    "Candidate",
    "Comment",
    "CriteriaGrid",
    "Deliverable",
    "EligibilityRule",
    "FollowUpReminder",
    "Interview",
    "Lead",
    "Mission",
    "Need",
    "NeedFollowUp",
    "Person",
    "Prediagnostic",
    "QuestionnaireAnswer",
    "QuestionnaireVersion",
    "TimeEntry",
    "Tool",
    "Training",
]  # fmt: skip
