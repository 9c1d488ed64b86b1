"""« Déjà vu ailleurs » of a « go » investigation never lists the project its own go opened
(that project is where the problem went, not a synergy of it)."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import selectors, services
from fabrique.investigations.selectors.similar import Seen, similar_for_problem
from fabrique.investigations.vocabulary import Decision
from fabrique.synergies import services as synergy_services
from tests.factories import UserFactory

from .factories import InvestigationFactory, close_all_phases

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_the_project_opened_by_the_go_is_not_seen_elsewhere():
    investigation = InvestigationFactory(
        start=date.today() - timedelta(weeks=11),
        problem__title="Inscriptions à la cantine perdues",
        problem__statement="Les inscriptions à la cantine scolaire se font sur papier et se "
        "perdent ; les parents rappellent la mairie.",
    )
    close_all_phases(investigation)
    synergy_services.recompute()
    services.decision_record(
        investigation=investigation,
        decision=Decision.GO,
        project_name="Cantine en ligne",
        on=investigation.start + timedelta(weeks=10),
    )
    investigation.refresh_from_db()
    project = investigation.project
    team = UserFactory(role=Role.INCUBATOR)
    seen = similar_for_problem(investigation.problem, user=team)
    assert project.get_absolute_url() not in [item.url for item in seen]


def test_the_investigation_page_does_not_ask_to_look_before_a_new_investigation(
    client, monkeypatch
):
    """On a running or decided investigation, « Déjà vu ailleurs » speaks of what it is for
    then (collectivités to bring in, services to compare), not of a new investigation."""
    investigation = InvestigationFactory()
    seen = Seen("Cantine en ligne", "/projets/cantine-en-ligne/", "projet", 0.5, 1, ["cantine"])
    monkeypatch.setattr(selectors, "similar_for_problem", lambda problem, user: [seen])
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("investigations:investigation", args=[investigation.pk])
    page = unescape(client.get(url).text)
    assert "/projets/cantine-en-ligne/" in page
    assert "d'autres collectivités à associer, des services existants à comparer" in page
    assert "Avant une nouvelle investigation" not in page
