"""The FilterSets of the portfolio lists (django-filter): what a query string selects, and that
a bad value is ignored or answered in French, never a 500."""

import pytest
from django.http import QueryDict

from fabrique.accounts.models import Role
from fabrique.core.sorting import Sort
from fabrique.portfolio.filters import (
    ApiProjectFilter,
    AttestationListFilter,
    CommitteeListFilter,
    ProjectFilter,
)
from fabrique.portfolio.selectors import (
    ATTESTATION_DEFAULT_SORT,
    COMMITTEE_DEFAULT_SORT,
    PortfolioFilters,
    annotated_projects,
)
from tests.factories import DepartementFactory, RegionFactory

from .factories import ProjectFactory, ThematicFactory

pytestmark = pytest.mark.django_db


def test_no_query_string_selects_everything_by_name():
    filterset = ProjectFilter(None)
    assert filterset.selection() == PortfolioFilters()
    assert not filterset.form.is_bound


def test_the_query_string_becomes_the_selection(users):
    manager = users[Role.INCUBATOR]
    thematic = ThematicFactory(slug="sante")
    region = RegionFactory(code="84")
    departement = DepartementFactory(code="69", region=region)
    query = QueryDict(
        f"kind=startup-etat&phase=construction&manager={manager.pk}&thematic=sante"
        f"&region={region.code}&departement={departement.code}&sort=reste&desc=on"
    )
    assert ProjectFilter(query).selection() == PortfolioFilters(
        kind="startup-etat", phase="construction", manager=manager.pk, thematic=thematic.slug,
        region="84", departement="69", sort="reste", descending=True,
    )  # fmt: skip


def test_an_invalid_field_is_ignored_and_its_error_shown_the_others_apply():
    filterset = ProjectFilter(QueryDict("kind=inconnu&phase=construction&thematic=nulle-part"))
    assert filterset.selection() == PortfolioFilters(phase="construction")
    assert set(filterset.form.errors) == {"kind", "thematic"}
    assert "Sélectionnez un choix valide" in filterset.form.errors["kind"][0]


def test_the_public_list_neither_filters_by_manager_nor_sorts_by_private_columns(users):
    query = QueryDict(f"manager={users[Role.INCUBATOR].pk}&sort=reste")
    filterset = ProjectFilter(query, staff=False)
    assert "manager" not in filterset.form.fields
    assert filterset.selection() == PortfolioFilters()
    assert [key for key, _label in filterset.form.fields["sort"].choices] == [
        "", "nom", "type", "phase", "debut",
    ]  # fmt: skip


def test_the_filterset_queryset_is_the_selectors_one():
    ProjectFactory(name="Beta", kind="startup-etat")
    ProjectFactory(name="Alpha", kind="startup-etat")
    ProjectFactory(name="Gamma", kind="commun-numerique")
    filterset = ProjectFilter(QueryDict("kind=startup-etat&sort=nom&desc=1"), annotated_projects())
    assert [project.name for project in filterset.qs] == ["Beta", "Alpha"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", COMMITTEE_DEFAULT_SORT),
        ("sort=inconnu&desc=1", COMMITTEE_DEFAULT_SORT),
        ("sort=montant", Sort("montant")),
        ("sort=montant&desc=1", Sort("montant", True)),
        ("sort=montant&desc=NON", Sort("montant")),
        ("sort=montant&desc=off", Sort("montant")),
        ("desc=1", COMMITTEE_DEFAULT_SORT),
    ],
)
def test_the_committee_list_order(query, expected):
    assert CommitteeListFilter(QueryDict(query) or None).chosen_sort() == expected


def test_the_attestation_list_order():
    assert AttestationListFilter(None).chosen_sort() == ATTESTATION_DEFAULT_SORT
    query = QueryDict("sort=personne&desc=true")
    assert AttestationListFilter(query).chosen_sort() == Sort("personne", True)


def test_the_api_filter_answers_in_french():
    filterset = ApiProjectFilter(QueryDict("kind=zz&manager=pas-un-courriel"))
    assert not filterset.is_valid()
    assert filterset.errors["kind"] == ["«\u00a0zz\u00a0» n'est pas un choix valide."]
    assert filterset.errors["manager"] == ["Saisissez une adresse e-mail valide."]


def test_the_api_filter_by_manager_ignores_the_case(users):
    manager = users[Role.INCUBATOR]
    ProjectFactory(name="Suivi", manager=manager)
    ProjectFactory(name="Autre")
    query = QueryDict(f"manager={manager.email.upper()}")
    filterset = ApiProjectFilter(query, queryset=annotated_projects())
    assert filterset.is_valid()
    assert [project.name for project in filterset.qs] == ["Suivi"]
