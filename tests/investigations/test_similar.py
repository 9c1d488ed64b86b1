"""« Déjà vu ailleurs » (issue 14, item 1): a problem being written finds the problems,
projects and catalogue solutions that resemble it, with the words they share; other
collectivités' problems only for the team."""

import pytest

from fabrique.accounts.models import Role
from fabrique.investigations.selectors import similar_for_text
from tests.catalogue.factories import SolutionFactory
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import ProblemFactory

pytestmark = pytest.mark.django_db

TEXT = "Les familles ne savent pas inscrire leurs enfants à la cantine scolaire en ligne"


def test_a_new_text_finds_problems_projects_and_solutions():
    ProblemFactory(title="Inscriptions à la cantine", statement="Inscrire les enfants à la "
                   "cantine scolaire demande trois papiers.")  # fmt: skip
    ProjectFactory(name="Cantine facile", mission="Inscription en ligne à la cantine scolaire")
    SolutionFactory(name="Portail famille", summary="Inscriptions à la cantine et au périscolaire")
    ProblemFactory(title="Horaires de la déchetterie")
    team = similar_for_text(TEXT, user=UserFactory(role=Role.INCUBATOR))
    assert {seen.kind for seen in team} == {"probleme", "projet", "solution"}
    assert "Horaires de la déchetterie" not in [seen.label for seen in team]
    assert all(any("cantine" in reason for reason in seen.reasons) for seen in team), team
    agent = similar_for_text(TEXT, user=UserFactory(role=Role.AGENT))
    assert {seen.kind for seen in agent} == {"projet", "solution"}
    assert similar_for_text("   ", user=UserFactory(role=Role.INCUBATOR)) == []
