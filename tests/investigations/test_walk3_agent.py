"""Round 3 of the agent's walk: what an agent of a collectivité reads on the investigation
of its own problem."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations.vocabulary import GRID_MAX
from tests.factories import CommuneFactory, MembershipFactory, UserFactory

from .factories import InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


def test_the_go_grid_says_what_each_score_is_out_of(client):
    """« Problème : ampleur : 4 » left the agent guessing the scale: each score is shown out of
    the grid's maximum, and a criterion not scored says so."""
    commune = CommuneFactory(name="Saint-Testeur")
    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, commune=commune)
    investigation = InvestigationFactory(problem=ProblemFactory(communes=[commune]))
    investigation.go_scores = {"ampleur": 4}
    investigation.save()
    client.force_login(agent)

    page = client.get(reverse("investigations:investigation", args=[investigation.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert f"Problème : ampleur : 4 / {GRID_MAX}" in html
    assert f"noté de 0 à {GRID_MAX}" in html
    assert "Problème : criticité : non noté" in html
