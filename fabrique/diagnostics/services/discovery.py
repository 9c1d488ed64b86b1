"""Writes of the discovery of a collectivité, before and during the visit: pre-diagnostic,
questionnaire, people met and interviews, tools inventory, trainings. Keyword-only, atomic,
validating before writing."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import rules
from ..models import (
    Interview,
    Mission,
    Person,
    Prediagnostic,
    QuestionnaireAnswer,
    QuestionnaireVersion,
    Tool,
    Training,
)
from ..rules import questionnaire
from ..selectors.prediagnostic import prediagnostic_data
from ..vocabulary import SCORE_MAX


@transaction.atomic
def prediagnostic_refresh(*, mission: Mission, by=None, now=None) -> Prediagnostic:
    """Compute the pre-diagnostic again and keep it as the mission's dated snapshot."""
    data = prediagnostic_data(mission)
    snapshot, _ = Prediagnostic.objects.update_or_create(
        mission=mission,
        defaults={"data": data, "computed_at": now or timezone.now(), "computed_by": by},
    )
    return snapshot


def check_documentable(mission: Mission) -> None:
    """People met, interviews, tools, needs, trainings and reports go on an accepted mission
    (`rules.documenting_problem`)."""
    if problem := rules.documenting_problem(mission.status):
        raise ValidationError(problem)


def _day_problem(mission: Mission, day, what: str, today=None) -> str:
    if day is None:
        return ""
    return rules.day_problem(day, mission.start, today or timezone.localdate(), what)


# --- Questionnaire -------------------------------------------------------------------------


def current_questionnaire() -> QuestionnaireVersion:
    """The latest version of the questionnaire (the default one is created if none exists)."""
    version = QuestionnaireVersion.objects.order_by("-number").first()
    return version or QuestionnaireVersion.objects.create(
        number=1, questions=questionnaire.DEFAULT_QUESTIONS
    )


@transaction.atomic
def questionnaire_edit(*, questions, by=None) -> QuestionnaireVersion:
    """Save the questions: a new version when the current one was already answered (answers
    never change), otherwise the current version is updated."""
    if problems := questionnaire.question_problems(questions):
        raise ValidationError({"questions": problems})
    current = current_questionnaire()
    if questions == current.questions:
        return current  # nothing changed: no new version
    if current.answers.exists():
        return QuestionnaireVersion.objects.create(
            number=current.number + 1, questions=questions, created_by=by
        )
    current.questions = questions
    current.created_by = by
    current.save()
    return current


@transaction.atomic
def questionnaire_answer(*, mission: Mission, raw: dict, by=None) -> QuestionnaireAnswer:
    """Record the collectivité's answers with the version answered, and pre-fill the tools
    inventory (tools not already listed)."""
    if problem := rules.answering_problem(mission.status):
        raise ValidationError(problem)
    existing = QuestionnaireAnswer.objects.filter(mission=mission).first()
    version = existing.version if existing else current_questionnaire()
    answers, errors = questionnaire.clean_answers(version.questions, raw)
    if errors:
        raise ValidationError(errors)
    if not answers:
        raise ValidationError("Répondez à au moins une question.")
    answer, _ = QuestionnaireAnswer.objects.update_or_create(
        mission=mission,
        defaults={
            "version": version, "answers": answers, "answered_at": timezone.now(),
            "answered_by": by if by and by.is_authenticated else None,
        },
    )  # fmt: skip
    known = {name.casefold() for name in mission.tools.values_list("name", flat=True)}
    for tool in questionnaire.suggested_tools(version.questions, answers):
        if tool["name"].casefold() not in known:
            known.add(tool["name"].casefold())
            Tool.objects.create(mission=mission, name=tool["name"], kind=tool["kind"])
    return answer


# --- People and interviews -----------------------------------------------------------------


def _text(value: str, label: str, limit: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(f"Indiquez {label}.")
    if len(value) > limit:
        raise ValidationError(f"{label[0].upper()}{label[1:]} : {limit} caractères au plus.")
    return value


@transaction.atomic
def person_save(
    *, mission: Mission, role: str, name: str = "", service: str = "",
    name_is_public: bool = False, person: Person | None = None,
) -> Person:  # fmt: skip
    check_documentable(mission)
    person = person or Person(mission=mission)
    person.name = _text(name, "le nom", 200)
    person.service = _text(service, "le service", 200)
    person.role = role
    person.name_is_public = bool(name_is_public and person.name)
    person.full_clean(exclude=["mission"])
    person.save()
    return person


@transaction.atomic
def person_delete(*, person: Person) -> None:
    check_documentable(person.mission)
    if person.interviews.exists():
        raise ValidationError(
            "Cette personne figure dans un entretien : retirez-la de l'entretien d'abord."
        )
    person.delete()


@transaction.atomic
def interview_save(
    *, mission: Mission, day, mode: str, people, needs=(), title: str = "", notes: str = "",
    interview: Interview | None = None, today=None,
) -> Interview:  # fmt: skip
    check_documentable(mission)
    people, needs = list(people), list(needs)
    errors = {}
    if problem := _day_problem(mission, day, "interview", today):
        errors["day"] = problem
    if not people:
        errors["people"] = "Choisissez au moins une personne rencontrée."
    if errors:
        raise ValidationError(errors)
    if any(p.mission_id != mission.pk for p in people) or any(
        n.mission_id != mission.pk for n in needs
    ):
        raise ValidationError("Les personnes et les besoins doivent être ceux de la mission.")
    interview = interview or Interview(mission=mission)
    interview.day, interview.mode = day, mode
    interview.title = _text(title, "l'intitulé", 200)
    interview.notes = _text(notes, "les notes", 20_000)
    interview.full_clean(exclude=["mission"])
    interview.save()
    interview.people.set(people)
    interview.needs.set(needs)
    return interview


@transaction.atomic
def interview_delete(*, interview: Interview) -> None:
    check_documentable(interview.mission)
    interview.delete()


# --- Tools ----------------------------------------------------------------------------------


@transaction.atomic
def tool_save(
    *, mission: Mission, name: str, kind: str, cost_per_year: Decimal | None = None,
    satisfaction: int | None = None, solution=None, tool: Tool | None = None,
) -> Tool:  # fmt: skip
    if satisfaction is not None and not 0 <= satisfaction <= SCORE_MAX:
        raise ValidationError({"satisfaction": "La satisfaction va de 0 à 3."})
    if cost_per_year is not None and cost_per_year < 0:
        raise ValidationError({"cost_per_year": "Le coût par an ne peut pas être négatif."})
    check_documentable(mission)
    tool = tool or Tool(mission=mission)
    tool.name = _text(name, "le nom de l'outil", 200, required=True)
    tool.kind, tool.cost_per_year = kind, cost_per_year
    tool.satisfaction, tool.solution = satisfaction, solution
    tool.full_clean(exclude=["mission"])
    tool.save()
    return tool


@transaction.atomic
def tool_delete(*, tool: Tool) -> None:
    check_documentable(tool.mission)
    tool.delete()


# --- Trainings ------------------------------------------------------------------------------


@transaction.atomic
def training_save(
    *, mission: Mission, day, topic: str, audience: str, attendance: int,
    training: Training | None = None, today=None,
) -> Training:  # fmt: skip
    check_documentable(mission)
    errors = {}
    if problem := _day_problem(mission, day, "training", today):
        errors["day"] = problem
    if problem := rules.attendance_problem(attendance):
        errors["attendance"] = problem
    if errors:
        raise ValidationError(errors)
    training = training or Training(mission=mission)
    training.day, training.topic, training.attendance = day, topic, attendance
    training.audience = _text(audience, "le public", 200, required=True)
    training.full_clean(exclude=["mission"])
    training.save()
    return training


@transaction.atomic
def training_delete(*, training: Training) -> None:
    check_documentable(training.mission)
    training.delete()
