"""The filters of the impact view of the portfolio (django-filter): same parameters, same
results, and unknown values dropped (a French page, never a 500)."""

from html import unescape

import pytest

from fabrique.accounts.models import Role
from fabrique.impact.filters import STATUS_CHOICES, ImpactPortfolioFilter
from fabrique.impact.vocabulary import Status

from .test_views import login, make_portfolio

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ("", "attention")),
        ({"statut": "hors-trajectoire"}, ("hors-trajectoire", "attention")),
        ({"statut": "sans-indicateur", "tri": "nom"}, ("sans-indicateur", "nom")),
        ({"statut": "n-importe-quoi", "tri": "nom"}, ("", "nom")),
        ({"statut": "sans-nouvelles", "tri": "<script>"}, ("sans-nouvelles", "attention")),
        ({"statut": "", "tri": ""}, ("", "attention")),
    ],
)
def test_the_filterset_keeps_what_it_knows(query, expected):
    assert ImpactPortfolioFilter(query).chosen() == expected


def test_the_filters_labels_and_choices_are_french():
    filters = ImpactPortfolioFilter({}).form.fields
    assert filters["statut"].label == "Statut des indicateurs"
    assert filters["tri"].label == "Trier"
    assert [value for value, _ in STATUS_CHOICES] == [*Status.values, "sans-indicateur"]
    assert dict(filters["tri"].choices) == {"attention": "À surveiller d'abord", "nom": "Par nom"}


def test_bad_values_show_the_whole_portfolio_in_the_default_order(client, users):
    make_portfolio(3)
    login(client, users, Role.INCUBATOR)
    default = client.get("/portefeuille/impact/")
    wrong = client.get("/portefeuille/impact/?statut=%C3%A9&tri=%00&page=x")
    assert wrong.status_code == 200
    assert [r.slug for r in wrong.context["board"].rows] == [
        r.slug for r in default.context["board"].rows
    ]
    assert wrong.context["status"] == "" and wrong.context["sort"] == "attention"
    assert "?statut=sans-indicateur&tri=attention" in unescape(wrong.content.decode())


def test_sorting_by_name(client, users):
    make_portfolio(3)
    login(client, users, Role.INCUBATOR)
    rows = client.get("/portefeuille/impact/?tri=nom").context["board"].rows
    names = [row.name.lower() for row in rows]
    assert names == sorted(names)
