import re

from django import forms
from django.core.exceptions import ValidationError

from fabrique.core import spdx
from fabrique.core.forms import DateInput, DsfrForm, DsfrModelForm, PlausibleDatesMixin
from fabrique.core.sorting import french
from fabrique.portfolio.models import Project
from fabrique.territories.forms import designated
from fabrique.territories.models import Departement, Region
from fabrique.territories.rules import territory_code

from . import vocabulary
from .models import FundingScheme, Operator, Solution, SolutionSuggestion
from .selectors import SCHEME_STATES, SchemeFilters, collectivite_by_code
from .vocabulary import (
    AidType,
    Beneficiary,
    Category,
    CostModel,
    Hosting,
    Origin,
    Theme,
)

EMPTY = [("", "Tous")]
_SEPARATORS = re.compile(r"[\s,;]+")


def _multiple(label, choices, required=False, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices.choices,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
    )


def _codes(text: str) -> list[str]:
    return [code for code in _SEPARATORS.split(text or "") if code]


class _CodesField(forms.CharField):
    """Codes separated by commas or spaces, each one an existing row (`model`.`field`)."""

    def __init__(self, *args, model, field, noun, territorial=False, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.model, self.field, self.noun, self.territorial = model, field, noun, territorial

    def clean(self, value):
        codes = _codes(super().clean(value))
        if self.territorial:  # « 2a » is 2A, « 1 » (a spreadsheet's 01) is 01
            codes = [territory_code(code) for code in codes]
        found = {getattr(row, self.field): row for row in
                 self.model.objects.filter(**{f"{self.field}__in": codes})}  # fmt: skip
        unknown = [code for code in codes if code not in found]
        if unknown:
            noun = f"{self.noun}s inconnus" if len(unknown) > 1 else f"{self.noun} inconnu"
            raise ValidationError(f"{noun} : {', '.join(unknown)}.")
        return [found[code] for code in dict.fromkeys(codes)]


def _codes_initial(queryset, field) -> str:
    return ", ".join(str(getattr(row, field)) for row in queryset)


# --- Solutions ------------------------------------------------------------------------------


class SolutionForm(DsfrModelForm):
    categories = _multiple("Catégories", Category, required=True)
    hosting = _multiple("Hébergement", Hosting)
    similar = _CodesField(
        label="Solutions similaires",
        help_text="Identifiants (la fin de l'adresse de leur page), séparés par des virgules.",
        model=Solution,
        field="slug",
        noun="Solution",
    )

    class Meta(DsfrModelForm.Meta):
        model = Solution
        fields = [
            "name", "origin", "summary", "description", "licence", "website", "repository_url",
            "cost_model", "yearly_cost", "maturity", "project",
        ]  # fmt: skip
        widgets = {"summary": forms.TextInput}

    # Multi-valued fields are not model fields of the form: the service writes them.
    field_order = [
        "name", "origin", "summary", "description", "categories", "licence", "website",
        "repository_url", "cost_model", "yearly_cost", "hosting", "maturity", "project", "similar",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.order_by(french("name"))
        if self.instance.pk:
            self.initial["categories"] = self.instance.category_list
            self.initial["hosting"] = self.instance.hosting_list
            self.initial["similar"] = _codes_initial(self.instance.similar.all(), "slug")

    def clean_licence(self):
        try:
            return spdx.canonical(self.cleaned_data["licence"])
        except spdx.LicenceError as error:
            raise ValidationError(str(error)) from None


class CollectiviteField(forms.CharField):
    """A collectivité typed as a code Insee, a SIREN, a département code or a name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Collectivité")
        kwargs.setdefault(
            "help_text",
            "Nom ou code Insee d'une commune, SIREN d'un EPCI, code d'un département.",
        )
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        hit = designated(value, kinds=("commune", "epci", "departement"))
        return collectivite_by_code(hit.kind, hit.code)


class SolutionUseForm(PlausibleDatesMixin, DsfrForm):
    collectivite = CollectiviteField()
    since = forms.DateField(label="Utilisée depuis", required=False, widget=DateInput)


# --- Funding --------------------------------------------------------------------------------


class FundingSchemeForm(PlausibleDatesMixin, DsfrModelForm):
    aid_types = _multiple("Types d'aide", AidType, required=True)
    beneficiaries = _multiple("Bénéficiaires", Beneficiary, required=True)
    themes = _multiple("Thèmes", Theme)
    departements_codes = _CodesField(
        label="Périmètre : départements",
        help_text="Codes séparés par des virgules (42, 2A, 974). Vide avec les régions : "
        "aide nationale.",
        model=Departement,
        field="code",
        noun="Département",
        territorial=True,
    )
    regions_codes = _CodesField(
        label="Périmètre : régions",
        help_text="Codes Insee séparés par des virgules (84, 53).",
        model=Region,
        field="code",
        noun="Région",
        territorial=True,
    )

    class Meta(DsfrModelForm.Meta):
        model = FundingScheme
        fields = [
            "name", "url", "funders", "description", "population_min", "population_max",
            "recurrence", "is_call_for_projects", "deadline", "is_closed",
        ]  # fmt: skip
        widgets = {
            "deadline": DateInput,
            "funders": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [
        "name", "url", "funders", "description", "aid_types", "beneficiaries", "population_min",
        "population_max", "themes", "departements_codes", "regions_codes", "recurrence",
        "is_call_for_projects", "deadline", "is_closed",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["aid_types"] = vocabulary.decode(self.instance.aid_types)
            self.initial["beneficiaries"] = vocabulary.decode(self.instance.beneficiaries)
            self.initial["themes"] = vocabulary.decode(self.instance.themes)
            self.initial["departements_codes"] = _codes_initial(
                self.instance.departements.order_by("code"), "code"
            )
            self.initial["regions_codes"] = _codes_initial(
                self.instance.regions.order_by("code"), "code"
            )


class SchemeFilterForm(DsfrForm):
    q = forms.CharField(label="Rechercher", required=False, max_length=200)
    etat = forms.ChoiceField(label="État", choices=list(SCHEME_STATES.items()), required=False)
    type = forms.ChoiceField(label="Type d'aide", choices=EMPTY + AidType.choices, required=False)
    beneficiaire = forms.ChoiceField(
        label="Bénéficiaire", choices=EMPTY + Beneficiary.choices, required=False
    )
    theme = forms.ChoiceField(label="Thème", choices=EMPTY + Theme.choices, required=False)

    def filters(self) -> SchemeFilters:
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return SchemeFilters(
            q=data.get("q") or "",
            state=data.get("etat") or "ouverts",
            aid_type=data.get("type") or "",
            beneficiary=data.get("beneficiaire") or "",
            theme=data.get("theme") or "",
        )


class FundingMatchForm(DsfrForm):
    collectivite = CollectiviteField(label="Votre collectivité", required=True)
    categorie = forms.ChoiceField(
        label="Besoin", choices=[("", "Tous les besoins"), *Category.choices], required=False
    )
    solution = forms.SlugField(required=False, widget=forms.HiddenInput)


# --- Operators ------------------------------------------------------------------------------


class OperatorForm(DsfrModelForm):
    departements_codes = _CodesField(
        label="Départements servis",
        help_text="Codes séparés par des virgules (42, 69).",
        model=Departement,
        field="code",
        noun="Département",
        territorial=True,
    )
    solutions_slugs = _CodesField(
        label="Solutions opérées",
        help_text="Identifiants des solutions, séparés par des virgules.",
        model=Solution,
        field="slug",
        noun="Solution",
    )

    class Meta(DsfrModelForm.Meta):
        model = Operator
        fields = ["name", "name_with_article", "status", "website", "siret", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["departements_codes"] = _codes_initial(
                self.instance.departements.order_by("code"), "code"
            )
            self.initial["solutions_slugs"] = _codes_initial(
                self.instance.solutions.order_by("slug"), "slug"
            )


# --- Suggestions ----------------------------------------------------------------------------


class SuggestionForm(DsfrModelForm):
    categories = _multiple("Besoins auxquels elle répond", Category)

    class Meta(DsfrModelForm.Meta):
        model = SolutionSuggestion
        fields = ["name", "website", "origin", "description", "comment"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    field_order = ["name", "website", "origin", "categories", "description", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["categories"] = vocabulary.decode(self.instance.categories)


class ModerationForm(DsfrForm):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("accepter", "Publier au catalogue"), ("refuser", "Refuser")],
        widget=forms.RadioSelect,
        # No choice made in advance: publishing is the moderator's explicit decision.
        error_messages={"required": "Choisissez : publier au catalogue ou refuser."},
    )
    origin = forms.ChoiceField(label="Origine", choices=Origin.choices, required=False)
    cost_model = forms.ChoiceField(
        label="Modèle de coût", choices=CostModel.choices, required=False
    )
    note = forms.CharField(
        label="Réponse à la personne qui l'a proposée",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Obligatoire pour un refus.",
    )
