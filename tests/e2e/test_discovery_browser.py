"""Discovery of a collectivité in Chromium: the agent answers the « état des lieux », the
consultant computes the pre-diagnostic, records people met, an interview, a tool and a
training; axe-core on each new page."""

from datetime import date

import pytest

from fabrique.accounts.models import Membership, Role
from fabrique.diagnostics import services
from fabrique.diagnostics.models import Interview, Tool, Training
from tests.factories import CommuneFactory, UserFactory

from .test_impact_browser import assert_no_serious_violation, log_in

pytestmark = pytest.mark.browser


def test_discovery_before_and_during_the_visit(page, live_server, transactional_db):
    commune = CommuneFactory(insee="42248", name="Saint-Just-en-Chevalet", population=1141,
                             email="mairie@gmail.com")  # fmt: skip
    agent = UserFactory(email="agent.e2e@exemple.gouv.fr", role=Role.AGENT)
    Membership.objects.create(user=agent, commune=commune)
    coach = UserFactory(email="coach.e2e@exemple.gouv.fr", role=Role.COACH)
    mission = services.mission_request(collectivite=commune, hopes="Un site internet")
    services.mission_accept(mission=mission, consultant=coach, start=date.today())
    url = f"{live_server.url}{mission.get_absolute_url()}"

    log_in(page, live_server, agent)
    page.goto(url)
    page.click("text=Répondre au questionnaire")
    assert_no_serious_violation(page)
    # The question asked only after « oui » shows with « oui », hides again with « non ».
    outil = page.locator("textarea[name=site_outil]")
    assert not outil.is_visible()
    page.select_option("select[name=site]", "oui")
    assert outil.is_visible()
    outil.fill("Prestataire X")
    page.select_option("select[name=site]", "non")
    assert not outil.is_visible()
    page.select_option("select[name=sauvegarde]", "non")
    page.fill("textarea[name=logiciels]", "Logiciel d'état civil")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector("text=Réponses enregistrées")
    # What was typed in it is not kept, and the agent is told so.
    page.wait_for_selector("text=n'a pas été gardée")
    page.wait_for_selector("text=Sauvegarde des données de la collectivité")
    assert_no_serious_violation(page)
    page.context.clear_cookies()

    log_in(page, live_server, coach)
    page.goto(url)
    page.click("button:has-text('Calculer le pré-diagnostic')")
    page.wait_for_selector("text=Pré-diagnostic recalculé")
    page.wait_for_selector("text=fournisseur grand public")
    assert_no_serious_violation(page)
    page.click("text=Ajouter une personne")
    assert_no_serious_violation(page)
    page.select_option("select[name=role]", "elu")
    page.fill("input[name=service]", "Conseil municipal")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector("text=Personne ajoutée")
    page.click("text=Ajouter un entretien ou un atelier")
    assert_no_serious_violation(page)
    page.fill("input[name=day]", date.today().isoformat())
    page.click("label[for=id_people_0]")
    page.fill("textarea[name=notes]", "Le maire veut **un site**.")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector("text=Entretien enregistré")
    assert Interview.objects.get().notes_html == "<p>Le maire veut <strong>un site</strong>.</p>"
    page.click("text=Ajouter un outil")
    assert_no_serious_violation(page)
    page.fill("input[name=name]", "Messagerie grand public")
    page.select_option("select[name=kind]", "messagerie")
    page.select_option("select[name=satisfaction]", "1")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector("text=Outil ajouté à l'inventaire")
    page.click("text=Ajouter une formation")
    assert_no_serious_violation(page)
    page.fill("input[name=day]", date.today().isoformat())
    page.fill("input[name=audience]", "Élu·es")
    page.fill("input[name=attendance]", "5")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector("text=Formation enregistrée")
    assert_no_serious_violation(page)
    assert Tool.objects.filter(mission=mission).count() == 2
    assert Training.objects.get().attendance == 5
    page.click(f"a[href='/sur-mesure/formations/{Training.objects.get().pk}/supprimer/']")
    assert_no_serious_violation(page)
    page.click("button:has-text('Supprimer')")
    page.wait_for_selector("text=Aucune formation pour l'instant")
    assert not Training.objects.exists()
