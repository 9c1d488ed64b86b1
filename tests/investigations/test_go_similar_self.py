"""« Déjà vu ailleurs » of a « go » investigation never lists the project its own go opened
(that project is where the problem went, not a synergy of it)."""

from datetime import date, timedelta

import pytest

from fabrique.accounts.models import Role
from fabrique.investigations import services
from fabrique.investigations.selectors.similar import similar_for_problem
from fabrique.investigations.vocabulary import Decision
from fabrique.synergies import selectors as synergy_selectors
from fabrique.synergies import services as synergy_services
from tests.factories import UserFactory

from .factories import InvestigationFactory, close_all_phases

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_text_index():
    synergy_selectors.forget_text_index()
    yield
    synergy_selectors.forget_text_index()


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
