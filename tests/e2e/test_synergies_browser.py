"""The incubator team's Synergies page in Chromium: a group, its explanation, a dismissal."""

import pytest

from fabrique.accounts.models import Role
from fabrique.synergies.importers import import_initiatives
from fabrique.synergies.services import recompute
from tests.factories import TEST_PASSWORD, UserFactory
from tests.synergies.django_fixtures import INITIATIVES_CSV

pytestmark = pytest.mark.browser


def test_staff_sees_a_group_and_dismisses_a_pair(page, live_server, live_territories):
    import_initiatives(INITIATIVES_CSV, source="Fonds vert (test)", year=2023)
    recompute()
    staff = UserFactory(email="synergies.e2e@exemple.gouv.fr", role=Role.INCUBATOR)

    page.goto(f"{live_server.url}/connexion/")
    page.fill("input[name=username]", staff.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url(f"{live_server.url}/mon-espace/")

    page.click("nav a:has-text('Synergies')")
    page.wait_for_url(f"{live_server.url}/synergies/")
    group = page.locator("section.synergy-group").filter(has_text="covoiturage").first
    assert "Pourquoi" in group.locator(".synergy-explanation").inner_text()
    assert "aire de covoiturage" in group.locator(".synergy-explanation").inner_text().lower()
    pair = group.locator("tr.synergy-pair").first
    key = pair.get_attribute("data-pair")

    pair.locator("button:has-text('Écarter')").click()
    page.wait_for_url(f"{live_server.url}/synergies/")
    assert "ne sera plus proposée" in page.content()
    assert page.locator(f'tr.synergy-pair[data-pair="{key}"]').count() == 0
