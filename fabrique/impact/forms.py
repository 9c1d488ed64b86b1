import re
from decimal import Decimal

from django import forms

from fabrique.core.forms import (
    DateInput,
    DsfrForm,
    DsfrModelForm,
    PlausibleDatesMixin,
    set_help_text,
)
from fabrique.territories.models import EPCI, Commune, Departement, Region
from fabrique.territories.rules import territory_code

from .models import Indicator
from .vocabulary import TargetKind

COMPUTED_FIXED = ("unit", "frequency", "direction")


class IndicatorForm(PlausibleDatesMixin, DsfrModelForm):
    class Meta(DsfrModelForm.Meta):
        model = Indicator
        fields = [
            "name", "definition", "level", "kind", "unit", "direction", "frequency",
            "baseline_value", "baseline_date", "target_value", "target_date", "data_source",
            "is_north_star", "is_public",
        ]  # fmt: skip
        widgets = {
            "baseline_date": DateInput,
            "target_date": DateInput,
            "definition": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("baseline_value", "target_value"):
            if (value := self.initial.get(name)) is not None:
                # « 5781,29 », not the « 5781,2900 » of the four decimals stored.
                self.initial[name] = Decimal(f"{Decimal(value).normalize():f}")
            self.fields[name].localize = True  # « 12,5 » as well as « 12.5 »
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
            self.fields[name].widget.is_localized = True
        if self.instance.pk and self.instance.computed:
            for name in COMPUTED_FIXED:
                self.fields[name].disabled = True
                set_help_text(self, name, "Fixé : l'indicateur est calculé par Fabrique.")


class MeasurementForm(PlausibleDatesMixin, DsfrForm):
    date = forms.DateField(
        label="Date",
        widget=DateInput,
        help_text="Une date de la période mesurée (la valeur vaut pour toute la période).",
    )
    value = forms.CharField(
        label="Valeur",
        max_length=40,
        help_text="Un nombre ; virgule ou point pour les décimales.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class ImportForm(DsfrForm):
    file = forms.FileField(
        label="Fichier de mesures",
        help_text=(
            "CSV (séparateur ; ou ,) ou classeur XLSX, 10 Mo au plus. Première ligne : "
            "indicateur, date, valeur, commentaire."
        ),
        allow_empty_file=False,
    )


class TokenForm(DsfrForm):
    name = forms.CharField(
        label="Nom du jeton",
        required=False,
        max_length=100,
        help_text="Pour vous y retrouver : « script de collecte mensuel », « tableau de bord »…",
    )


CODES = re.compile(r"[\s,;]+")


class DeploymentTargetForm(DsfrForm):
    kind = forms.ChoiceField(label="Collectivités visées", choices=TargetKind.choices)
    max_population = forms.IntegerField(
        label="Moins de … habitant·es",
        required=False,
        min_value=1,
        help_text="Population municipale strictement inférieure ; vide : toutes les tailles.",
    )
    departements = forms.CharField(
        label="Départements",
        required=False,
        help_text="Codes séparés par des virgules (par exemple 42, 43, 63) ; vide : tous.",
    )
    region = forms.ModelChoiceField(
        label="Région", queryset=Region.objects.all(), required=False, empty_label="Toutes"
    )

    def clean_departements(self):
        written = CODES.split(self.cleaned_data["departements"])
        codes = [territory_code(code) for code in written if code]
        found = {d.code: d for d in Departement.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(f"Départements inconnus : {', '.join(unknown)}.")
        return [found[code] for code in dict.fromkeys(codes)]


class DeploymentSinceForm(PlausibleDatesMixin, DsfrForm):
    """The correction of one collectivité's date of adoption."""

    since = forms.DateField(label="Utilise le service depuis le", widget=DateInput)


class DeploymentForm(PlausibleDatesMixin, DsfrForm):
    codes = forms.CharField(
        label="Collectivités utilisatrices",
        help_text=(
            "Codes Insee de communes (5 caractères) ou SIREN d'EPCI (9 chiffres), séparés par "
            "des espaces, virgules ou retours à la ligne."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    since = forms.DateField(label="Utilisent le service depuis le", widget=DateInput)

    def clean_codes(self):
        codes = list(
            dict.fromkeys(territory_code(c) for c in CODES.split(self.cleaned_data["codes"]) if c)
        )
        if not codes:
            raise forms.ValidationError("Donnez au moins un code.")
        if len(codes) > 500:
            raise forms.ValidationError("500 collectivités au plus à la fois.")
        communes = {c.insee: c for c in Commune.objects.filter(insee__in=codes)}
        epcis = {e.siren: e for e in EPCI.objects.filter(siren__in=codes)}
        unknown = [code for code in codes if code not in communes and code not in epcis]
        if unknown:
            raise forms.ValidationError(
                f"Aucune commune ni aucun EPCI ne porte ce code : {', '.join(unknown)}."
            )
        return [communes.get(code) or epcis[code] for code in codes]
