"""The catalogue's FilterSets read the query strings the pages and the API have always read."""

import pytest
from django.http import Http404, QueryDict

from fabrique.catalogue.filters import (
    BLANK,
    COLLECTIVITE_REQUIRED,
    SLUG_INVALID,
    FundingMatchFilter,
    OperatorAPIFilter,
    OperatorFilter,
    SolutionFilter,
)
from fabrique.catalogue.selectors import operators_list
from fabrique.territories.models import Departement

from .factories import OperatorFactory

pytestmark = pytest.mark.django_db


def test_the_search_reads_the_pages_and_the_apis_names_and_drops_unknown_values():
    filterset = SolutionFilter(
        QueryDict("q=%20mairie%20&categorie=securite&category=donnees&categorie=securite"
                  "&origine=inconnue&cost_model=gratuit&hebergement=saas&license=MIT&licence=")
    )  # fmt: skip
    filters = filterset.catalogue_filters
    assert filters.q == "mairie"
    assert filters.categories == ("securite", "donnees")
    assert filters.origin == ()
    assert filters.cost_model == ("gratuit",)
    assert filters.hosting == ("saas",)
    assert filters.licence == ("MIT",)
    assert filterset.unknown_values() == {"origine": "Valeur inconnue pour « origine » : inconnue."}


def test_an_unbound_search_has_no_filter():
    filters = SolutionFilter().catalogue_filters
    assert filters.q == "" and not filters.active


def test_the_operators_page_reads_any_text_as_a_code_and_the_api_wants_a_good_one(territories):
    loire = Departement.objects.filter(code="42")
    OperatorFactory(name="OPSN de la Loire", departements=loire)
    OperatorFactory(name="OPSN breton", departements=Departement.objects.filter(code="35"))
    page = OperatorFilter(QueryDict("departement=%20042x"), queryset=operators_list())
    assert page.code == "04"  # « 042x » with its leading space, cut to three characters
    page = OperatorFilter(QueryDict("departement=42"), queryset=operators_list())
    assert page.code == "42"
    assert [operator.name for operator in page.qs] == ["OPSN de la Loire"]
    assert OperatorFilter(QueryDict("departement=zz"), queryset=operators_list()).qs.count() == 0
    api = OperatorAPIFilter(QueryDict("departement=zz"), queryset=operators_list())
    assert not api.is_valid()
    assert api.form.errors["departement"] == [
        "Code de département invalide (exemples : 01, 2A, 974)."
    ]
    assert OperatorAPIFilter(QueryDict("departement="), queryset=operators_list()).qs.count() == 2


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("", {"commune": [COLLECTIVITE_REQUIRED]}),
        ("solution=securite", {"commune": [COLLECTIVITE_REQUIRED]}),
        ("commune=&epci=", {"commune": [BLANK], "epci": [BLANK]}),
        ("commune=42218&category=zzz&category=yyy",
         {"category": ["«\xa0zzz\xa0» n'est pas un choix valide."]}),
        ("epci=12&solution=a%20b",
         {"epci": ["SIREN d'EPCI sur 9 chiffres."], "solution": [SLUG_INVALID]}),
    ],
)  # fmt: skip
def test_the_funding_query_says_what_to_correct(query, errors):
    filterset = FundingMatchFilter(QueryDict(query))
    assert not filterset.is_valid()
    assert {name: list(messages) for name, messages in filterset.form.errors.items()} == errors


def test_the_funding_query_prefers_the_commune_and_reads_needs_once(territories):
    filterset = FundingMatchFilter(
        QueryDict("epci=244200770&commune=%2042218&category=securite&category=donnees"
                  "&category=securite")
    )  # fmt: skip
    assert filterset.is_valid()
    assert filterset.collectivite.code == "42218"
    assert filterset.categories == ["donnees", "securite"]
    with pytest.raises(Http404):
        FundingMatchFilter(QueryDict("commune=99999")).collectivite  # noqa: B018


def test_unknown_values_are_named_under_the_name_they_were_given():
    filterset = SolutionFilter(QueryDict("origine=zzz&origin=yyy&origin=incubateur&cout=x"))
    assert filterset.catalogue_filters.origin == ("incubateur",)
    assert filterset.unknown_values() == {
        "origin": "Valeur inconnue pour « origin » : yyy.",
        "origine": "Valeur inconnue pour « origine » : zzz.",
        "cout": "Valeur inconnue pour « cout » : x.",
    }
    # The form class is built once for every search, not at each request.
    assert type(SolutionFilter().form) is type(filterset.form)
