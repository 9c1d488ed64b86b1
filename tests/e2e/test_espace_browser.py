"""« Mon espace » in Chromium for each role (written on the espace branch, adapted to main):
the role's blocks, one highlighted menu item, no serious accessibility violation (axe-core)."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.catalogue.models import SolutionSuggestion
from tests.factories import TEST_PASSWORD, UserFactory
from tests.portfolio.factories import CommitteeFactory, ProjectFactory, TeamMemberFactory

from .test_browser import BLOCKING_IMPACTS, format_violations

pytestmark = pytest.mark.browser

EXPECTED = {
    Role.ADMIN: "Administration",
    Role.INCUBATOR: "Le portefeuille aujourd'hui",
    Role.COACH: "Mes projets",
    Role.SERVICE_OWNER: "Mes projets",
    Role.AGENT: "Accès rapides",
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_mon_espace_per_role(page, live_server, transactional_db, role):
    user = UserFactory(email=f"{role}.e2e@exemple.gouv.fr", role=role)
    project = ProjectFactory(name="Projet du navigateur")
    TeamMemberFactory(project=project, user=user)
    CommitteeFactory(date=timezone.localdate() + timedelta(days=7), projects=[project])
    SolutionSuggestion.objects.create(name="Outil libre", description="Utile aux mairies")

    page.goto(f"{live_server.url}/connexion/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url(f"{live_server.url}/mon-espace/")
    page.wait_for_function("() => window.dsfr !== undefined")

    assert page.locator("h1").inner_text() == "Mon espace"
    assert page.get_by_role("heading", name=EXPECTED[role]).count() >= 1
    current = page.locator("#navigation [aria-current=page]")
    assert current.count() == 1
    assert current.inner_text().strip() == "Mon espace"
    if role in {Role.COACH, Role.SERVICE_OWNER}:
        # The project's link of « Mes projets » (« Accompagnement de Projet du navigateur »
        # is the support block's link to its support history).
        assert page.get_by_role("link", name="Projet du navigateur", exact=True).count() == 1
        assert page.get_by_role("link", name="Accompagnement de Projet du navigateur").count() == 1
    # The main menu holds on one line on a laptop screen: no entry wraps onto two lines.
    page.set_viewport_size({"width": 1280, "height": 900})
    entries = page.locator("#navigation > ul > li").all()
    assert len({round(entry.bounding_box()["y"]) for entry in entries}) == 1
    assert max(entry.bounding_box()["height"] for entry in entries) < 60
    # Narrower laptop (1024 px, or 1280 px at 125 % zoom): the menu wraps onto a second line
    # rather than pushing « Mon espace » off the screen and the whole page sideways.
    page.set_viewport_size({"width": 1024, "height": 768})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    # Even before the DSFR script has turned the last sub-menu to the left (some time after the
    # resize; a slow machine measured in between), a closed sub-menu does not widen the page.
    page.evaluate(
        "document.querySelectorAll('.fr-nav__item--align-right')"
        ".forEach(item => item.classList.remove('fr-nav__item--align-right'))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    assert (
        max(entry.bounding_box()["x"] + entry.bounding_box()["width"] for entry in entries) <= 1024
    )

    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core sur Mon espace ({role})\n" + format_violations(blocking)
