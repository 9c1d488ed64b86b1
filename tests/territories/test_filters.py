"""The territories' FilterSets: `eligible` is one boolean given once, `departement` a code."""

import pytest
from django.http import QueryDict

from fabrique.territories.filters import (
    NOT_A_BOOLEAN,
    ONE_BOOLEAN,
    CommuneFilter,
    EPCIFilter,
    TerritorySearchFilter,
)
from fabrique.territories.selectors import communes_list, epcis_list

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "eligible"),
    [("eligible=true", True), ("eligible=True", True), ("eligible=1", True),
     ("eligible=no", False), ("eligible=FALSE", False), ("", None)],
)  # fmt: skip
def test_eligible_reads_the_usual_spellings_of_a_boolean(query, eligible):
    filterset = CommuneFilter(QueryDict(query), queryset=communes_list())
    assert filterset.is_valid()
    assert filterset.form.cleaned_data["eligible"] is eligible


@pytest.mark.parametrize(
    ("query", "message"),
    [("eligible=null", ONE_BOOLEAN), ("eligible=", ONE_BOOLEAN),
     ("eligible=true&eligible=false", ONE_BOOLEAN), ("eligible=peut-%C3%AAtre", NOT_A_BOOLEAN),
     ("eligible=true&eligible=AAA", NOT_A_BOOLEAN)],
)  # fmt: skip
def test_eligible_refuses_anything_but_one_boolean(query, message):
    filterset = EPCIFilter(QueryDict(query), queryset=epcis_list())
    assert not filterset.is_valid()
    assert filterset.form.errors["eligible"] == [message]


def test_the_filters_give_what_the_selectors_give(territories):
    for query, expected in [
        ("eligible=true&departement=42", communes_list(eligible=True, departement="42")),
        ("eligible=false&departement=2a", communes_list(eligible=False, departement="2a")),
    ]:
        assert list(CommuneFilter(QueryDict(query), queryset=communes_list()).qs) == list(expected)
    epcis = EPCIFilter(QueryDict("departement=42&eligible=false"), queryset=epcis_list()).qs
    assert list(epcis) == list(epcis_list(departement="42", eligible=False))


def test_the_search_of_a_territory_reads_q_cut_and_trimmed(territories):
    search = TerritorySearchFilter(QueryDict("q=%20st%20etienne%20"))
    assert search.query == "st etienne"
    assert search.hits(3)[0].code == "42218"
    assert TerritorySearchFilter(QueryDict("q=%20%20")).hits(3) == []
    assert len(TerritorySearchFilter(QueryDict("q=" + "a" * 300)).query) == 200
