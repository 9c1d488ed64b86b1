"""What a consultant stumbled on in Chromium (walk of 06/12): on a laptop screen the ranked
needs of a mission scrolled sideways, hiding the weighted score and the edit links. The
ranking now fits its column, scores and links in view."""

from datetime import date

import pytest

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from tests.factories import CommuneFactory, UserFactory

from .test_impact_browser import log_in

pytestmark = pytest.mark.browser


def test_ranked_needs_fit_the_column_without_sideways_scroll(page, live_server, transactional_db):
    coach = UserFactory(email="coach.e2e@exemple.gouv.fr", role=Role.COACH)
    commune = CommuneFactory(name="Saint-Just-en-Chevalet", population=1141)
    mission = services.mission_request(collectivite=commune, hopes="Un site",
                                       today=date(2026, 9, 1))  # fmt: skip
    mission = services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    for title in (
        "Site internet de la mairie",
        "Messagerie sur le domaine de la commune",
        "Sauvegarde des postes de la mairie",
        "Inscriptions à la cantine en ligne",
    ):
        services.need_save(mission=mission, title=title, theme="site-internet",
                           scores={"importance": 3, "population": 2, "urgence": 1,
                                   "faisabilite": 3, "cout": 1})  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, coach)
    page.goto(f"{live_server.url}{mission.get_absolute_url()}")
    wrapper = page.locator("#besoins ~ .fr-table").first
    widths = wrapper.evaluate("w => [w.clientWidth, w.querySelector('table').scrollWidth]")
    assert widths[1] <= widths[0], widths
    score = wrapper.locator("tbody tr").first.locator("td").last  # the weighted score
    assert "/ 30" in score.inner_text()
    assert score.is_visible()
    box, frame = score.bounding_box(), wrapper.bounding_box()
    assert box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert page.get_by_role("link", name="Modifier « Site internet de la mairie »").is_visible()
