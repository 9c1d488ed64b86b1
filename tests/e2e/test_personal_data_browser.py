"""« Mes données » in Chromium: reached from the account menu, download, erasure request with
its success message, no serious accessibility violation (axe-core)."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from fabrique.accounts.models import DeletionRequest, Role
from tests.factories import TEST_PASSWORD, UserFactory

from .test_browser import BLOCKING_IMPACTS, format_violations

pytestmark = pytest.mark.browser


def test_personal_data_page(page, live_server, transactional_db):
    user = UserFactory(email="donnees.e2e@exemple.gouv.fr", role=Role.AGENT)
    page.goto(f"{live_server.url}/connexion/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url(f"{live_server.url}/mon-espace/")
    page.wait_for_function("() => window.dsfr !== undefined")

    page.locator(".fr-header__tools").get_by_role("link", name="Mes données").click()
    page.wait_for_url(f"{live_server.url}/mon-espace/donnees/")
    assert page.locator("h1").inner_text() == "Mes données personnelles"
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe-core sur Mes données\n" + format_violations(blocking)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["compte"]["adresse_electronique"] == user.email

    page.locator("label[for=id_confirm]").click()  # the DSFR box is drawn by its label
    page.get_by_role("button", name="Demander l'effacement").click()
    page.wait_for_selector(".fr-alert--success")
    assert (
        "Votre demande d'effacement est enregistrée"
        in page.locator(".fr-alert--success").inner_text()
    )
    assert DeletionRequest.objects.filter(user=user).count() == 1
