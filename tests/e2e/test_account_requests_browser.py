"""« Demander un compte » in Chromium, from end to end: an anonymous person asks for an account
from the login page, the team accepts it from Mon espace, the new person chooses a password from
the e-mailed link, logs in and sees Mon espace. No serious accessibility violation (axe-core)
on the form, the queue and the request page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from fabrique.accounts.models import AccountRequest, Membership, Role, User
from tests.factories import TEST_PASSWORD, UserFactory

from .conftest import new_context_and_page
from .test_browser import BLOCKING_IMPACTS, format_violations

pytestmark = pytest.mark.browser

EMAIL = "camille.vernet@mairie-exemple.fr"
NEW_PASSWORD = "Choisi-par-Camille-2026"


def _no_blocking_violation(page, where: str) -> None:
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core sur {where}\n" + format_violations(blocking)


def _log_in(page, url, email, password):
    page.goto(f"{url}/connexion/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url(f"{url}/mon-espace/")


def test_request_accept_set_password_and_log_in(browser, page, live_server, live_territories):
    url = live_server.url
    team = UserFactory(email="equipe.e2e@exemple.gouv.fr", role=Role.INCUBATOR)

    # 1. Anonymous: from the login page to the form.
    page.goto(f"{url}/connexion/")
    page.get_by_role("link", name="Demander un compte").click()
    page.wait_for_url(f"{url}/compte/demande/")
    page.wait_for_function("() => window.dsfr !== undefined")
    _no_blocking_violation(page, "le formulaire de demande de compte")
    page.fill("input[name=first_name]", "Camille")
    page.fill("input[name=last_name]", "Vernet")
    page.fill("input[name=email]", EMAIL)
    page.locator("label", has_text="Agent·e ou élu·e d'une collectivité").click()
    page.fill("input[name=collectivite]", "Saint-Just-en-Chevalet")
    page.fill("input[name=position]", "Secrétaire de mairie")
    page.fill("textarea[name=message]", "Pour demander un accompagnement sur-mesure.")
    page.locator("label[for=id_consent]").click()  # the DSFR box is drawn by its label
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_url(f"{url}/compte/demande/envoyee/")
    assert "Votre demande de compte est envoyée" in page.locator(".fr-alert--success").inner_text()
    item = AccountRequest.objects.get(email=EMAIL)
    assert item.commune.insee == "42248"
    assert [message.to for message in mail.outbox] == [[EMAIL]]

    # 2. The team: Mon espace → the queue → the request → accept as an agent.
    team_context, team_page = new_context_and_page(browser)
    try:
        _log_in(team_page, url, team.email, TEST_PASSWORD)
        team_page.get_by_role("link", name=re.compile("Demandes? de compte à examiner")).click()
        team_page.wait_for_url(re.compile(r"/mon-espace/demandes-de-compte/"))
        team_page.wait_for_function("() => window.dsfr !== undefined")
        _no_blocking_violation(team_page, "la file des demandes de compte")
        team_page.get_by_role("link", name="Camille Vernet").click()
        team_page.wait_for_url(f"{url}/mon-espace/demandes-de-compte/{item.pk}/")
        team_page.wait_for_function("() => window.dsfr !== undefined")
        _no_blocking_violation(team_page, "une demande de compte")
        team_page.select_option("select[name=role]", Role.AGENT.value)
        team_page.get_by_role("button", name="Accepter et créer le compte").click()
        team_page.wait_for_selector(".fr-alert--success")
        assert "Demande acceptée" in team_page.locator(".fr-alert--success").inner_text()
    finally:
        team_context.close()
    user = User.objects.get(email=EMAIL)
    assert Membership.objects.filter(user=user, commune__insee="42248").exists()

    # 3. The new person: the link of the e-mail, a password, then login and Mon espace.
    body = mail.outbox[-1].body
    link = re.search(r"https?://\S+/mot-de-passe/nouveau/\S+/", body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.goto(f"{url}{path}")
    assert page.locator("h1").inner_text() == "Nouveau mot de passe"
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    page.wait_for_url(f"{url}/mot-de-passe/change/")
    _log_in(page, url, EMAIL, NEW_PASSWORD)
    assert page.locator("h1").inner_text() == "Mon espace"
    assert "Saint-Just-en-Chevalet" in page.locator("main").inner_text()
