from django import forms
from django.urls import reverse
from django.utils.html import format_html

from fabrique.accounts.models import Role, User
from fabrique.catalogue.models import Solution
from fabrique.core.forms import URL_INVALID, DateInput, DsfrForm, PlausibleDatesMixin, set_help_text
from fabrique.core.markdown import validate_markdown
from fabrique.territories.forms import CollectiviteField

from . import rules
from .models import Need, Person
from .rules.questionnaire import MAX_QUESTIONS
from .vocabulary import (
    SATISFACTION_LABELS,
    SCORE_MAX,
    TRANSITIONS,
    ActivityKind,
    FollowUpState,
    InterviewMode,
    MissionStatus,
    NeedTheme,
    PersonRole,
    QuestionKind,
    ToolKind,
    TrainingTopic,
)


class RequestForm(DsfrForm):
    collectivite = CollectiviteField(
        label="Collectivité",
        help_text="Nom, code Insee ou SIREN, par exemple « Saint-Just-en-Chevalet ».",
    )
    contact_name = forms.CharField(label="Personne à contacter", max_length=200, required=False)
    contact_email = forms.EmailField(label="Son adresse électronique", required=False)
    hopes = forms.CharField(
        label="Ce que la collectivité espère",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
    )
    # Asked only when another request for the same collectivité is still open (the view says
    # which); hidden until then.
    confirm_second = forms.BooleanField(
        label="Je confirme : c'est une autre demande pour cette collectivité",
        required=False,
        widget=forms.HiddenInput,
    )

    def offer(self, collectivites) -> None:
        """The agent's own collectivités, to choose from a list: no hint about typing a name or a
        code."""
        self.fields["collectivite"].offer(collectivites)
        set_help_text(self, "collectivite", "")

    def add_error(self, field, error):
        super().add_error(field, error)
        if field == "confirm_second":
            self.fields["confirm_second"].widget = forms.CheckboxInput()


class RequestEditForm(RequestForm):
    """The request corrected before the team answers: the collectivité stays the same."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["collectivite"]
        del self.fields["confirm_second"]


class AcceptForm(PlausibleDatesMixin, DsfrForm):
    consultant = forms.ModelChoiceField(
        label="Consultant·e",
        queryset=User.objects.filter(role=Role.COACH, is_active=True),
        error_messages={"required": "Choisissez un·e consultant·e."},
    )
    start = forms.DateField(label="Début de la mission", widget=DateInput, required=False)
    reason = forms.CharField(
        label="Motif de l'acceptation hors critères",
        help_text="La collectivité dépasse le seuil de population : ce motif reste sur la mission.",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": rules.OUT_OF_CRITERIA_ACCEPTANCE},
    )

    def __init__(self, *args, status: str = "", requested_on=None, **kwargs):
        """The reason is asked (and required) for a request « hors critères » only. A start
        before `requested_on` is refused unless confirmed (`rules.start_before_request`)."""
        super().__init__(*args, **kwargs)
        self.requested_on = requested_on
        if status != MissionStatus.OUT_OF_CRITERIA:
            del self.fields["reason"]

    def unusual_dates(self, cleaned):
        problem = rules.start_before_request(cleaned.get("start"), self.requested_on)
        return {"start": problem} if problem else {}

    def clean(self):
        cleaned = super().clean()
        # The service refuses it too unless told it was confirmed.
        cleaned["start_confirmed"] = self.dates_confirmed
        return cleaned


class StepForm(DsfrForm):
    """The next steps a mission can take from where it is: a consultant never picks a step the
    service would refuse (only the team may decline a request)."""

    to = forms.ChoiceField(label="Nouvelle étape", choices=MissionStatus.choices)
    reason = forms.CharField(
        label="Motif (refus, abandon, clôture avant la fin du suivi)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args,
        status: str | None = None,
        can_decline: bool = True,
        closing_problem: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # Closing before the follow-ups are recorded needs a reason: say so before it is refused.
        set_help_text(self, "reason", closing_problem)
        if status is not None:
            # « Livrée » comes from marking a deliverable final (Livrable section), « acceptée »
            # from « Accepter la demande » (with a consultant), « suivie » from recording the
            # follow-up (Suivi section), not from here.
            allowed = TRANSITIONS.get(status, set()) - {
                MissionStatus.DELIVERED,
                MissionStatus.ACCEPTED,
                MissionStatus.FOLLOWED,
            }
            if not can_decline:
                allowed = allowed - {MissionStatus.DECLINED}
            self.fields["to"].choices = [
                (value, label) for value, label in MissionStatus.choices if value in allowed
            ]


class TimeForm(PlausibleDatesMixin, DsfrForm):
    plausible_date_fields = ("day",)
    day = forms.DateField(label="Date", widget=DateInput)
    half_days = forms.TypedChoiceField(
        label="Durée",
        coerce=int,
        choices=[(n, rules.days_text(rules.days(n))) for n in (1, 2)],
    )
    kind = forms.ChoiceField(label="Activité", choices=ActivityKind.choices)
    note = forms.CharField(label="Note", max_length=300, required=False)
    approval_reason = forms.CharField(
        label="Motif du dépassement des 10 jours",
        help_text="À remplir si la saisie porte la mission au-delà de 10 jours : vous approuvez "
        "le dépassement au nom de l'équipe de l'incubateur.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, team: bool = False, for_person=None, **kwargs):
        """Only the team approves an overrun: the consultant's form has no reason to type
        (past 10 days the team logs the time on the consultant's behalf, `for_person`)."""
        super().__init__(*args, **kwargs)
        self.for_person = for_person
        if not team:
            del self.fields["approval_reason"]


SCORE_CHOICES = [(n, str(n)) for n in range(SCORE_MAX + 1)]


class NeedForm(DsfrForm):
    title = forms.CharField(label="Besoin", max_length=300)
    theme = forms.ChoiceField(label="Thème", choices=NeedTheme.choices)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
    )  # fmt: skip

    def __init__(self, *args, grid: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        for key, criterion in grid.items():
            self.fields[f"score_{key}"] = forms.TypedChoiceField(
                label=f"{criterion['label']} (poids {criterion['weight']})",
                coerce=int,
                choices=SCORE_CHOICES,
            )

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "theme": data["theme"],
            "description": data["description"],
            "scores": {key: data[f"score_{key}"] for key in self.grid},
        }


class CommentForm(DsfrForm):
    body = forms.CharField(
        label="Votre commentaire",
        help_text="Visible de l'équipe, du ou de la consultant·e et des agents de la collectivité.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlaceForm(DsfrForm):
    # 1 to the number of needs: checked by the service (`rules.position_problem`).
    position = forms.IntegerField(label="Rang choisi", required=False)
    justification = forms.CharField(
        label="Justification (montrée dans le livrable)", required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


# --- Découverte (diaga) ---
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


# --- Suivi après livraison ---------------------------------------------------------------


class FollowUpForm(DsfrForm):
    """One state and one note per need: a need left without state is not recorded."""

    def __init__(self, *args, needs, recorded=None, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = recorded or {}
        self.needs = list(needs)
        for need in self.needs:
            previous = recorded.get(need.pk)
            recommended = ", ".join(c.name for c in getattr(need, "recommendations", ()))
            self.fields[f"state_{need.pk}"] = forms.ChoiceField(
                label=f"« {need.title} »"
                + (f" (recommandé : {recommended})" if recommended else "")
                + " : état",
                choices=[("", "— non relevé —"), *FollowUpState.choices],
                required=False,
                initial=previous.state if previous else "",
            )
            self.fields[f"note_{need.pk}"] = forms.CharField(
                label="Motif de l'abandon ou blocage",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=previous.note if previous else "",
            )

    def states(self) -> dict:
        data = self.cleaned_data
        return {
            need.pk: (data[f"state_{need.pk}"], data[f"note_{need.pk}"])
            for need in self.needs
            if data.get(f"state_{need.pk}")
        }


# --- Benchmark ------------------------------------------------------------------------------

FEASIBILITY_CHOICES = [("", "Pas encore notée"), *((n, str(n)) for n in range(SCORE_MAX + 1))]


def _feasibility(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=f"{label} (0 à {SCORE_MAX})", required=False, coerce=int, empty_value=None,
        choices=FEASIBILITY_CHOICES,
    )  # fmt: skip


def _comment(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CandidateForm(DsfrForm):
    solution = forms.ModelChoiceField(
        label="Solution du catalogue", required=False, queryset=Solution.objects.order_by("name"),
        help_text="Service de l'incubateur, logiciel libre du SILL, offre de la Suite "
        "territoriale ou offre du marché déjà au catalogue.",
    )  # fmt: skip
    name = forms.CharField(
        label="Ou nom d'une offre absente du catalogue", required=False, max_length=200,
        help_text="Elle sera proposée au catalogue comme suggestion, que l'équipe modère.",
    )  # fmt: skip
    provider = forms.CharField(label="Éditeur ou prestataire", required=False, max_length=200)
    website = forms.URLField(
        label="Site de l'offre", required=False, max_length=500, assume_scheme="https",
        error_messages={"invalid": URL_INVALID},
    )  # fmt: skip
    technical = _feasibility("Faisabilité technique")
    technical_note = _comment("Commentaire technique")
    economic = _feasibility("Faisabilité économique")
    economic_note = _comment("Commentaire économique")
    cost_once = forms.DecimalField(
        label="Coût ponctuel estimé (€)", required=False, min_value=0, max_digits=10,
        decimal_places=2,
    )  # fmt: skip
    cost_per_year = forms.DecimalField(
        label="Coût par an estimé (€)", required=False, min_value=0, max_digits=10,
        decimal_places=2,
    )  # fmt: skip
    human = _feasibility("Faisabilité humaine")
    human_note = _comment("Commentaire humain (compétences, temps des agents, formation)")
    recommended = forms.BooleanField(label="Solution recommandée", required=False)
    choice_criteria = forms.CharField(
        label="Critères de choix (si recommandée)", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class LeadForm(DsfrForm):
    key = forms.CharField(widget=forms.HiddenInput, max_length=150)
    kept = forms.TypedChoiceField(
        label="Décision", coerce=lambda value: value == "oui",
        choices=[("oui", "Retenir"), ("non", "Écarter")], widget=forms.RadioSelect,
    )  # fmt: skip
    note = forms.CharField(
        label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour écarter : dites pourquoi.",
    )  # fmt: skip


class EligibilityRuleForm(PlausibleDatesMixin, DsfrForm):
    valid_from = forms.DateField(label="En vigueur à partir du", widget=DateInput)
    commune_threshold = forms.IntegerField(
        label="Seuil des communes (habitants)",
        help_text="Une commune est éligible sous ce nombre d'habitants (3 500 au départ).",
        min_value=1,
        max_value=1_000_000,
    )
    epci_threshold = forms.IntegerField(
        label="Seuil des EPCI (habitants)",
        help_text="Un EPCI est éligible sous ce nombre d'habitants (15 000 au départ).",
        min_value=1,
        max_value=1_000_000,
    )
