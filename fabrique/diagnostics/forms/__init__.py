"""Forms of the accompagnement sur-mesure.

One module per part of a mission, as its models: `missions` (request, acceptance, steps, days,
comments, eligibility rule), `needs` (scores, rank, follow-up), `discovery` (people, interviews,
tools, trainings, questionnaire), `benchmark` (candidates, leads). Every form is importable from
`fabrique.diagnostics.forms`.
"""

from .benchmark import FEASIBILITY_CHOICES, CandidateForm, LeadForm
from .discovery import (
    InterviewForm,
    PersonForm,
    QuestionForm,
    QuestionFormSet,
    QuestionnaireAnswerForm,
    ToolForm,
    TrainingForm,
    questions_from,
)
from .missions import (
    AcceptForm,
    CommentForm,
    EligibilityRuleForm,
    RequestEditForm,
    RequestForm,
    StepForm,
    TimeForm,
)
from .needs import SCORE_CHOICES, FollowUpForm, NeedForm, PlaceForm

__all__ = [
    "FEASIBILITY_CHOICES", "SCORE_CHOICES", "AcceptForm", "CandidateForm", "CommentForm",
    "EligibilityRuleForm", "FollowUpForm", "InterviewForm", "LeadForm", "NeedForm",
    "PersonForm", "PlaceForm", "QuestionForm", "QuestionFormSet", "QuestionnaireAnswerForm",
    "RequestEditForm", "RequestForm", "StepForm", "TimeForm", "ToolForm", "TrainingForm",
    "questions_from",
]  # fmt: skip
