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

    page.click("nav button:has-text('Pilotage')")
    page.click("nav a:has-text('Synergies')")
    page.wait_for_url(f"{live_server.url}/synergies/")
    # By default the incubator's own items; the Fonds vert works are one checkbox away.
    assert page.locator("section.synergy-group").count() == 0
    page.click("label[for=filter-kind-initiative]")  # DSFR: the label covers the box
    page.click("button:has-text('Filtrer')")
    page.wait_for_url("**/synergies/?*kind=initiative*")
    filtered = page.url
    group = page.locator("section.synergy-group").filter(has_text="covoiturage").first
    assert "Pourquoi" in group.locator(".synergy-explanation").inner_text()
    assert "aire de covoiturage" in group.locator(".synergy-explanation").inner_text().lower()
    pair = group.locator("tr.synergy-pair").first
    key = pair.get_attribute("data-pair")

    pair.locator("button:has-text('Écarter')").click()
    page.wait_for_url(filtered)
    assert "ne sera plus proposée" in page.content()
    assert page.locator(f'tr.synergy-pair[data-pair="{key}"]').count() == 0


def test_similar_elsewhere_on_a_project_page_is_accessible_and_decided_on(
    page, live_server, live_territories
):
    """The public sees « Similaires ailleurs » without buttons; the team dismisses an item from
    the project page and comes back to the section. No serious axe-core violation either way."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.portfolio.factories import ProjectFactory

    from .test_browser import BLOCKING_IMPACTS, format_violations

    import_initiatives(INITIATIVES_CSV, source="Fonds vert (test)", year=2023)
    project = ProjectFactory(
        name="Cours d'école végétalisées",
        slug="cours-ecole",
        mission="Accompagner la végétalisation et la désimperméabilisation des cours d'école",
    )
    recompute()
    url = f"{live_server.url}{project.get_absolute_url()}"

    def check_axe(who):
        page.wait_for_function("() => window.dsfr !== undefined")
        results = Axe().run(page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"axe-core, page projet ({who})\n" + format_violations(blocking)

    page.goto(url, wait_until="load")
    section = page.locator("#similaires-ailleurs")
    assert section.locator("li.synergy-similar").count() >= 1
    assert section.locator("button").count() == 0
    check_axe("public")

    staff = UserFactory(email="synergies.projet.e2e@exemple.gouv.fr", role=Role.INCUBATOR)
    page.goto(f"{live_server.url}/connexion/")
    page.fill("input[name=username]", staff.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url(f"{live_server.url}/mon-espace/")
    page.goto(url, wait_until="load")
    check_axe("équipe incubateur")
    item = page.locator("#similaires-ailleurs li.synergy-similar").first
    key = item.get_attribute("data-pair")
    name = item.locator("span[id]").first  # the item's title, which describes its buttons
    dismiss = item.get_by_role("button", name="Écarter")
    assert dismiss.get_attribute("aria-describedby") == name.get_attribute("id")
    assert name.inner_text().strip()
    dismiss.click()
    page.wait_for_url(f"{url}#similaires-ailleurs")
    assert "ne sera plus proposée" in page.content()
    assert page.locator(f'li.synergy-similar[data-pair="{key}"]').count() == 0
