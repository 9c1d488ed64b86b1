from django import forms

from fabrique.core.forms import (
    DateInput,
    DsfrForm,
    DsfrModelForm,
    HoneypotMixin,
    PlausibleDatesMixin,
    set_help_text,
)
from fabrique.portfolio.models import Project
from fabrique.portfolio.vocabulary import TeamRole

from . import rules
from .access import hiring_projects, is_incubator_staff
from .models import JobOffer
from .vocabulary import RETENTION_MONTHS, Stage


class OfferForm(PlausibleDatesMixin, DsfrModelForm):
    project = forms.ModelChoiceField(
        Project.objects.order_by("name"),
        required=False,
        label="Projet du portefeuille",
        help_text="Laisser vide pour une offre de l'incubateur lui-même.",
    )

    class Meta(DsfrModelForm.Meta):
        model = JobOffer
        fields = [
            "title", "role", "project", "team_name", "contract", "contract_holder", "junior",
            "place", "remote", "opens_on", "closes_on", "days_per_week", "duration", "contact",
            "external_url", "body", "status",
        ]  # fmt: skip
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "body": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "days_per_week": "Une fourchette, par exemple « 3 à 5 jours ».",
            "closes_on": "Sans date, l'offre se ferme deux mois après son ouverture.",
            "body": "Markdown : intertitres (##), listes (-), liens. Le HTML est retiré.",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the projects the user hires for (the service refuses the others).
        if user is not None and not is_incubator_staff(user):
            field = self.fields["project"]
            field.queryset = hiring_projects(user).order_by("name")
            field.required = True
            field.empty_label = None
            set_help_text(self, "project", "Les projets dont vous êtes membre.")

    def clean(self):
        # The service's rules here too, so that every mistake shows at the first sending.
        cleaned = super().clean()
        problems = rules.offer_problems(
            title=cleaned.get("title", ""),
            opens_on=cleaned.get("opens_on"),
            closes_on=cleaned.get("closes_on"),
            days_per_week=cleaned.get("days_per_week", ""),
            body=cleaned.get("body", ""),
            status=cleaned.get("status", ""),
        )
        for field, problem in problems.items():
            if field not in self.errors:
                self.add_error(field, problem)
        return cleaned


class ApplicationForm(HoneypotMixin, DsfrForm):
    name = forms.CharField(label="Nom et prénom", max_length=200)
    # Checked by the service, whose message gives an example.
    email = forms.CharField(label="Adresse électronique", max_length=254)
    message = forms.CharField(
        label="Votre message", widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )
    links = forms.CharField(
        label="Liens (GitHub, GitLab, portfolio…)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Une adresse par ligne.",
    )
    cv = forms.FileField(
        label="CV (facultatif)",
        required=False,
        help_text="PDF ou ODT, 5 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.odt"}),
    )
    consent = forms.BooleanField(
        label=(
            "J'accepte que mes données soient traitées pour cette candidature et conservées "
            f"{RETENTION_MONTHS} mois après la clôture de l'offre."
        ),
        required=False,
    )

    def clean(self):
        # The service's rules here too, so that every mistake shows at the first sending.
        cleaned = super().clean()
        if self.is_robot(cleaned):  # the view answers a robot as if all went well
            return cleaned
        problems = rules.application_problems(
            name=cleaned.get("name", ""),
            email=cleaned.get("email", ""),
            message=cleaned.get("message", ""),
            links=cleaned.get("links", ""),
            consent=cleaned.get("consent", False),
        )
        for field, problem in problems.items():
            if field not in self.errors:
                self.add_error(field, problem)
        return cleaned


class MoveForm(DsfrForm):
    stage = forms.ChoiceField(label="Nouvelle étape", choices=Stage.choices)
    reason = forms.CharField(
        label="Motif (obligatoire pour un refus)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    send_email = forms.BooleanField(
        label="Envoyer le courriel type de refus à la personne", required=False
    )


class ReviewForm(DsfrForm):
    rating = forms.TypedChoiceField(
        label="Note",
        choices=[("", "Sans note")] + [(str(n), f"{n} sur 5") for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    note = forms.CharField(
        label="Commentaire",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class FillForm(DsfrForm):
    add_to_team = forms.BooleanField(
        label="Ajouter la personne à l'équipe du projet", required=False, initial=True
    )
    team_role = forms.ChoiceField(label="Rôle dans l'équipe", choices=TeamRole.choices)

    def __init__(self, *args, project=None, can_add_to_team=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_note = ""
        if project is None or not can_add_to_team:
            # An offer of the incubator itself: no project team to join; a project's own members
            # do not change its team (the incubator team does, and can correct it after).
            del self.fields["add_to_team"], self.fields["team_role"]
            if project is not None:
                self.team_note = rules.TEAM_BY_INCUBATOR.format(project=project.name)
        else:
            self.fields["add_to_team"].label = f"Ajouter la personne à l'équipe de {project.name}"

    def clean(self):
        data = super().clean()
        data.setdefault("add_to_team", False)
        data.setdefault("team_role", "")
        return data
