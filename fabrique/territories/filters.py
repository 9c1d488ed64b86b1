"""Filters of the lists of territories (django-filter): communes and EPCI of the open-data API,
by eligibility to the tailored support and by département; the search of a territory."""

import django_filters
from django import forms

from fabrique.core.filters import QueryStringFilterSet

from .models import EPCI, Commune
from .rules import territory_code
from .selectors import (
    MAX_QUERY_LENGTH,
    TerritoryHit,
    eligible_communes_q,
    eligible_epcis_q,
    search_territories,
)

# One digit too: a spreadsheet writes the département 01 as « 1 ».
DEPARTEMENT_PATTERN = r"^(\d{1,3}|2[ABab])$"
DEPARTEMENT_INVALID = "Code de département invalide (exemples : 01, 2A, 974)."
ONE_BOOLEAN = "Donnez true ou false, une seule fois."
NOT_A_BOOLEAN = "Doit être un booléen valide."
TRUE_WORDS = {"t", "y", "yes", "true", "on", "1"}
FALSE_WORDS = {"f", "n", "no", "false", "off", "0"}
NULL_WORDS = {"", "null"}


class DepartementCodeField(forms.RegexField):
    """A département's code (01, 2A, 974): absent or empty is no filter, ill-formed is an error
    that says what to write (the API answers 400 with it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": DEPARTEMENT_INVALID})
        super().__init__(DEPARTEMENT_PATTERN, *args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return territory_code(value) if value else value


class DepartementCodeFilter(django_filters.CharFilter):
    field_class = DepartementCodeField


class _AllValues(forms.TextInput):
    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class OneBooleanField(forms.Field):
    """`true` or `false` (and the usual spellings: 1, yes, on…), given once; absent is None (no
    filter). `null`, an empty value or a repeated parameter is refused."""

    widget = _AllValues

    def clean(self, value):
        values = value if isinstance(value, list) else ([] if value is None else [value])
        if not values:
            return None
        word = str(values[-1])
        if word.lower() in TRUE_WORDS and word in (word.lower(), word.upper(), word.title()):
            answer = True
        elif word.lower() in FALSE_WORDS and word in (word.lower(), word.upper(), word.title()):
            answer = False
        elif word.lower() in NULL_WORDS and word in (word.lower(), word.upper(), word.title()):
            answer = None
        else:
            raise forms.ValidationError(NOT_A_BOOLEAN, code="invalid")
        if len(values) > 1 or answer is None:
            raise forms.ValidationError(ONE_BOOLEAN, code="once")
        return answer


class OneBooleanFilter(django_filters.Filter):
    field_class = OneBooleanField


class CommuneFilter(django_filters.FilterSet):
    eligible = OneBooleanFilter(label="Éligible", method="by_eligibility")
    departement = DepartementCodeFilter(label="Département", method="by_departement")

    class Meta:
        model = Commune
        fields = []

    def by_eligibility(self, queryset, name, value):
        return (
            queryset.filter(eligible_communes_q())
            if value
            else queryset.exclude(eligible_communes_q())
        )

    def by_departement(self, queryset, name, value):
        return queryset.filter(departement__code=value.upper())


class EPCIFilter(CommuneFilter):
    class Meta:
        model = EPCI
        fields = []

    def by_eligibility(self, queryset, name, value):
        return (
            queryset.filter(eligible_epcis_q()) if value else queryset.exclude(eligible_epcis_q())
        )

    def by_departement(self, queryset, name, value):
        return queryset.filter(communes__departement__code=value.upper()).distinct()


class TerritorySearchFilter(QueryStringFilterSet):
    """`?q=`: communes, EPCI and départements by name, code Insee or SIREN (the search page,
    its suggestions and the API). Not a queryset filter: `hits(limit)` runs the search
    (`selectors.search_territories`, three queries at most)."""

    q = django_filters.CharFilter(label="Rechercher un territoire", strip=False)

    class Meta:
        model = Commune
        fields = []

    @property
    def query(self) -> str:
        text = self.form.cleaned_data.get("q") or "" if self.is_valid() else ""
        return text[:MAX_QUERY_LENGTH].strip()

    def hits(self, limit: int) -> list[TerritoryHit]:
        return search_territories(self.query, limit=limit) if self.query else []
