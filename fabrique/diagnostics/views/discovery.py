"""Pages of the discovery: pre-diagnostic refresh, questionnaire (edit, answer), people met,
interviews, tools inventory, trainings. Thin: parse, one access call, one service, render."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fabrique.core.views_helpers import form_page, require

from .. import rules
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
    QuestionForm,
    QuestionFormSet,
    QuestionnaireAnswerForm,
    ToolForm,
    TrainingForm,
    questions_from,
)
from ..models import QuestionnaireAnswer
from ..rules import questionnaire
from ..services import discovery as services
from .common import confirm_delete, crumbs, mission_link, not_documentable


def _url(mission, anchor: str) -> str:
    return mission.get_absolute_url() + anchor


@require_POST
def prediagnostic_refresh(request, pk):
    mission = mission_for_user_or_404(request.user, pk, need="work")
    services.prediagnostic_refresh(mission=mission, by=request.user)
    messages.success(request, "Pré-diagnostic recalculé à partir des données du jour.")
    return redirect(_url(mission, "#prediagnostic"))


def _initial(item, fields) -> dict:
    return {name: getattr(item, name) for name in fields}


@dataclass(frozen=True)
class RecordPages:
    """The add, edit and delete pages of one kind of record of a mission, described once."""

    kind: str  # the keyword its services take: person, interview, tool, training
    form: type
    load: Callable  # access: load and check one record, by its pk
    fields: tuple[str, ...]
    anchor: str
    add_title: str
    noun: str  # « la personne », for the delete page
    added: str
    changed: str
    form_takes_mission: bool = False
    extra_initial: Callable = lambda item: {}

    def _form(self, request, mission, initial=None):
        kwargs = {"mission": mission} if self.form_takes_mission else {}
        return self.form(request.POST or None, initial=initial, **kwargs)

    def _page(self, request, *, mission, form, save, title, message):
        back = _url(mission, self.anchor)
        return form_page(
            request, form, save=lambda data: (save(data), back)[1], title=title,
            back_url=back, success_message=message,
            breadcrumb=crumbs(mission_link(mission), current=title),
        )  # fmt: skip

    def add(self, request, pk):
        mission = mission_for_user_or_404(request.user, pk, need="work")
        if closed := not_documentable(request, mission):
            return closed
        save = getattr(services, f"{self.kind}_save")
        return self._page(
            request, mission=mission, form=self._form(request, mission),
            save=lambda data: save(mission=mission, **data),
            title=f"{self.add_title} — {mission.collectivite}", message=self.added,
        )  # fmt: skip

    def edit(self, request, pk):
        item = self.load(request.user, pk)
        if closed := not_documentable(request, item.mission):
            return closed
        initial = {**_initial(item, self.fields), **self.extra_initial(item)}
        save = getattr(services, f"{self.kind}_save")
        return self._page(
            request, mission=item.mission, form=self._form(request, item.mission, initial),
            save=lambda data: save(mission=item.mission, **{self.kind: item}, **data),
            title=f"Modifier « {item} »", message=self.changed,
        )  # fmt: skip

    def delete(self, request, pk):
        item = self.load(request.user, pk)
        back = _url(item.mission, self.anchor)
        remove = getattr(services, f"{self.kind}_delete")
        return confirm_delete(
            request, delete=lambda: remove(**{self.kind: item}),
            what=f"{self.noun} « {item} »", back_url=back, done_url=back,
            blocked=rules.documenting_problem(item.mission.status),
        )  # fmt: skip


PAGES = {
    "person": RecordPages(
        kind="person", form=PersonForm, load=person_for_user_or_404,
        fields=("role", "name", "service", "name_is_public"), anchor="#entretiens",
        add_title="Personne rencontrée", noun="la personne", added="Personne ajoutée.",
        changed="Personne modifiée.",
    ),
    "interview": RecordPages(
        kind="interview", form=InterviewForm, load=interview_for_user_or_404,
        fields=("day", "mode", "title", "notes"), anchor="#entretiens",
        add_title="Nouvel entretien", noun="l'entretien", added="Entretien enregistré.",
        changed="Entretien modifié.", form_takes_mission=True,
        extra_initial=lambda item: {
            "people": list(item.people.values_list("pk", flat=True)),
            "needs": list(item.needs.values_list("pk", flat=True)),
        },
    ),
    "tool": RecordPages(
        kind="tool", form=ToolForm, load=tool_for_user_or_404,
        fields=("name", "kind", "cost_per_year", "satisfaction", "solution"), anchor="#outils",
        add_title="Outil en place", noun="l'outil", added="Outil ajouté à l'inventaire.",
        changed="Outil modifié.",
    ),
    "training": RecordPages(
        kind="training", form=TrainingForm, load=training_for_user_or_404,
        fields=("day", "topic", "audience", "attendance"), anchor="#formations",
        add_title="Sensibilisation ou formation", noun="la formation",
        added="Formation enregistrée.", changed="Formation modifiée.",
    ),
}  # fmt: skip

person_add, person_edit, person_delete = (
    PAGES["person"].add,
    PAGES["person"].edit,
    PAGES["person"].delete,
)
interview_add, interview_edit, interview_delete = (
    PAGES["interview"].add,
    PAGES["interview"].edit,
    PAGES["interview"].delete,
)
tool_add, tool_edit, tool_delete = PAGES["tool"].add, PAGES["tool"].edit, PAGES["tool"].delete
training_add, training_edit, training_delete = (
    PAGES["training"].add,
    PAGES["training"].edit,
    PAGES["training"].delete,
)


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

    def saved_message() -> str:
        # An answer typed in a question that does not apply is not kept: say so, never silently.
        for sentence in questionnaire.not_kept(version.questions, request.POST):
            messages.warning(request, sentence)
        return "Réponses enregistrées : merci ! Elles préparent la visite."

    return form_page(
        request, form,
        save=lambda data: (
            services.questionnaire_answer(mission=mission, raw=data, by=request.user),
            _url(mission, "#questionnaire"),
        )[1],
        title=f"État des lieux — {mission.collectivite}", back_url=_url(mission, "#questionnaire"),
        success_message=saved_message,
        extra={"intro": f"Questionnaire, version {version.number}. Les questions suivies d'une "
               "condition ne comptent que si la réponse indiquée a été donnée : une réponse "
               "donnée à une question qui ne s'applique pas n'est pas gardée."},
        breadcrumb=crumbs(mission_link(mission), current="État des lieux"),
    )  # fmt: skip


def questionnaire_edit(request):
    """The team edits the questionnaire question by question (order, conditions, suggested
    needs and tools); a version already answered is never changed: saving creates the next."""
    require(can_edit_questionnaire(request.user))
    current = services.current_questionnaire()
    formset = QuestionFormSet(
        request.POST or None, prefix="q",
        initial=[QuestionForm.initial_for(question) for question in current.questions],
    )  # fmt: skip
    problems = []
    if request.method == "POST" and formset.is_valid():
        questions = questions_from(formset)
        try:
            version = services.questionnaire_edit(questions=questions, by=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            if questions == current.questions:
                messages.info(request, f"Aucun changement : la version {version.number} reste.")
            else:
                messages.success(request, f"Questionnaire enregistré (version {version.number}).")
            return redirect(request.path)
    return render(request, "diagnostics/questionnaire_edit.html", {
        "title": "Questionnaire « état des lieux »", "formset": formset, "current": current,
        "problems": problems, "answered": current.answers.exists(),
        "breadcrumb_data": crumbs(current="Questionnaire"),
    })  # fmt: skip
