"""Sortable lists: the order read from the query string and the column headers."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from fabrique.core.filters import SortedListFilter
from fabrique.core.sorting import Sort, ordering
from fabrique.portfolio.models import Committee

KEYS = {"nom": "name", "date": ("date", "pk")}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", Sort("date", True)),  # nothing asked: the list's default
        ("?sort=inconnu&desc=on", Sort("date", True)),  # unknown column: the default
        ("?sort=nom", Sort("nom", False)),
        ("?sort=nom&desc=on", Sort("nom", True)),
        ("?sort=nom&desc=1", Sort("nom", True)),
        ("?sort=nom&desc=false", Sort("nom", False)),
        ("?sort=nom&desc=", Sort("nom", False)),
    ],
)
def test_the_order_is_read_by_a_filterset(query, expected):
    class ListFilter(SortedListFilter):
        model, sorts, default = Committee, KEYS, Sort("date", True)

    assert ListFilter(QueryDict(query.lstrip("?")) or None).chosen_sort() == expected


def test_ordering_puts_empty_values_last_both_ways():
    ascending = ordering(Sort("date"), KEYS)
    assert [(term.expression.name, term.descending, term.nulls_last) for term in ascending] == [
        ("date", False, True),
        ("pk", False, True),
    ]
    (descending,) = ordering(Sort("nom", True), KEYS)
    assert (descending.expression.name, descending.descending) == ("name", True)


def _header(query: str, sort: Sort | None, *args: str) -> str:
    template = Template('{% load sorting %}{% sort_header "Nom" "nom" ' + " ".join(args) + " %}")
    request = RequestFactory().get("/liste/" + query)
    return template.render(Context({"request": request, "sort": sort}))


def test_header_of_an_unsorted_column_sorts_it_ascending_and_keeps_the_filters():
    html = _header("?phase=construction&page=3&sort=date", Sort("date"))
    assert html.startswith('<th scope="col"><a ')  # no aria-sort
    assert 'href="?phase=construction&amp;sort=nom"' in html  # page dropped
    assert 'Nom<span class="fr-sr-only"> : trier par ordre croissant</span>' in html


def test_header_of_the_sorted_column_says_its_order_and_reverses_it():
    html = _header("?sort=nom", Sort("nom"))
    assert '<th scope="col" aria-sort="ascending">' in html
    assert 'href="?sort=nom&amp;desc=on"' in html and "trier par ordre décroissant" in html
    html = _header("?sort=nom&desc=on&export=csv", Sort("nom", True), '"liste"')
    assert '<th scope="col" aria-sort="descending">' in html
    assert 'href="?sort=nom#liste"' in html and "trier par ordre croissant" in html


def test_header_without_a_current_order():
    html = _header("", None)
    assert "aria-sort" not in html and 'href="?sort=nom"' in html
