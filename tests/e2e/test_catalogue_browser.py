"""The consultant's path in Chromium: search the catalogue, open a solution, and list the funding
a small commune (Saint-Just-en-Chevalet, 1 141 inhabitants) can obtain for it, with the reasons."""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from fabrique.catalogue import services
from fabrique.territories.models import Commune, Departement
from tests.catalogue.factories import FundingSchemeFactory, OperatorFactory, SolutionFactory

from .conftest import normalise_spaces
from .test_browser import BLOCKING_IMPACTS, assert_dsfr_css_applied, format_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(live_territories):
    loire = Departement.objects.filter(code="42")
    solution = SolutionFactory(
        name="Actes d'état civil en ligne", slug="actes-etat-civil", origin="incubateur",
        categories=["relation-usagers", "gestion-interne"], licence="AGPL-3.0-or-later",
        summary="Demander un acte de naissance ou de mariage sans se déplacer.",
    )  # fmt: skip
    SolutionFactory(name="Cartographie communale", categories=["amenagement-cartographie"])
    for insee in ("42248", "42282", "35288"):
        services.solution_use_add(solution=solution, territory=Commune.objects.get(insee=insee))
    OperatorFactory(name="SITIV", departements=loire, solutions=[solution])
    FundingSchemeFactory(
        name="Loire : numérique des communes rurales", population_max=3500, departements=loire,
        deadline=date.today() + timedelta(days=60),
        funders="Conseil départemental de la Loire",
    )  # fmt: skip
    FundingSchemeFactory(name="Ingénierie des villes moyennes", population_min=10_000)
    FundingSchemeFactory(name="France Relance (clos)", is_closed=True)
    FundingSchemeFactory(name="Fonds pour l'aménagement", themes=["amenagement"])
    return solution


def audit(page, where):
    page.wait_for_function("() => window.dsfr !== undefined")
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core sur {where}\n" + format_violations(blocking)


def test_search_open_a_solution_and_list_the_funding_of_a_small_commune(
    page, live_server, catalogue
):
    page.goto(f"{live_server.url}/catalogue/")
    assert_dsfr_css_applied(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue des solutions")

    # Typed without accents: htmx swaps the results and the facets in place.
    page.locator("#catalogue-search-input").press_sequentially("etat civil", delay=20)
    results = page.locator("#catalogue-results")
    expect(results.locator("#catalogue-count")).to_contain_text("1 solution")
    expect(page).to_have_url(re.compile(r"/catalogue/\?q=etat(\+|%20)civil"))
    expect(results.locator("table tbody tr")).to_have_count(1)
    facet = results.get_by_role("link", name=re.compile(r"^Gestion interne \(1\)"))
    expect(facet).to_be_visible()
    audit(page, "la recherche du catalogue")

    # A facet narrows the list; the selected tag says so.
    facet.click()
    expect(page).to_have_url(re.compile(r"categorie=gestion-interne"))
    expect(page.locator("a.fr-tag[aria-current='true']")).to_contain_text("Gestion interne")

    page.get_by_role("link", name="Actes d'état civil en ligne").click()
    expect(page).to_have_url(f"{live_server.url}/catalogue/solutions/actes-etat-civil/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Actes d'état civil en ligne")
    expect(page.locator("#solution-licence")).to_have_text("AGPL-3.0-or-later")
    users = page.locator("#users-by-departement")
    expect(users).to_contain_text("Loire (42)")
    expect(users).to_contain_text("Saint-Just-en-Chevalet")
    expect(page.get_by_role("main")).to_contain_text("SITIV")
    audit(page, "la page de la solution")

    # The funding a small commune can obtain for this solution, and why.
    form = page.locator("#funding-match-form")
    form.get_by_label("Votre collectivité").fill("Saint-Just-en-Chevalet")
    form.get_by_role("button", name="Voir les financements").click()

    expect(page).to_have_url(re.compile(r"/catalogue/financements/\?.*solution=actes-etat-civil"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Financements que Saint-Just-en-Chevalet peut obtenir"
    )
    context = normalise_spaces(page.locator("#funding-context").inner_text())
    assert "population 1 141" in context and "Actes d'état civil en ligne" in context
    cards = page.locator("#funding-results > li")
    expect(cards).to_have_count(1)
    card = cards.first
    expect(card.get_by_role("heading")).to_have_text("Loire : numérique des communes rurales")
    reasons = [
        normalise_spaces(text) for text in card.locator(".funding-reasons li").all_inner_texts()
    ]
    assert reasons[:4] == [
        "ouvert aux communes",
        "population 1 141 ≤ 3 500",
        "thème : numérique",
        "périmètre : Loire (42)",
    ], reasons
    main = page.get_by_role("main")
    expect(main).not_to_contain_text("France Relance (clos)")
    expect(main).not_to_contain_text("Ingénierie des villes moyennes")
    expect(main).not_to_contain_text("Fonds pour l'aménagement")  # another need
    audit(page, "la liste des financements")

    # The commune page shows its public digital operator.
    page.goto(f"{live_server.url}/territoires/communes/42248/")
    expect(page.locator("#catalogue-commune")).to_contain_text("SITIV")
