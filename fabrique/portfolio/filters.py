"""FilterSets of the portfolio lists (django-filter): the project list and the dashboard with
its exports, the committee and attestation lists, and the API project list.

Each FilterSet reads the query string, checks it and gives the selection to the selectors
(`PortfolioFilters`, or the `Sort` of a list); an invalid value is ignored (the form shows
its error), never a 500. The SQL is in the selectors (`filter_projects`), which the
dashboard, the PDF report and the benchmarks call with a selection of their own.
"""

import django_filters
from django import forms

from fabrique.accounts.models import Role, User
from fabrique.core.filters import SortedListFilter, unchanged
from fabrique.core.forms import DsfrForm
from fabrique.core.sorting import french
from fabrique.territories.models import Departement, Region

from .models import Committee, Project, ServiceFait, Thematic
from .selectors import (
    ATTESTATION_DEFAULT_SORT,
    ATTESTATION_SORTS,
    COMMITTEE_DEFAULT_SORT,
    COMMITTEE_SORTS,
    PUBLIC_SORTS,
    SORTS,
    PortfolioFilters,
    filter_projects,
)
from .vocabulary import PhaseName, ProjectKind

SORT_LABELS = {
    "nom": "Nom",
    "type": "Type",
    "phase": "Phase",
    "debut": "Début de la phase",
    "charge": "Chargé·e de portefeuille",
    "comite": "Dernier comité",
    "reste": "Reste",
    "equipe": "Équipe",
}


class PortfolioFilterForm(DsfrForm):
    """The form of the project list and the dashboard (DSFR field groups)."""


class CheckboxFilter(django_filters.BooleanFilter):
    """A check box: ticked or not, never « unknown »."""

    field_class = forms.BooleanField


class ProjectFilter(django_filters.FilterSet):
    """`/projets/`, `/portefeuille/` and its exports: type, phase, manager, thematic, région,
    département, and the order (`sort`, `desc`)."""

    kind = django_filters.ChoiceFilter(
        label="Type", choices=ProjectKind.choices, empty_label="Tous", method=unchanged
    )
    phase = django_filters.ChoiceFilter(
        label="Phase", choices=PhaseName.choices, empty_label="Tous", method=unchanged
    )
    manager = django_filters.ModelChoiceFilter(
        label="Chargé·e de portefeuille",
        queryset=User.objects.filter(role__in=[Role.ADMIN, Role.INCUBATOR]),
        empty_label="Tous",
        method=unchanged,
    )
    thematic = django_filters.ModelChoiceFilter(
        label="Thématique",
        queryset=Thematic.objects.all(),
        to_field_name="slug",
        empty_label="Toutes",
        method=unchanged,
    )
    # Real territories to choose from (their code in the URL): no free-text code box.
    region = django_filters.ModelChoiceFilter(
        label="Région", queryset=Region.objects.order_by(french("name")), to_field_name="code",
        empty_label="Toutes", method=unchanged,
    )  # fmt: skip
    departement = django_filters.ModelChoiceFilter(
        label="Département", queryset=Departement.objects.order_by("code"),
        to_field_name="code", empty_label="Tous", method=unchanged,
    )  # fmt: skip
    sort = django_filters.ChoiceFilter(
        label="Trier par",
        choices=[(key, SORT_LABELS[key]) for key in SORTS],
        empty_label="Ordre par défaut",
        method=unchanged,
    )
    desc = CheckboxFilter(label="Ordre décroissant", method=unchanged)

    class Meta:
        model = Project
        fields = ["kind", "phase", "manager", "thematic", "region", "departement", "sort", "desc"]
        form = PortfolioFilterForm

    def __init__(self, data=None, queryset=None, *, staff: bool = True, **kwargs):
        """Without `staff`, only what the public list shows may filter or sort it."""
        super().__init__(data, queryset, **kwargs)
        if not staff:
            del self.filters["manager"]
            sort = self.filters["sort"]
            sort.extra["choices"] = [
                choice for choice in sort.extra["choices"] if choice[0] in PUBLIC_SORTS
            ]

    def selection(self) -> PortfolioFilters:
        """The filters to apply; invalid fields are ignored (their errors are shown)."""
        data = self.cleaned_data()
        manager, thematic = data.get("manager"), data.get("thematic")
        region, departement = data.get("region"), data.get("departement")
        return PortfolioFilters(
            kind=data.get("kind") or "",
            phase=data.get("phase") or "",
            manager=manager.pk if manager else None,
            thematic=thematic.slug if thematic else "",
            region=region.code if region else "",
            departement=departement.code if departement else "",
            sort=data.get("sort") or "",
            descending=bool(data.get("desc")),
        )

    def cleaned_data(self) -> dict:
        """The valid fields of the query string (none when there is none)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    def filter_queryset(self, queryset):
        return filter_projects(queryset, self.selection())


class EmailFilter(django_filters.CharFilter):
    field_class = forms.EmailField


# The messages of the API as they were with a DRF serializer: « « x » n'est pas un choix
# valide. » (no-break spaces inside the quotes), under the name of the parameter.
API_CHOICE_ERROR = {"invalid_choice": "«\u00a0%(value)s\u00a0» n'est pas un choix valide."}


class ApiProjectFilter(django_filters.FilterSet):
    """`GET /api/v1/projects/`: `kind`, `phase` and `manager` (an e-mail address)."""

    kind = django_filters.ChoiceFilter(
        choices=ProjectKind.choices, error_messages=API_CHOICE_ERROR, method=unchanged
    )
    phase = django_filters.ChoiceFilter(
        choices=PhaseName.choices, error_messages=API_CHOICE_ERROR, method=unchanged
    )
    manager = EmailFilter(method="by_manager")

    class Meta:
        model = Project
        fields = ["kind", "phase", "manager"]

    def by_manager(self, queryset, name, value):
        return queryset.filter(manager__email=value.lower())

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        selection = PortfolioFilters(kind=data.get("kind") or "", phase=data.get("phase") or "")
        return super().filter_queryset(filter_projects(queryset, selection))


class CommitteeListFilter(SortedListFilter):
    """`/comites/`: the committees, sorted by a column."""

    model, sorts, default = Committee, COMMITTEE_SORTS, COMMITTEE_DEFAULT_SORT


class AttestationListFilter(SortedListFilter):
    """`/portefeuille/attestations/`: the periods to attest, sorted by a column."""

    model, sorts, default = ServiceFait, ATTESTATION_SORTS, ATTESTATION_DEFAULT_SORT
