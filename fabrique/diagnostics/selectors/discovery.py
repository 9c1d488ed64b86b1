"""Reads of the discovery of a collectivité: pre-diagnostic, questionnaire, people met,
interviews, tools, trainings. A constant number of queries whatever their count."""

from collections import Counter

from django.db.models import Prefetch

from ..models import (
    Interview,
    Mission,
    Need,
    Person,
    Prediagnostic,
    QuestionnaireAnswer,
    Tool,
    Training,
)
from ..rules import questionnaire
from ..vocabulary import PersonRole


def role_counts(people) -> list[tuple[str, int]]:
    """People met by role (labels in French), in the vocabulary's order; no names."""
    counts = Counter(person.role for person in people)
    return [(label, counts[value]) for value, label in PersonRole.choices if counts[value]]


def mission_discovery(mission: Mission) -> dict:
    """What the mission page shows of the discovery (seven queries)."""
    people = list(Person.objects.filter(mission=mission))
    interviews = list(
        Interview.objects.filter(mission=mission).prefetch_related(
            Prefetch("people", queryset=Person.objects.order_by("pk")),
            Prefetch("needs", queryset=Need.objects.order_by("pk").only("pk", "title")),
        )
    )
    answer = QuestionnaireAnswer.objects.filter(mission=mission).select_related("version").first()
    answered, suggestions = [], []
    if answer:
        questions = answer.version.questions
        answered = [
            (question["label"], answer.answers.get(question["key"], ""))
            for question in questionnaire.shown(questions, answer.answers)
        ]
        existing = set(Need.objects.filter(mission=mission).values_list("title", flat=True))
        suggestions = [
            need
            for need in questionnaire.suggested_needs(questions, answer.answers)
            if need["title"] not in existing
        ]
    return {
        "prediagnostic": Prediagnostic.objects.filter(mission=mission).first(),
        "people": people,
        "role_counts": role_counts(people),
        "interviews": interviews,
        "tools": list(Tool.objects.filter(mission=mission).select_related("solution")),
        "trainings": list(Training.objects.filter(mission=mission)),
        "questionnaire_answer": answer,
        "questionnaire_answered": answered,
        "suggested_needs": suggestions,
    }
