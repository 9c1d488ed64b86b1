from django import forms
from django.core.exceptions import ValidationError

from fabrique.accounts.models import Role, User
from fabrique.core import spdx
from fabrique.core.forms import (
    EMPTY_CHOICE_LABEL,
    DateInput,
    DateRangeMixin,
    DsfrForm,
    DsfrModelForm,
    PlausibleDatesMixin,
    set_help_text,
)
from fabrique.core.sorting import french

from .models import (
    Committee,
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    Project,
    ServiceFait,
    TeamMember,
)
from .vocabulary import WITHDRAWAL_REASON_MAX_LENGTH, MaturityAxis, Outcome

# --- Editing ------------------------------------------------------------------------------


class ProjectForm(DsfrModelForm):
    class Meta(DsfrModelForm.Meta):
        model = Project
        fields = [
            "name", "kind", "mission", "description", "thematics", "sponsors", "manager",
            "service_url", "repository_url", "stats_url", "licence", "open_datasets",
        ]  # fmt: skip
        widgets = {
            "thematics": forms.CheckboxSelectMultiple,
            "sponsors": forms.CheckboxSelectMultiple,
            "mission": forms.TextInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = User.objects.filter(role__in=[Role.ADMIN, Role.INCUBATOR])
        set_help_text(self, "licence", f"Identifiant SPDX, par exemple {spdx.EXAMPLES}.")

    def clean_licence(self):
        """An SPDX expression from the list the project ships (« Licence maison » is not)."""
        try:
            return spdx.canonical(self.cleaned_data["licence"])
        except spdx.LicenceError as error:
            raise ValidationError(str(error)) from None


class PhaseForm(PlausibleDatesMixin, DateRangeMixin, DsfrModelForm):
    plausible_date_fields = ("start", "end")

    postmortem_learnings = forms.CharField(
        label="Post-mortem : ce qui a été appris",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Obligatoire pour un abandon.",
    )
    postmortem_reasons = forms.CharField(
        label="Post-mortem : pourquoi le service s'arrête",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Obligatoire pour un abandon.",
    )

    class Meta(DsfrModelForm.Meta):
        model = Phase
        fields = ["name", "start", "end", "comment"]
        widgets = {
            "start": DateInput,
            "end": DateInput,
            "comment": forms.Textarea(attrs={"rows": 2}),
        }


class PartnerForm(DsfrForm):
    code = forms.CharField(
        label="Collectivité partenaire",
        help_text="Code Insee d'une commune (5 caractères), SIREN d'un EPCI (9 chiffres) "
        "ou code de département.",
        max_length=9,
    )


class TeamMemberForm(PlausibleDatesMixin, DateRangeMixin, DsfrModelForm):
    plausible_date_fields = ("start", "end")

    class Meta(DsfrModelForm.Meta):
        model = TeamMember
        fields = ["full_name", "user", "role", "start", "end", "is_freelance", "company"]
        widgets = {"start": DateInput, "end": DateInput}


class ServiceFaitForm(PlausibleDatesMixin, DateRangeMixin, DsfrModelForm):
    plausible_date_fields = ("period_start", "period_end")

    date_range = ("period_start", "period_end")

    class Meta(DsfrModelForm.Meta):
        model = ServiceFait
        fields = ["period_start", "period_end"]
        widgets = {"period_start": DateInput, "period_end": DateInput}


class WithdrawalForm(DsfrForm):
    """Why an attestation of service fait is withdrawn (kept in the history)."""

    reason = forms.CharField(
        label="Motif du retrait",
        max_length=WITHDRAWAL_REASON_MAX_LENGTH,
        help_text=(
            "Par exemple : « période erronée, la mission a fini le 15 » ; "
            f"{WITHDRAWAL_REASON_MAX_LENGTH} caractères au plus, gardé dans l'historique du projet."
        ),
        error_messages={"required": "Indiquez pourquoi vous retirez l'attestation."},
    )


class CommitteeForm(PlausibleDatesMixin, DsfrModelForm):
    plausible_date_fields = ("date",)

    class Meta(DsfrModelForm.Meta):
        model = Committee
        fields = ["date", "kind", "title", "projects", "attendees", "minutes"]
        widgets = {
            "date": DateInput,
            "projects": forms.CheckboxSelectMultiple,
            "attendees": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # « Étals du coin » among the E, not after « Vigie crues ».
        self.fields["projects"].queryset = Project.objects.order_by(french("name"))


class DecisionForm(DsfrForm):
    project = forms.ModelChoiceField(
        label="Projet", queryset=Project.objects.none(), empty_label=EMPTY_CHOICE_LABEL
    )
    outcome = forms.ChoiceField(label="Décision", choices=Outcome.choices)
    amount = forms.DecimalField(
        label="Montant accordé (€)", min_value=0, max_digits=12, decimal_places=2, initial=0
    )
    conditions = forms.CharField(
        label="Conditions", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    replace = forms.BooleanField(
        label="Remplacer la décision précédente de ce comité pour ce projet",
        required=False,
        help_text="À cocher seulement pour corriger une décision déjà enregistrée.",
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        # Any project may be chosen; the service refuses one absent from the committee.
        self.fields["project"].queryset = Project.objects.order_by(french("name"))
        self.fields["project"].initial = committee.projects.first()


class DocumentForm(DsfrForm):
    file = forms.FileField(
        label="Document", help_text="PDF ou ODT, 10 Mo au plus.", allow_empty_file=False
    )


class FundingForm(PlausibleDatesMixin, DateRangeMixin, DsfrModelForm):
    plausible_date_fields = ("start", "end")

    class Meta(DsfrModelForm.Meta):
        model = FundingLine
        fields = ["source", "amount", "start", "end"]
        widgets = {"start": DateInput, "end": DateInput}


class ExpenseForm(PlausibleDatesMixin, DsfrModelForm):
    plausible_date_fields = ("date",)

    class Meta(DsfrModelForm.Meta):
        model = Expense
        fields = ["date", "amount", "label"]
        widgets = {"date": DateInput}


class MaturityReviewForm(PlausibleDatesMixin, DsfrModelForm):
    plausible_date_fields = ("date",)

    class Meta(DsfrModelForm.Meta):
        model = MaturityReview
        fields = ["date", *MaturityAxis.values, "comment"]
        widgets = {"date": DateInput, "comment": forms.Textarea(attrs={"rows": 3})}
