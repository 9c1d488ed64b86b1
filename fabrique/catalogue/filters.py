"""Filters of the catalogue's lists (django-filter): the faceted search of solutions (page and
API), the operators (page and API), the funding schemes (page) and the funding a collectivité
can obtain (page and API).

The search of solutions is not a filter of a queryset: facets, total and order are computed from
the narrow rows that match the text (`selectors.search`, two queries whatever the size). Its
FilterSet reads and checks the query string; `qs` is the search itself (`CatalogueSearch`).
"""

from functools import cached_property

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from fabrique.core.filters import KnownValuesFilter, OneFormClass, QueryStringFilterSet
from fabrique.territories.filters import DepartementCodeFilter
from fabrique.territories.rules import territory_code

from .forms import FundingMatchForm, SchemeFilterForm
from .models import FundingScheme, Operator, Solution
from .selectors import (
    FACET_LABELS,
    FACETS,
    MAX_QUERY_LENGTH,
    PARAMETER_NAMES,
    CatalogueFilters,
    CatalogueSearch,
    Collectivite,
    collectivite_by_code,
    funding_for,
    schemes_list,
    search_catalogue,
)
from .services import unknown_values
from .vocabulary import Category


class FacetFilter(KnownValuesFilter):
    """A facet, read under each of its names (its own, the pages' and the API's)."""

    def __init__(self, facet: str, **kwargs):
        vocabulary = FACETS[facet][0]
        super().__init__(
            label=FACET_LABELS[facet], free_text=vocabulary is None,
            # a callable: copied for free with each form (a list of labels is deep-copied)
            choices=lambda: vocabulary.choices if vocabulary else [],
            names=(facet, *PARAMETER_NAMES[facet]), **kwargs,
        )  # fmt: skip


class SolutionFilter(OneFormClass, QueryStringFilterSet):
    """`?q=&categorie=&origine=&cout=&hebergement=&licence=`, or the API's names (`category`,
    `origin`, `cost_model`, `hosting`, `licence`), or the facets' own; several values of a facet
    add up (OR), facets combine (AND). `qs` is the search (`CatalogueSearch`), not a queryset."""

    q = django_filters.CharFilter(label="Rechercher", strip=False)
    categories = FacetFilter("categories")
    origin = FacetFilter("origin")
    cost_model = FacetFilter("cost_model")
    hosting = FacetFilter("hosting")
    licence = FacetFilter("licence")

    class Meta:
        model = Solution
        fields = []

    @property
    def catalogue_filters(self) -> CatalogueFilters:
        """The filters read, unknown values dropped, each value once (a text with a NUL
        character is left out, the facets are kept)."""
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        values = {facet: tuple(dict.fromkeys(data.get(facet) or [])) for facet in FACETS}
        return CatalogueFilters(q=(data.get("q") or "")[:MAX_QUERY_LENGTH].strip(), **values)

    @property
    def qs(self) -> CatalogueSearch:
        if not hasattr(self, "_search"):
            self._search = search_catalogue(self.catalogue_filters)
        return self._search

    def unknown_values(self) -> dict[str, str]:
        """Parameter name -> the French message that names its unknown values (the API
        refuses them; the page drops them)."""
        self.is_valid()
        return {
            name: unknown_values(name, values)
            for field in self.form.fields.values()
            for name, values in getattr(field, "unknown", {}).items()
        }


class OperatorFilter(django_filters.FilterSet):
    """The operators that serve a département, by its code. The page reads any text as a code
    (an unknown one lists nobody); the API (`OperatorAPIFilter`) wants a well-formed code."""

    departement = django_filters.CharFilter(
        label="Département (code)", method="by_departement", strip=False
    )

    class Meta:
        model = Operator
        fields = ["departement"]

    @property
    def code(self) -> str:
        """The code filtered on, as the page shows it."""
        return _code(self.form.cleaned_data.get("departement")) if self.is_valid() else ""

    def by_departement(self, queryset, name, value):
        code = _code(value)
        return queryset.filter(departements__code=code) if code else queryset


def _code(value) -> str:
    return territory_code((value or "")[:3])


class OperatorAPIFilter(OperatorFilter):
    departement = DepartementCodeFilter(method="by_departement")


class SchemeFilter(QueryStringFilterSet):
    """The funding schemes page: `?q=&etat=&type=&beneficiaire=&theme=` read by its DSFR form
    (`SchemeFilterForm`, whose errors the page shows); open schemes unless asked otherwise."""

    class Meta:
        model = FundingScheme
        fields = []
        form = SchemeFilterForm

    @property
    def qs(self):
        if not hasattr(self, "_schemes"):
            self.is_valid()  # the filters of the valid fields; the others show their error
            self._schemes = schemes_list(self.form.filters())
        return self._schemes


# --- The funding a collectivité can obtain (API) --------------------------------------------

BLANK = "Ce champ ne peut être vide."
COLLECTIVITE_REQUIRED = "Indiquez une commune (code Insee) ou un EPCI (SIREN)."
SLUG_INVALID = (
    "Ce champ ne doit contenir que des lettres, des nombres, des tirets bas _ et des traits "
    "d'union."
)


class _NotBlank:
    """Absent is no value; given but empty (or spaces only) is refused."""

    def clean(self, value):
        if value is not None and not isinstance(value, list) and not str(value).strip():
            raise ValidationError(BLANK, code="blank")
        return super().clean(value)


class _CodeField(_NotBlank, forms.RegexField):
    def __init__(self, regex, **kwargs):
        super().__init__(regex, strip=True, **kwargs)


class _SlugField(_NotBlank, forms.SlugField):
    default_error_messages = {"invalid": SLUG_INVALID}


class _CategoriesField(forms.MultipleChoiceField):
    """Needs (categories), each once, sorted; the first unknown one is named."""

    def validate(self, value):
        for item in value:
            if not self.valid_value(item):
                raise ValidationError(
                    f"«\xa0{item}\xa0» n'est pas un choix valide.", code="invalid"
                )

    def clean(self, value):
        return sorted(set(super().clean(value)))


class FundingQueryForm(forms.Form):
    commune = _CodeField(
        r"^(\d{5}|2[ABab]\d{3})$", required=False,
        error_messages={"invalid": "Code Insee sur 5 caractères (exemples : 42248, 2A004)."},
    )  # fmt: skip
    epci = _CodeField(
        r"^\d{9}$", required=False, error_messages={"invalid": "SIREN d'EPCI sur 9 chiffres."}
    )
    category = _CategoriesField(choices=Category.choices, required=False)
    solution = _SlugField(required=False)

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("commune") and not data.get("epci"):
            raise ValidationError({"commune": COLLECTIVITE_REQUIRED})
        return data


class FundingMatchFilter(QueryStringFilterSet):
    """`?commune=<code Insee>` or `?epci=<SIREN>` (the commune first when both are given), with
    needs (`category`, several) or a solution (`solution`, its needs). `collectivite` raises
    Http404 (with a French message) for a well-formed code that names nobody; `qs` is the
    match (`FundingMatches`)."""

    class Meta:
        model = FundingScheme
        fields = []
        form = FundingQueryForm

    @property
    def _data(self) -> dict:
        return self.form.cleaned_data if self.is_valid() else {}

    @cached_property
    def collectivite(self) -> Collectivite:
        data = self._data
        if data.get("commune"):
            return collectivite_by_code("commune", data["commune"])
        return collectivite_by_code("epci", data["epci"])

    @cached_property
    def categories(self) -> list[str]:
        data = self._data
        if not data.get("category") and data.get("solution"):
            return get_object_or_404(Solution, slug=data["solution"]).category_list
        return data.get("category") or []

    @property
    def qs(self):
        return funding_for(self.collectivite, categories=self.categories)


# --- The funding page: a collectivité's match, for a need or a solution ----------------------


class FundingPageForm(forms.Form):
    solution = forms.CharField(required=False, strip=False)
    commune = forms.CharField(required=False)
    epci = forms.CharField(required=False)
    categorie = forms.CharField(required=False, strip=False)


class FundingPageFilter(QueryStringFilterSet):
    """The funding page's query string: `?commune=<code Insee>` (or `epci=<SIREN>`) names a
    collectivité by its code, `?collectivite=` by what was typed in the match form (a name
    too); `categorie` a need, `solution` a solution (its needs when no need is given). Without a
    collectivité the page lists the schemes (`SchemeFilter`). An unknown solution or code is a
    404; anything else unreadable is ignored."""

    class Meta:
        model = FundingScheme
        fields = []
        form = FundingPageForm

    @cached_property
    def _data(self) -> dict:
        self.is_valid()  # the readable parameters; the others are left out
        return getattr(self.form, "cleaned_data", {})

    def match(self) -> tuple[FundingMatchForm, Collectivite | None, list[str], Solution | None]:
        """The match form to show, the collectivité (None: none asked), the needs, and the
        solution, in this order of checks (the solution's 404 first)."""
        data = self._data
        solution = None
        if slug := data.get("solution"):
            solution = get_object_or_404(Solution, slug=slug[:120])
        form = None
        collectivite = None
        for kind in ("commune", "epci"):
            if code := data.get(kind):
                collectivite = collectivite_by_code(kind, code[:20])
        if collectivite is None and self.data is not None and "collectivite" in self.data:
            form = FundingMatchForm(self.data)
            if form.is_valid():
                collectivite = form.cleaned_data["collectivite"]
        category = data.get("categorie") or ""
        if form is None:
            initial = {"solution": solution.slug if solution else "", "categorie": category}
            if collectivite:
                initial["collectivite"] = collectivite.code
            form = FundingMatchForm(initial=initial)
        if category in Category.values:
            categories = [category]
        elif solution is not None:
            categories = solution.category_list
        else:
            categories = []
        return form, collectivite, categories, solution
