"""Forms of the discovery (« diaga »): people met, interviews, tools, trainings and the
« état des lieux » questionnaire (its questions and a mission's answers)."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html

from fabrique.catalogue.models import Solution
from fabrique.core.forms import DateInput, DsfrForm, PlausibleDatesMixin, set_help_text
from fabrique.core.markdown import validate_markdown

from ..models import Need, Person
from ..rules.questionnaire import MAX_QUESTIONS
from ..vocabulary import (
    SATISFACTION_LABELS,
    InterviewMode,
    NeedTheme,
    PersonRole,
    QuestionKind,
    ToolKind,
    TrainingTopic,
)


class PersonForm(DsfrForm):
    role = forms.ChoiceField(label="Rôle", choices=PersonRole.choices)
    name = forms.CharField(label="Nom (facultatif)", max_length=200, required=False)
    service = forms.CharField(label="Service", max_length=200, required=False)
    name_is_public = forms.BooleanField(
        label="Le nom peut figurer dans le livrable", required=False
    )


class InterviewForm(PlausibleDatesMixin, DsfrForm):
    plausible_date_fields = ("day",)
    day = forms.DateField(label="Date", widget=DateInput)
    mode = forms.ChoiceField(label="Modalité", choices=InterviewMode.choices)
    title = forms.CharField(label="Intitulé (pour un atelier)", max_length=200, required=False)
    people = forms.ModelMultipleChoiceField(
        label="Personnes rencontrées", queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    needs = forms.ModelMultipleChoiceField(
        label="Besoins soulevés", queryset=Need.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    notes = forms.CharField(
        label="Notes (Markdown)", required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}), validators=[validate_markdown],
    )  # fmt: skip

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(mission=mission)
        self.fields["needs"].queryset = Need.objects.filter(mission=mission)
        # An empty list of checkboxes says nothing: say what to do first.
        if not self.fields["people"].queryset.exists():
            set_help_text(self, "people", format_html(
                "Aucune personne rencontrée n'est encore enregistrée pour cette mission : "
                "<a href=\"{}\">ajoutez d'abord une personne</a>, puis revenez à l'entretien.",
                reverse("diagnostics:person-add", args=[mission.pk]),
            ))  # fmt: skip
        if not self.fields["needs"].queryset.exists():
            set_help_text(self, "needs",
                "Aucun besoin encore relevé : vous pourrez relier l'entretien aux besoins une "
                "fois ceux-ci ajoutés au classement.",
            )  # fmt: skip


class ToolForm(DsfrForm):
    name = forms.CharField(label="Outil", max_length=200)
    kind = forms.ChoiceField(label="Nature", choices=ToolKind.choices)
    cost_per_year = forms.DecimalField(
        label="Coût par an (€)", required=False, min_value=0, max_digits=10, decimal_places=2
    )
    satisfaction = forms.TypedChoiceField(
        label="Satisfaction", required=False, coerce=int, empty_value=None,
        choices=[("", "Non renseignée"), *SATISFACTION_LABELS.items()],
    )  # fmt: skip
    solution = forms.ModelChoiceField(
        label="Solution du catalogue (facultatif)", required=False,
        queryset=Solution.objects.order_by("name"),
    )  # fmt: skip


class TrainingForm(PlausibleDatesMixin, DsfrForm):
    plausible_date_fields = ("day",)
    day = forms.DateField(label="Date", widget=DateInput)
    topic = forms.ChoiceField(label="Thème", choices=TrainingTopic.choices)
    audience = forms.CharField(label="Public", max_length=200)
    # At least 1: checked by the service (`rules.attendance_problem`), one message.
    attendance = forms.IntegerField(label="Nombre de participant·es", max_value=10_000)


class QuestionForm(DsfrForm):
    """One question of the « état des lieux », as the team edits it (no JSON to write)."""

    key = forms.CharField(
        label="Clé", max_length=40,
        help_text="Courte, en minuscules (a-z, 0-9, « _ », « - ») : les conditions s'y réfèrent.",
    )  # fmt: skip
    label = forms.CharField(label="Intitulé de la question", max_length=300)
    kind = forms.ChoiceField(
        label="Type de réponse", choices=QuestionKind.choices, initial=QuestionKind.TEXT
    )
    choices = forms.CharField(
        label="Choix proposés (un par ligne, pour une question à choix)", required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    condition_key = forms.CharField(
        label="Ne poser que si la question (clé)…", required=False, max_length=40,
        help_text="Une question placée avant ; vide : toujours posée.",
    )  # fmt: skip
    condition_value = forms.CharField(
        label="… a reçu la réponse", required=False, max_length=300,
        help_text="« oui », « non » ou l'un des choix de cette question.",
    )  # fmt: skip
    theme = forms.ChoiceField(
        label="Thème", required=False, choices=[("", "— aucun —"), *NeedTheme.choices]
    )
    need_if = forms.CharField(
        label="Suggérer un besoin si la réponse est", required=False, max_length=300
    )
    need_title = forms.CharField(label="Intitulé du besoin suggéré", required=False, max_length=300)
    tool = forms.BooleanField(
        label="Chaque ligne de la réponse pré-remplit l'inventaire des outils", required=False
    )

    @staticmethod
    def initial_for(question: dict) -> dict:
        condition = question.get("condition") or {}
        return {
            "key": question.get("key", ""), "label": question.get("label", ""),
            "kind": question.get("kind", QuestionKind.TEXT),
            "choices": "\n".join(question.get("choices", [])),
            "condition_key": condition.get("key", ""),
            "condition_value": condition.get("value", ""),
            "theme": question.get("theme", ""), "need_if": question.get("need_if", ""),
            "need_title": question.get("need_title", ""), "tool": bool(question.get("tool")),
        }  # fmt: skip

    def question(self) -> dict:
        """The question as the questionnaire stores it (empty settings left out)."""
        data = self.cleaned_data
        question = {"key": data["key"].strip(), "label": data["label"].strip(),
                    "kind": data["kind"]}  # fmt: skip
        choices = [line.strip() for line in data["choices"].splitlines() if line.strip()]
        if data["kind"] == QuestionKind.CHOICE or choices:
            question["choices"] = choices
        if data["condition_key"].strip():
            question["condition"] = {
                "key": data["condition_key"].strip(), "value": data["condition_value"].strip()
            }  # fmt: skip
        for name in ("theme", "need_if", "need_title"):
            if data[name].strip():
                question[name] = data[name].strip()
        if data["tool"]:
            question["tool"] = True
        return question


QuestionFormSet = forms.formset_factory(
    QuestionForm, extra=2, can_order=True, can_delete=True, max_num=MAX_QUESTIONS,
    validate_max=True,
)  # fmt: skip


def questions_from(formset) -> list[dict]:
    """The questions of a valid formset, in the order chosen, without the deleted ones and the
    blank extra forms."""
    return [form.question() for form in formset.ordered_forms if form.has_changed() or form.initial]


class QuestionnaireAnswerForm(DsfrForm):
    """One field per question of the version; conditions are checked by the service."""

    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        labels = {question["key"]: question["label"] for question in questions}
        for question in questions:
            label = question["label"]
            if question.get("condition"):
                # The condition as the agent reads it: the earlier question, not its key.
                condition = question["condition"]
                asked = labels.get(condition["key"], condition["key"]).rstrip(" ?")
                label += f" (si « {asked} » : {condition['value']})"
            if question["kind"] == QuestionKind.TEXT:
                field = forms.CharField(
                    label=label, required=False, max_length=2_000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )  # fmt: skip
            else:
                values = (
                    ["oui", "non"]
                    if question["kind"] == QuestionKind.YES_NO
                    else question["choices"]
                )
                field = forms.ChoiceField(
                    label=label, required=False,
                    choices=[("", "Sans réponse"), *((v, v) for v in values)],
                )  # fmt: skip
            if question.get("condition"):
                # Hidden by fabrique.js while the answer it depends on is not given; shown
                # (with its condition in the label) without JavaScript.
                field.widget.attrs.update({
                    "data-shown-if-name": question["condition"]["key"],
                    "data-shown-if-value": question["condition"]["value"],
                })  # fmt: skip
            self.fields[question["key"]] = field
