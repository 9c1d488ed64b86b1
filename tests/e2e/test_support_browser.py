"""The support offer in Chromium: a porteur registers to a session, the trainer takes attendance,
the porteur answers the satisfaction form; the team orders, receives and attests an expert
module, which then shows in the project's budget. axe-core on each main page."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from fabrique.accounts.models import Role
from fabrique.support.models import Registration, Session
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory
from tests.support.factories import (
    ExpertModuleFactory,
    KnowledgePageFactory,
    SessionFactory,
    SupplierFactory,
)

from .conftest import normalise_spaces
from .test_browser import BLOCKING_IMPACTS, format_violations
from .test_portfolio_browser import log_in

pytestmark = pytest.mark.browser


def audit(page, where):
    page.wait_for_function("() => window.dsfr !== undefined")
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core sur {where}\n" + format_violations(blocking)


@pytest.fixture
def cast(transactional_db):
    trainer = UserFactory(email="coach.e2e@exemple.gouv.fr", role=Role.COACH)
    porteur = UserFactory(email="porteur.e2e@exemple.gouv.fr", role=Role.SERVICE_OWNER)
    team = UserFactory(email="equipe.e2e@exemple.gouv.fr", role=Role.INCUBATOR)
    project = ProjectFactory(name="Cantine en ligne", slug="cantine-en-ligne")
    TeamMemberFactory(project=project, user=porteur)
    session = SessionFactory(trainer=trainer, format__title="Atelier : mesurer son impact")
    module = ExpertModuleFactory(project=project, status="devis", supplier=SupplierFactory())
    return {"trainer": trainer, "porteur": porteur, "team": team, "session": session,
            "module": module, "project": project}  # fmt: skip


def test_session_journey_and_expert_module_in_budget(page, live_server, cast):
    session = cast["session"]
    page.goto(f"{live_server.url}/accompagnement/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offre d'accompagnement")
    audit(page, "l'offre publique")

    log_in(page, live_server, cast["porteur"])
    page.goto(f"{live_server.url}/accompagnement/sessions/{session.pk}/")
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.locator("main")).to_contain_text("Vous êtes inscrit·e")
    audit(page, "la page de session")

    # The session takes place.
    now = timezone.now()
    Session.objects.filter(pk=session.pk).update(
        start=now - timedelta(hours=3), end=now - timedelta(hours=1)
    )
    page.context.clear_cookies()
    log_in(page, live_server, cast["trainer"])
    page.goto(f"{live_server.url}/accompagnement/sessions/{session.pk}/")
    page.get_by_label(re.compile(str(cast["porteur"]))).check(force=True)
    page.get_by_role("button", name="Enregistrer la présence").click()
    expect(page.locator("main")).to_contain_text("Présence enregistrée")

    page.context.clear_cookies()
    log_in(page, live_server, cast["porteur"])
    page.goto(f"{live_server.url}/accompagnement/mes-inscriptions/")
    page.get_by_role("link", name="Donner mon avis").click()
    page.locator("input[name=score][value='5']").check(force=True)
    page.get_by_label("Commentaire").fill("Très utile")
    page.click("form[method=post] button[type=submit]:has-text('Enregistrer')")
    expect(page.locator("main")).to_contain_text("Avis donné : 5 / 5")
    assert Registration.objects.get(user=cast["porteur"]).score == 5

    module = cast["module"]
    page.context.clear_cookies()
    log_in(page, live_server, cast["team"])
    page.goto(f"{live_server.url}/accompagnement/modules/{module.pk}/")
    audit(page, "la page d'un module")
    page.get_by_role("link", name="Enregistrer la commande").click()
    expect(page.locator("main")).to_contain_text("Une collectivité ne peut pas commander")
    page.fill("input[name=order_reference]", "BC-42")
    page.fill("input[name=amount_excl_vat]", "2500")
    page.fill("input[name=amount_incl_vat]", "3000")
    page.fill("input[name=days]", "3")
    page.fill("input[name=ordered_on]", "2026-01-05")
    page.fill("input[name=due_on]", "2026-03-05")
    page.click("form[method=post] button[type=submit]:has-text('Enregistrer')")
    page.get_by_role("button", name="Démarrer la prestation").click()
    page.get_by_role("button", name="Enregistrer la livraison").click()
    page.get_by_role("link", name="Attester le service fait").click()
    page.click("form[method=post] button[type=submit]:has-text('Enregistrer')")
    expect(page.locator("main")).to_contain_text("inscrit au budget du projet")

    page.goto(f"{live_server.url}/projets/{cast['project'].slug}/")
    budget = normalise_spaces(page.locator("#budget + p").inner_text())
    assert "dépensé : 3 000 €" in budget


def test_breadcrumb_on_a_form_page_opens_on_a_phone_and_leads_back(page, live_server, cast):
    knowledge = KnowledgePageFactory(title="Mesurer son impact", slug="mesurer-son-impact")
    log_in(page, live_server, cast["team"])
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/connaissances/{knowledge.slug}/modifier/")
    audit(page, "le formulaire d'une page de connaissances, sur téléphone")
    trail = page.locator("nav.fr-breadcrumb")
    back = trail.get_by_role("link", name="Mesurer son impact")
    expect(back).to_be_hidden()  # folded behind its button on a narrow screen
    trail.locator("button.fr-breadcrumb__button").click()
    expect(back).to_be_visible()
    back.click()
    page.wait_for_url(f"{live_server.url}/connaissances/{knowledge.slug}/")
    page.locator("nav.fr-breadcrumb button.fr-breadcrumb__button").click()
    page.locator("nav.fr-breadcrumb").get_by_role("link", name="Accompagnement").click()
    page.wait_for_url(f"{live_server.url}/accompagnement/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offre d'accompagnement")
