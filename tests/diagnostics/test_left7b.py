"""Leftovers, round 7b: the empty state of the deliverables is a sentence, not a list item."""

import pytest

pytestmark = pytest.mark.django_db


def test_no_deliverable_is_a_sentence_not_a_bullet(client, coach, mission):
    client.force_login(coach)
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "Aucun livrable produit." in page
    assert "<li>Aucun livrable produit.</li>" not in page
    section = page[page.index('id="livrable"') : page.index('id="commentaires"')]
    assert "<ul>" not in section


def test_demo_intercommunal_mission_lists_intercommunal_needs(demo_world):
    """The Pays d'Urfé mission (an EPCI) listed the town hall's needs (« site de la mairie »)."""
    from fabrique.accounts.services import DEMO_AGENT_COMMUNE
    from fabrique.diagnostics.demo import load_demo
    from fabrique.diagnostics.models import Mission

    load_demo()
    intercommunal = Mission.objects.get(epci=demo_world)
    titles = list(intercommunal.needs.values_list("title", flat=True))
    assert len(titles) == 4
    assert not [title for title in titles if "de la mairie" in title or "la commune" in title]
    assert all("membre" in title or "intercommunal" in title for title in titles), titles
    commune_titles = Mission.objects.get(commune__insee=DEMO_AGENT_COMMUNE).needs.values_list(
        "title", flat=True
    )
    assert "Site internet de la mairie" in commune_titles
