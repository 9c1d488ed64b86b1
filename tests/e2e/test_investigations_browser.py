"""The programme's main journey in Chromium: an agent submits a problem and sees what exists
already, the team scores and selects it, a coach runs the five phases, and a go committee opens
a portfolio project in construction."""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from fabrique.accounts.models import Membership, Role
from fabrique.investigations.models import Call, Investigation, Problem
from fabrique.territories.models import Commune
from tests.catalogue.factories import SolutionFactory
from tests.factories import TEST_PASSWORD, UserFactory
from tests.investigations.factories import ProblemFactory
from tests.portfolio.factories import ProjectFactory

from .conftest import new_context_and_page
from .test_browser import BLOCKING_IMPACTS, format_violations

pytestmark = pytest.mark.browser

ARTEFACTS = {
    1: {"figures": "300 appels par rentrée", "sources": "Mairie", "statement": "Fiches perdues"},
    2: {"interviews": "12 familles en mars", "user_needs": "S'inscrire sans se déplacer"},
    3: {"ideas": "Formulaire, portail", "chosen_idea": "Formulaire en ligne"},
    4: {"tests": "20 familles", "results": "18 inscriptions sans appel"},
    5: {"impact_hypothesis": "Moins d'appels", "indicators": "Appels évités"},
}


def audit(page, where):
    page.wait_for_function("() => window.dsfr !== undefined")
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core sur {where}\n" + format_violations(blocking)


def log_in(browser, live_server, user):
    _, page = new_context_and_page(browser)
    page.goto(f"{live_server.url}/connexion/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url(f"{live_server.url}/mon-espace/")
    return page


def save(page, label="Enregistrer"):
    page.click(f"form[method=post] button[type=submit]:has-text('{label}')")


@pytest.fixture
def people(live_territories):
    agent = UserFactory(email="agent.inv@exemple.gouv.fr", role=Role.AGENT)
    Membership.objects.create(user=agent, commune=Commune.objects.get(insee="42248"))
    team = UserFactory(email="equipe.inv@exemple.gouv.fr", role=Role.INCUBATOR)
    coach = UserFactory(email="coach.inv@exemple.gouv.fr", role=Role.COACH, last_name="Coach")
    call = Call.objects.create(
        title="Appel rural",
        opens_on=date.today() - timedelta(days=5),
        closes_on=date.today() + timedelta(days=5),
        funded_count=1,
    )
    return agent, team, coach, call


def test_problem_to_project_in_construction(browser, live_server, people):
    agent, team, coach, call = people
    # What exists already: « déjà vu ailleurs » must show it to the agent, with the reason.
    ProjectFactory(name="Cantine facile", mission="Inscription en ligne à la cantine scolaire")
    SolutionFactory(name="Portail famille", summary="Inscriptions à la cantine et au périscolaire")

    page = log_in(browser, live_server, agent)
    page.goto(f"{live_server.url}/problemes/deposer/?appel={call.pk}")
    page.fill("input[name=title]", "Inscriptions à la cantine perdues")
    page.fill("textarea[name=statement]", "Les familles perdent les fiches de cantine.")
    page.click("label[for=id_collectivites_0]")
    page.click("button[name=verifier]")
    seen = page.locator("section[aria-labelledby=deja-vu]")
    expect(seen.get_by_role("link", name="Cantine facile")).to_be_visible()
    expect(seen.get_by_role("link", name="Portail famille")).to_be_visible()
    reason = re.compile(r"en commun : .*cantine")
    expect(seen.locator("li", has_text="Cantine facile")).to_contain_text(reason)
    audit(page, "le dépôt d'un problème")
    save(page, "Envoyer")  # « Envoyer quand même »: something similar was found
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscriptions à la cantine perdues")
    expect(page.locator(".fr-alert--success")).to_contain_text("déposé")
    problem = Problem.objects.get()
    audit(page, "la page d'un problème")

    Call.objects.filter(pk=call.pk).update(
        opens_on=date.today() - timedelta(days=30), closes_on=date.today() - timedelta(days=1)
    )
    page = log_in(browser, live_server, team)
    page.goto(f"{live_server.url}/problemes/{problem.pk}/noter/")
    for name in ("realite", "collectivites", "engagement", "reutilisation", "diversite"):
        page.fill(f"input[name=score_{name}]", "4")
    save(page)
    expect(page.locator(".fr-alert--success").first).to_contain_text("Notation enregistrée")
    page.goto(f"{live_server.url}/problemes/{problem.pk}/decision/")
    page.click("label[for=id_selected_0]")
    page.fill("textarea[name=reason]", "Problème partagé par d'autres communes.")
    save(page)
    expect(page.locator(".fr-alert--success").first).to_contain_text("Décision enregistrée")
    page.get_by_role("link", name="Lancer l'investigation").click()
    page.select_option("select[name=coach]", str(coach.pk))
    page.fill("input[name=start]", (date.today() - timedelta(weeks=10)).isoformat())
    save(page)
    investigation = Investigation.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(problem.title)
    audit(page, "la page d'une investigation")

    page = log_in(browser, live_server, coach)
    base = f"{live_server.url}/investigations/{investigation.pk}"
    for step, fields in ARTEFACTS.items():
        page.goto(f"{base}/phases/{step}/")
        for name, value in fields.items():
            page.fill(f"textarea[name={name}]", value)
        if step == 5:
            page.select_option("select[name=exit_route]", "nouveau-service")
        save(page)
        page.goto(f"{base}/phases/{step}/clore/")
        page.fill("textarea[name=summary]", f"Phase {step} terminée.")
        save(page)
        expect(page.locator(f"#phase-{step}")).to_contain_text("Close le")
    expect(page.locator(".fr-text--lead")).to_contain_text("en attente du comité")
    page.goto(f"{live_server.url}/investigations/les-miennes/")
    audit(page, "la vue du coach")

    page = log_in(browser, live_server, team)
    page.goto(f"{base}/go-no-go/")
    page.click("label[for=id_decision_0]")
    page.fill("input[name=project_name]", "Cantine en ligne")
    save(page)
    expect(page.locator(".fr-alert--success").first).to_contain_text("Décision du comité")
    # The project is linked as the outcome, and may also show in « déjà vu ailleurs ».
    page.get_by_role("link", name="Cantine en ligne").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cantine en ligne")
    expect(page.get_by_role("main")).to_contain_text("Construction")
    page.goto(f"{live_server.url}/projets/")
    row = page.locator("table tr", has=page.get_by_role("link", name="Cantine en ligne"))
    expect(row).to_contain_text("Construction")
    page.goto(f"{live_server.url}/investigations/")
    expect(page.locator("table").first).to_contain_text("Go")
    audit(page, "la liste de l'équipe")


def test_breadcrumb_leads_back_from_a_delete_confirmation(browser, live_server, people):
    _, team, _, call = people
    commune = Commune.objects.get(insee="42248")
    problem = ProblemFactory(call=call, title="Voirie abîmée", communes=[commune])
    page = log_in(browser, live_server, team)
    page.goto(f"{live_server.url}/problemes/{problem.pk}/supprimer/")
    trail = page.locator("nav.fr-breadcrumb")
    expect(trail.locator("[aria-current=page]")).to_have_text("Supprimer")
    audit(page, "la confirmation de suppression d'un problème")
    trail.get_by_role("link", name="Voirie abîmée").click()
    page.wait_for_url(f"{live_server.url}/problemes/{problem.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voirie abîmée")
    page.locator("nav.fr-breadcrumb").get_by_role("link", name="Problèmes").click()
    page.wait_for_url(f"{live_server.url}/problemes/")
    assert Problem.objects.filter(pk=problem.pk).exists()
