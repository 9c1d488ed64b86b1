from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from fabrique.accounts.models import Role, User
from fabrique.core.forms import DateInput, PlausibleDatesMixin
from fabrique.territories.models import EPCI, Commune
from fabrique.territories.selectors import search_territories

from .vocabulary import SCORE_MAX, ActivityKind, MissionStatus, NeedTheme


class CollectiviteField(forms.CharField):
    """A commune or an EPCI typed as its name, INSEE code or SIREN (as the header search)."""

    def clean(self, value):
        text = super().clean(value).strip()
        if text.isdigit() and len(text) == 9:
            found = EPCI.objects.filter(siren=text).first()
        elif len(text) == 5 and text[:2].isalnum() and text[2:].isdigit():
            found = Commune.objects.filter(insee=text.upper()).first()
        else:
            hits = [hit for hit in search_territories(text) if hit.kind in ("commune", "epci")]
            found = None
            if hits:
                model = Commune if hits[0].kind == "commune" else EPCI
                key = "insee" if hits[0].kind == "commune" else "siren"
                found = model.objects.filter(**{key: hits[0].code}).first()
        if found is None:
            raise ValidationError(
                f"Aucune commune ni aucun EPCI ne correspond à « {text} » : tapez son nom, son "
                "code Insee (5 caractères) ou son SIREN (9 chiffres)."
            )
        return found


class RequestForm(DsfrBaseForm):
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


class AcceptForm(DsfrBaseForm):
    consultant = forms.ModelChoiceField(
        label="Consultant·e", queryset=User.objects.filter(role=Role.COACH, is_active=True)
    )
    start = forms.DateField(label="Début de la mission", widget=DateInput, required=False)


class StepForm(DsfrBaseForm):
    to = forms.ChoiceField(label="Nouvelle étape", choices=MissionStatus.choices)
    reason = forms.CharField(
        label="Motif (refus, abandon)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TimeForm(PlausibleDatesMixin, DsfrBaseForm):
    plausible_date_fields = ("day",)
    day = forms.DateField(label="Date", widget=DateInput)
    half_days = forms.TypedChoiceField(
        label="Durée", coerce=int, choices=[(n, f"{n / 2:g} jour") for n in range(1, 5)]
    )
    kind = forms.ChoiceField(label="Activité", choices=ActivityKind.choices)
    note = forms.CharField(label="Note", max_length=300, required=False)
    approval_reason = forms.CharField(
        label="Motif du dépassement des 10 jours (équipe de l'incubateur)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


SCORE_CHOICES = [(n, str(n)) for n in range(SCORE_MAX + 1)]


class NeedForm(DsfrBaseForm):
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


class PlaceForm(DsfrBaseForm):
    position = forms.IntegerField(label="Rang choisi", min_value=1, required=False)
    justification = forms.CharField(
        label="Justification (montrée dans le livrable)", required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
