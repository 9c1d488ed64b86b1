"""Filters of the catalogue's lists (django-filter): the faceted search of solutions (page and
API), the operators (page and API) and the funding schemes (page).

The search of solutions is not a filter of a queryset: facets, total and order are computed from
the narrow rows that match the text (`selectors.search`, two queries whatever the size). Its
FilterSet reads and checks the query string; `qs` is the search itself (`CatalogueSearch`).
"""

import django_filters

from fabrique.core.filters import KnownValuesFilter
from fabrique.territories.filters import DepartementCodeFilter

from .forms import SchemeFilterForm
from .models import FundingScheme, Operator, Solution
from .selectors import (
    FACET_LABELS,
    FACETS,
    MAX_QUERY_LENGTH,
    PARAMETER_NAMES,
    CatalogueFilters,
    CatalogueSearch,
    schemes_list,
    search_catalogue,
)
from .services import unknown_values


class FacetFilter(KnownValuesFilter):
    def __init__(self, facet: str, **kwargs):
        choices = FACETS[facet][0]
        super().__init__(
            label=FACET_LABELS[facet], choices=choices.choices if choices else [],
            free_text=choices is None, **kwargs,
        )  # fmt: skip


class SolutionFilter(django_filters.FilterSet):
    """`?q=&categorie=&origine=&cout=&hebergement=&licence=`, or the API's names (`category`,
    `origin`, `cost_model`, `hosting`, `licence`), or the facets' own; several values of a facet
    add up (OR), facets combine (AND). `qs` is the search (`CatalogueSearch`), not a queryset."""

    q = django_filters.CharFilter(label="Rechercher")
    categories = FacetFilter("categories")
    categorie = FacetFilter("categories")
    category = FacetFilter("categories")
    origin = FacetFilter("origin")
    origine = FacetFilter("origin")
    cost_model = FacetFilter("cost_model")
    cout = FacetFilter("cost_model")
    hosting = FacetFilter("hosting")
    hebergement = FacetFilter("hosting")
    licence = FacetFilter("licence")
    license = FacetFilter("licence")

    class Meta:
        model = Solution
        fields = []

    def __init__(self, data=None, **kwargs):
        super().__init__(data, queryset=Solution.objects.none(), **kwargs)

    @property
    def catalogue_filters(self) -> CatalogueFilters:
        """The filters read, unknown values dropped, each value once."""
        data = self.form.cleaned_data if self.is_valid() else {}
        values = {
            facet: tuple(
                dict.fromkeys(
                    value
                    for name in (facet, *PARAMETER_NAMES[facet])
                    for value in data.get(name) or []
                )
            )
            for facet in FACETS
        }
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
            name: unknown_values(name, field.unknown)
            for name, field in self.form.fields.items()
            if getattr(field, "unknown", None)
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
    return (value or "")[:3].strip().upper()


class OperatorAPIFilter(OperatorFilter):
    departement = DepartementCodeFilter(method="by_departement")


class SchemeFilter(django_filters.FilterSet):
    """The funding schemes page: `?q=&etat=&type=&beneficiaire=&theme=` read by its DSFR form
    (`SchemeFilterForm`, whose errors the page shows); open schemes unless asked otherwise."""

    class Meta:
        model = FundingScheme
        fields = []
        form = SchemeFilterForm

    def __init__(self, data=None, **kwargs):
        super().__init__(data, queryset=FundingScheme.objects.none(), **kwargs)

    @property
    def qs(self):
        if not hasattr(self, "_schemes"):
            self.is_valid()  # the filters of the valid fields; the others show their error
            self._schemes = schemes_list(self.form.filters())
        return self._schemes
