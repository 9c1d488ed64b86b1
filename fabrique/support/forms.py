"""Forms of the support offer (DSFR rendering); the services do the business checks."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from fabrique.accounts.models import User
from fabrique.core.forms import DateInput, DsfrForm, DsfrModelForm, PlausibleDatesMixin
from fabrique.diagnostics.access import visible_missions
from fabrique.diagnostics.models import Mission
from fabrique.impact.models import Indicator
from fabrique.portfolio.models import Project

from . import rules
from .models import KnowledgePage, Session, Supplier, SupportFormat
from .vocabulary import ModuleStatus, RequestStatus, Theme


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class SupplierForm(DsfrModelForm):
    class Meta(DsfrModelForm.Meta):
        model = Supplier
        fields = ["name", "contract_reference"]
        help_texts = {
            "contract_reference": "Le marché ou l'accord-cadre par lequel l'incubateur commande "
            "(« Accord-cadre 2025-ANCT-04, lot 2 »).",
        }


class FormatForm(DsfrModelForm):
    class Meta(DsfrModelForm.Meta):
        model = SupportFormat
        fields = [
            "kind", "title", "theme", "audience", "duration",
            "description", "materials", "is_public",
        ]  # fmt: skip


class SessionForm(PlausibleDatesMixin, DsfrModelForm):
    working_day_fields = ("start",)

    class Meta(DsfrModelForm.Meta):
        model = Session
        fields = [
            "format",
            "start",
            "end",
            "place",
            "video_url",
            "trainer",
            "capacity",
            "is_public",
        ]
        widgets = {"start": DateTimeInput(), "end": DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["end"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["capacity"].widget.attrs.update(min=1, max=rules.MAX_SESSION_CAPACITY)
        self.fields["trainer"].queryset = User.objects.filter(
            is_active=True, role__in=["coach", "incubateur", "admin"]
        )

    def clean(self):
        # The service's rules, here too, so that every mistake shows in one round.
        cleaned = super().clean()
        support_format = cleaned.get("format")
        problems = rules.session_problems(
            start=cleaned.get("start"),
            end=cleaned.get("end"),
            format_kind=support_format.kind if support_format is not None else None,
            capacity=cleaned.get("capacity"),
        )
        for field, problem in problems.items():
            if field not in self.errors:
                self.add_error(field, problem)
        return cleaned

    def _post_clean(self):
        # The service validates and says it in French (model validation stays there).
        pass


class RegisterOtherForm(DsfrForm):
    email = forms.EmailField(label="Adresse électronique de la personne à inscrire")
    project = forms.ModelChoiceField(
        Project.objects.all(), label="Projet", required=False, empty_label="— aucun projet —"
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("Aucun compte actif n'a cette adresse.")
        self.cleaned_data["user"] = user
        return email


class FeedbackForm(DsfrForm):
    score = forms.TypedChoiceField(
        label="Votre satisfaction (1 : pas du tout, 5 : tout à fait)",
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea)


class RequestForm(DsfrForm):
    # Opens empty: a first theme chosen by default was sent unnoticed on the wrong theme.
    theme = forms.ChoiceField(
        label="Thème",
        choices=[("", "Choisissez un thème"), *Theme.choices],
        error_messages={"required": "Choisissez le thème de votre demande."},
    )
    project = forms.ModelChoiceField(
        Project.objects.none(),
        label="Projet concerné",
        required=False,
        empty_label="— aucun projet en particulier —",
    )
    message = forms.CharField(label="Votre besoin", widget=forms.Textarea)

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is None or not projects.exists():
            # An agent has no project: no empty list to choose from.
            del self.fields["project"]
        else:
            self.fields["project"].queryset = projects


class TriageForm(DsfrForm):
    decision = forms.ChoiceField(
        label="Réponse", choices=[c for c in RequestStatus.choices if c[0] != RequestStatus.NEW]
    )
    session = forms.ModelChoiceField(
        Session.objects.none(), label="Session (si acceptée dans une session)", required=False
    )
    coach = forms.ModelChoiceField(
        User.objects.filter(is_active=True, role__in=["coach", "incubateur"]),
        label="Coach (suivi ou module)",
        required=False,
    )
    answer = forms.CharField(
        label="Message au demandeur (raison si refus)", required=False, widget=forms.Textarea
    )

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is not None:
            self.fields["session"].queryset = sessions


class FollowUpForm(PlausibleDatesMixin, DsfrForm):
    project = forms.ModelChoiceField(Project.objects.all(), label="Projet")
    theme = forms.ChoiceField(label="Thème", choices=Theme.choices)
    title = forms.CharField(label="Objet", max_length=200)
    next_due = forms.DateField(label="Prochaine échéance", required=False, widget=DateInput())


class NoteForm(PlausibleDatesMixin, DsfrForm):
    date = forms.DateField(label="Date", widget=DateInput())
    notes = forms.CharField(label="Notes (Markdown)", widget=forms.Textarea)
    indicators = forms.ModelMultipleChoiceField(
        Indicator.objects.all(), label="Indicateurs abordés", required=False
    )
    next_step = forms.CharField(label="Prochaine étape", max_length=300, required=False)
    next_due = forms.DateField(label="Prochaine échéance", required=False, widget=DateInput())

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        # The indicators of the followed project only: others' may be private.
        self.fields["indicators"].queryset = Indicator.objects.filter(project=project)


class ModuleForm(DsfrForm):
    project = forms.ModelChoiceField(Project.objects.all(), label="Projet")
    expertise = forms.CharField(label="Expertise recherchée", max_length=200)
    theme = forms.ChoiceField(label="Thème", choices=Theme.choices)
    reason = forms.CharField(label="Pourquoi", widget=forms.Textarea, required=False)
    expected_deliverables = forms.CharField(
        label="Livrables attendus", widget=forms.Textarea, required=False
    )
    follower = forms.ModelChoiceField(
        User.objects.filter(is_active=True, role__in=["coach", "incubateur"]),
        label="Suivi par",
        required=False,
    )


class QuoteForm(DsfrForm):
    supplier = forms.ModelChoiceField(
        Supplier.objects.all(),
        label="Prestataire (marché)",
        help_text="Absent de la liste : ajoutez-le depuis « Modules d'expertise › Prestataires ».",
    )
    statement_of_need = forms.CharField(label="Expression de besoin", widget=forms.Textarea)
    days_per_profile = forms.CharField(label="Jours par profil", max_length=300)


class OrderForm(PlausibleDatesMixin, DsfrForm):
    order_reference = forms.CharField(label="Référence du bon de commande", max_length=100)
    amount_excl_vat = forms.DecimalField(label="Montant HT (€)", max_digits=12, decimal_places=2)
    amount_incl_vat = forms.DecimalField(label="Montant TTC (€)", max_digits=12, decimal_places=2)
    days = forms.DecimalField(label="Nombre de jours", max_digits=6, decimal_places=1)
    ordered_on = forms.DateField(label="Commandé le", widget=DateInput())
    due_on = forms.DateField(label="Livraison prévue le", widget=DateInput())

    def clean(self):
        # The service's rule here too, so that every mistake shows at the first sending.
        cleaned = super().clean()
        problems = rules.order_errors(
            excl=cleaned.get("amount_excl_vat"),
            incl=cleaned.get("amount_incl_vat"),
            days=cleaned.get("days"),
            ordered_on=cleaned.get("ordered_on"),
            due_on=cleaned.get("due_on"),
        )
        for field, problem in problems.items():
            if field not in self.errors:  # an empty or mistyped field already says so
                self.add_error(field, problem)
        return cleaned


class DeliveryForm(DsfrForm):
    """The day a module was delivered: today by default, an earlier day when recorded late."""

    delivered_on = forms.DateField(label="Livré le", widget=DateInput(), required=False)


class DeliverableForm(DsfrForm):
    title = forms.CharField(label="Titre du livrable", max_length=200)
    file = forms.FileField(label="Fichier (PDF ou ODT, 20 Mo au plus)")


class AttestForm(DsfrForm):
    paid_incl_vat = forms.DecimalField(
        label="Montant du service fait TTC (€) — moins que la commande si elle se clôt plus tôt",
        max_digits=12,
        decimal_places=2,
        required=False,
    )


class CloseForm(DsfrForm):
    evaluation = forms.CharField(label="Évaluation", widget=forms.Textarea)
    evaluation_score = forms.TypedChoiceField(
        label="Note (1 à 5)",
        choices=[("", "—")] + [(n, str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )


class PageForm(DsfrForm):
    title = forms.CharField(label="Titre", max_length=200)
    theme = forms.ChoiceField(label="Thème", choices=Theme.choices)
    body = forms.CharField(label="Contenu (Markdown, sans HTML)", widget=forms.Textarea)
    is_public = forms.BooleanField(label="Page publique", required=False)
    formats = forms.ModelMultipleChoiceField(
        SupportFormat.objects.all(), label="Formats liés", required=False
    )
    sessions = forms.ModelMultipleChoiceField(
        Session.objects.none(),
        label="Sessions liées (90 derniers jours et à venir)",
        required=False,
    )
    missions = forms.ModelMultipleChoiceField(
        Mission.objects.none(), label="Missions sur-mesure liées", required=False
    )
    missions_note = forms.CharField(
        label="Autres missions (texte libre)",
        max_length=200,
        required=False,
        help_text="Ce qui n'est pas une mission sur-mesure de Fabrique, s'il y a lieu.",
    )
    attachment = forms.FileField(label="Pièce jointe (PDF ou ODT, 10 Mo au plus)", required=False)
    attachment_title = forms.CharField(label="Titre de la pièce jointe", required=False)

    def __init__(self, *args, user=None, page: KnowledgePage | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        since = timezone.now() - timedelta(days=90)
        self.fields["sessions"].queryset = Session.objects.filter(start__gte=since).select_related(
            "format"
        )
        visible = visible_missions(user).select_related("commune", "epci").order_by("-pk")
        self.fields["missions"].queryset = visible
        # The missions of the page the writer may not see stay linked, untouched.
        linked, _ = rules.linked_missions(page.missions if page else "")
        self.kept_missions = sorted(set(linked) - set(visible.values_list("pk", flat=True)))

    def clean_missions(self):
        return [mission.pk for mission in self.cleaned_data["missions"]] + self.kept_missions

    @classmethod
    def initial_for(cls, page: KnowledgePage) -> dict:
        return {
            "title": page.title,
            "theme": page.theme,
            "body": page.body,
            "is_public": page.is_public,
            "formats": list(page.formats.all()),
            "sessions": list(page.sessions.all()),
            "missions": rules.linked_missions(page.missions)[0],
            "missions_note": rules.linked_missions(page.missions)[1],
        }


MODULE_STEPS = {
    ModuleStatus.IDENTIFIED: ("devis", QuoteForm, "Enregistrer le devis"),
    ModuleStatus.QUOTE: ("commande", OrderForm, "Enregistrer la commande"),
    ModuleStatus.DELIVERED: ("service-fait", AttestForm, "Attester le service fait"),
    ModuleStatus.SERVICE_FAIT: ("cloture", CloseForm, "Clore avec une évaluation"),
}


class FollowUpEditForm(PlausibleDatesMixin, DsfrForm):
    """A follow-up's correction: its project and coach stay (its notes are about them)."""

    theme = forms.ChoiceField(label="Thème", choices=Theme.choices)
    title = forms.CharField(label="Objet", max_length=200)
    next_due = forms.DateField(label="Prochaine échéance", required=False, widget=DateInput())


class ModuleQuotedForm(ModuleForm):
    """A module at the quote step: its need and its quote are corrected together."""

    supplier = forms.ModelChoiceField(Supplier.objects.all(), label="Prestataire (marché)")
    statement_of_need = forms.CharField(label="Expression de besoin", widget=forms.Textarea)
    days_per_profile = forms.CharField(label="Jours par profil", max_length=300)
