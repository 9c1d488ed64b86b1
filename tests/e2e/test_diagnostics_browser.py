"""Accompagnement sur-mesure in Chromium: an agent files a request for their commune, the team
accepts it, the consultant logs days, ranks needs, compares and recommends a solution, keeps
its funding and produces the final deliverable; axe-core
on each page."""

import pytest

from fabrique.accounts.models import Membership, Role
from fabrique.diagnostics.models import Mission
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.catalogue.factories import FundingSchemeFactory, SolutionFactory
from tests.factories import CommuneFactory, UserFactory

from .test_impact_browser import assert_no_serious_violation, log_in

pytestmark = pytest.mark.browser


def test_a_mission_from_request_to_final_deliverable(page, live_server, transactional_db):
    commune = CommuneFactory(insee="42248", name="Saint-Just-en-Chevalet", population=1141)
    agent = UserFactory(email="agent.e2e@exemple.gouv.fr", role=Role.AGENT)
    Membership.objects.create(user=agent, commune=commune)
    team = UserFactory(email="equipe.e2e@exemple.gouv.fr", role=Role.INCUBATOR)
    coach = UserFactory(email="coach.e2e@exemple.gouv.fr", role=Role.COACH, first_name="Sacha")
    solution = SolutionFactory(name="Site communal libre")
    FundingSchemeFactory(name="Aide au site communal")

    log_in(page, live_server, agent)
    page.goto(f"{live_server.url}/sur-mesure/demande/")
    assert_no_serious_violation(page)
    # An agent chooses among their collectivités (a list), not by typing a code.
    page.select_option("select[name=collectivite]", label="Saint-Just-en-Chevalet (42248)")
    page.fill("textarea[name=hopes]", "Un site internet à jour pour la mairie.")
    page.click("button:has-text('Envoyer ma demande')")
    page.wait_for_selector("text=Saint-Just-en-Chevalet est éligible")
    assert_no_serious_violation(page)
    mission = Mission.objects.get()
    page.context.clear_cookies()

    log_in(page, live_server, team)
    page.goto(f"{live_server.url}{mission.get_absolute_url()}")
    page.select_option("select[name=consultant]", str(coach.pk))
    page.click("button:has-text('Accepter')")
    page.wait_for_selector("text=Demande acceptée")
    page.context.clear_cookies()

    log_in(page, live_server, coach)
    page.goto(f"{live_server.url}{mission.get_absolute_url()}")
    mission.refresh_from_db()
    page.fill("input[name=day]", mission.start.isoformat())
    page.select_option("select[name=half_days]", "2")
    page.click("button:has-text('Saisir le temps')")
    page.wait_for_selector("text=Temps enregistré")
    page.click("text=Ajouter un besoin")
    page.fill("input[name=title]", "Site internet de la mairie")
    page.select_option("select[name=theme]", "site-internet")
    page.select_option("select[name=score_importance]", "3")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector("text=Besoin ajouté au classement")
    assert_no_serious_violation(page)
    # Benchmark: a catalogue solution recommended, its funding kept.
    page.click("text=Comparer une solution pour ce besoin")
    assert_no_serious_violation(page)
    page.select_option("select[name=solution]", str(solution.pk))
    for field in ("technical", "economic", "human"):
        page.select_option(f"select[name={field}]", "3")
    page.click("label[for=id_recommended]")
    page.fill("textarea[name=choice_criteria]", "Gratuit et opéré par l'OPSN")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector("text=Solution ajoutée au benchmark")
    page.click("a:has-text('Financements et partenaires')")
    assert_no_serious_violation(page)
    row = page.locator("tr", has_text="Aide au site communal")
    row.locator("button:has-text('Enregistrer')").click()
    page.wait_for_selector("text=« Aide au site communal » retenu")
    page.click("text=Retour à la mission")
    # The recommendation card keeps to its content (a DSFR card alone in the page's column
    # used to stretch to the column's full height, pushing the rest below the footer).
    card = page.locator(".fr-card", has_text="Gratuit et opéré par l'OPSN")
    assert card.bounding_box()["height"] < 600
    page.click("button:has-text('Produire le rapport')")
    page.wait_for_selector("text=Livrable produit : version 1")
    with page.expect_download() as download:
        page.click("a:has-text('PDF')")
    assert download.value.path().read_bytes().startswith(b"%PDF-")
    page.click("button:has-text('Marquer comme finale')")
    page.wait_for_selector("text=la mission est livrée")
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DELIVERED
