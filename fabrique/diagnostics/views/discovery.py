"""Pages of the discovery: pre-diagnostic refresh, questionnaire (edit, answer), people met,
interviews, tools inventory, trainings. Thin: parse, one access call, one service, render."""

import json

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from fabrique.core.views_helpers import confirm_delete, form_page, require

from ..access import (
    can_answer_questionnaire,
    can_edit_questionnaire,
    interview_for_user_or_404,
    mission_for_user_or_404,
    person_for_user_or_404,
    tool_for_user_or_404,
    training_for_user_or_404,
)
from ..forms import (
    InterviewForm,
    PersonForm,
    QuestionnaireAnswerForm,
    QuestionnaireEditForm,
    ToolForm,
    TrainingForm,
)
from ..models import QuestionnaireAnswer
from ..services import discovery as services


def _url(mission, anchor: str) -> str:
    return mission.get_absolute_url() + anchor


@require_POST
def prediagnostic_refresh(request, pk):
    mission = mission_for_user_or_404(request.user, pk, need="work")
    services.prediagnostic_refresh(mission=mission, by=request.user)
    messages.success(request, "Pré-diagnostic recalculé à partir des données du jour.")
    return redirect(_url(mission, "#prediagnostic"))


def _edit_page(request, *, mission, form, save, title, anchor, message):
    return form_page(
        request, form, save=lambda data: (save(data), _url(mission, anchor))[1], title=title,
        back_url=_url(mission, anchor), success_message=message,
    )  # fmt: skip


def _initial(item, fields) -> dict:
    return {name: getattr(item, name) for name in fields}


# --- People ---------------------------------------------------------------------------------

PERSON_FIELDS = ("role", "name", "service", "name_is_public")


def person_add(request, pk):
    mission = mission_for_user_or_404(request.user, pk, need="work")
    return _edit_page(
        request, mission=mission, form=PersonForm(request.POST or None),
        save=lambda data: services.person_save(mission=mission, **data),
        title=f"Personne rencontrée — {mission.collectivite}", anchor="#entretiens",
        message="Personne ajoutée.",
    )  # fmt: skip


def person_edit(request, pk):
    person = person_for_user_or_404(request.user, pk)
    form = PersonForm(request.POST or None, initial=_initial(person, PERSON_FIELDS))
    return _edit_page(
        request, mission=person.mission, form=form,
        save=lambda data: services.person_save(mission=person.mission, person=person, **data),
        title=f"Modifier « {person} »", anchor="#entretiens", message="Personne modifiée.",
    )  # fmt: skip


def person_delete(request, pk):
    person = person_for_user_or_404(request.user, pk)
    back = _url(person.mission, "#entretiens")
    return confirm_delete(
        request, delete=lambda: services.person_delete(person=person),
        what=f"la personne « {person} »", back_url=back, done_url=back,
    )  # fmt: skip


# --- Interviews -----------------------------------------------------------------------------


def interview_add(request, pk):
    mission = mission_for_user_or_404(request.user, pk, need="work")
    form = InterviewForm(request.POST or None, mission=mission)
    return _edit_page(
        request, mission=mission, form=form,
        save=lambda data: services.interview_save(mission=mission, **data),
        title=f"Nouvel entretien — {mission.collectivite}", anchor="#entretiens",
        message="Entretien enregistré.",
    )  # fmt: skip


def interview_edit(request, pk):
    interview = interview_for_user_or_404(request.user, pk)
    mission = interview.mission
    initial = {
        **_initial(interview, ("day", "mode", "title", "notes")),
        "people": list(interview.people.values_list("pk", flat=True)),
        "needs": list(interview.needs.values_list("pk", flat=True)),
    }
    form = InterviewForm(request.POST or None, mission=mission, initial=initial)
    return _edit_page(
        request, mission=mission, form=form,
        save=lambda data: services.interview_save(
            mission=mission, interview=interview, **data),
        title=f"Modifier « {interview} »", anchor="#entretiens", message="Entretien modifié.",
    )  # fmt: skip


def interview_delete(request, pk):
    interview = interview_for_user_or_404(request.user, pk)
    back = _url(interview.mission, "#entretiens")
    return confirm_delete(
        request, delete=lambda: services.interview_delete(interview=interview),
        what=f"l'entretien « {interview} »", back_url=back, done_url=back,
    )  # fmt: skip


# --- Tools ----------------------------------------------------------------------------------

TOOL_FIELDS = ("name", "kind", "cost_per_year", "satisfaction", "solution")


def tool_add(request, pk):
    mission = mission_for_user_or_404(request.user, pk, need="work")
    return _edit_page(
        request, mission=mission, form=ToolForm(request.POST or None),
        save=lambda data: services.tool_save(mission=mission, **data),
        title=f"Outil en place — {mission.collectivite}", anchor="#outils",
        message="Outil ajouté à l'inventaire.",
    )  # fmt: skip


def tool_edit(request, pk):
    tool = tool_for_user_or_404(request.user, pk)
    form = ToolForm(request.POST or None, initial=_initial(tool, TOOL_FIELDS))
    return _edit_page(
        request, mission=tool.mission, form=form,
        save=lambda data: services.tool_save(mission=tool.mission, tool=tool, **data),
        title=f"Modifier l'outil « {tool} »", anchor="#outils", message="Outil modifié.",
    )  # fmt: skip


def tool_delete(request, pk):
    tool = tool_for_user_or_404(request.user, pk)
    back = _url(tool.mission, "#outils")
    return confirm_delete(
        request, delete=lambda: services.tool_delete(tool=tool),
        what=f"l'outil « {tool} »", back_url=back, done_url=back,
    )  # fmt: skip


# --- Trainings ------------------------------------------------------------------------------

TRAINING_FIELDS = ("day", "topic", "audience", "attendance")


def training_add(request, pk):
    mission = mission_for_user_or_404(request.user, pk, need="work")
    return _edit_page(
        request, mission=mission, form=TrainingForm(request.POST or None),
        save=lambda data: services.training_save(mission=mission, **data),
        title=f"Sensibilisation ou formation — {mission.collectivite}", anchor="#formations",
        message="Formation enregistrée.",
    )  # fmt: skip


def training_edit(request, pk):
    training = training_for_user_or_404(request.user, pk)
    form = TrainingForm(request.POST or None, initial=_initial(training, TRAINING_FIELDS))
    return _edit_page(
        request, mission=training.mission, form=form,
        save=lambda data: services.training_save(
            mission=training.mission, training=training, **data),
        title=f"Modifier « {training} »", anchor="#formations", message="Formation modifiée.",
    )  # fmt: skip


def training_delete(request, pk):
    training = training_for_user_or_404(request.user, pk)
    back = _url(training.mission, "#formations")
    return confirm_delete(
        request, delete=lambda: services.training_delete(training=training),
        what=f"la formation « {training} »", back_url=back, done_url=back,
    )  # fmt: skip


# --- Questionnaire --------------------------------------------------------------------------


def questionnaire_answer(request, pk):
    mission = mission_for_user_or_404(request.user, pk)
    require(can_answer_questionnaire(request.user, mission))
    existing = QuestionnaireAnswer.objects.filter(mission=mission).select_related("version")
    existing = existing.first()
    version = existing.version if existing else services.current_questionnaire()
    form = QuestionnaireAnswerForm(
        request.POST or None, questions=version.questions,
        initial=existing.answers if existing else None,
    )  # fmt: skip
    return form_page(
        request, form,
        save=lambda data: (
            services.questionnaire_answer(mission=mission, raw=data, by=request.user),
            _url(mission, "#questionnaire"),
        )[1],
        title=f"État des lieux — {mission.collectivite}", back_url=_url(mission, "#questionnaire"),
        success_message="Réponses enregistrées : merci ! Elles préparent la visite.",
        extra={"intro": f"Questionnaire, version {version.number}. Les questions suivies d'une "
               "condition ne comptent que si la réponse indiquée a été donnée."},
    )  # fmt: skip


def questionnaire_edit(request):
    require(can_edit_questionnaire(request.user))
    current = services.current_questionnaire()
    initial = {"questions": json.dumps(current.questions, ensure_ascii=False, indent=2)}
    form = QuestionnaireEditForm(request.POST or None, initial=initial)

    def save(data):
        version = services.questionnaire_edit(questions=data["questions"], by=request.user)
        messages.success(request, f"Questionnaire enregistré (version {version.number}).")
        return request.path

    return form_page(
        request, form, save=save, title="Questionnaire « état des lieux »", back_url="/sur-mesure/",
        extra={"intro": f"Version {current.number}. Une version à laquelle une mission a déjà "
               "répondu n'est jamais modifiée : enregistrer crée alors une nouvelle version."},
    )  # fmt: skip
