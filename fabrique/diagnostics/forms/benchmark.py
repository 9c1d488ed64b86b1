"""Forms of the benchmark: a candidate solution scored on three feasibilities, and a funding
or partner lead kept or discarded."""

from django import forms

from fabrique.catalogue.models import Solution
from fabrique.core.forms import URL_INVALID, DsfrForm

from ..vocabulary import SCORE_MAX

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
