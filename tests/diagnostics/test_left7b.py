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
