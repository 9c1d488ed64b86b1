"""What a consultant stumbled on in Chromium (walk of 06/12): on a laptop screen the ranked
needs of a mission scrolled sideways, hiding the weighted score and the edit links. The
ranking now fits its column, scores and links in view."""

from datetime import date

import pytest

from fabrique.accounts.models import Membership, Role
from fabrique.diagnostics import services
from fabrique.diagnostics.services.benchmark import candidate_save
from tests.factories import CommuneFactory, UserFactory

from .test_impact_browser import assert_no_serious_violation, log_in

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


def test_mission_tables_on_a_phone_within_keyboard_reach(page, live_server, transactional_db):
    """At 375 px (walk of 06/12): the benchmark's six fixed columns cut every word ("Tec hniq ue",
    "Mod ifier"), the bars of the needs' scores ran over the scores, and a table wider than the
    screen without a link in it (the agent's view) was a scrolling box no keyboard could reach
    (axe: scrollable-region-focusable)."""
    coach = UserFactory(email="coach.e2e@exemple.gouv.fr", role=Role.COACH)
    agent = UserFactory(email="agent.e2e@exemple.gouv.fr", role=Role.AGENT)
    commune = CommuneFactory(name="Saint-Just-en-Chevalet", population=1141)
    Membership.objects.create(user=agent, commune=commune)
    mission = services.mission_request(collectivite=commune, hopes="Un site",
                                       today=date(2026, 9, 1))  # fmt: skip
    mission = services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    need = services.need_save(mission=mission, title="Sauvegarde des postes de la mairie",
                              theme="site-internet",
                              scores={"importance": 3, "population": 2, "urgence": 1,
                                      "faisabilite": 3, "cout": 1})  # fmt: skip
    candidate_save(need=need, name="Sauvegarde externalisée", provider="Prestataire local",
                            technical=3, technical_note="Sauvegarde automatique chaque nuit",
                            economic=2, human=3, cost_per_year=360)  # fmt: skip
    log_in(page, live_server, agent)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{mission.get_absolute_url()}")
    header = page.locator(".fabrique-benchmark th", has_text="Technique")
    lines = header.evaluate(
        "th => { const r = document.createRange(); r.selectNodeContents(th);"
        " return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"
    )
    assert lines == 1, f"« Technique » coupé sur {lines} lignes"
    bar = page.locator("figure[aria-labelledby=besoins-graphique] progress").first
    box, column = bar.bounding_box(), bar.locator("xpath=..").bounding_box()
    assert box["x"] + box["width"] <= column["x"] + column["width"] + 0.5  # not over the score
    wide = page.locator(".fr-table > table[tabindex='0']")
    assert wide.count() >= 1  # the benchmark, wider than the phone, is a tab stop
    assert_no_serious_violation(page)
    # Back on a laptop screen the tables fit: no extra tab stop.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("() => !document.querySelector('.fabrique-benchmark > table[tabindex]')")
