"""The catalogue's FilterSets read the query strings the pages and the API have always read."""

import pytest
from django.http import QueryDict

from fabrique.catalogue.filters import OperatorAPIFilter, OperatorFilter, SolutionFilter
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
