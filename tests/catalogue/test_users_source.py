"""An incubator service says the same number of users in the catalogue and on its deployment
page: the deployment follow-up is the reference, the catalogue's own list is cited as such; an
entry without description shows its project's presentation."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.catalogue.models import Solution, SolutionUse
from fabrique.impact.models import Deployment
from tests.factories import CommuneFactory, UserFactory
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    project = ProjectFactory(name="Salles ouvertes", description="Réserver une salle communale.")
    solution = Solution.objects.create(name="Salles ouvertes", slug="salles", project=project)
    for _ in range(3):
        Deployment.objects.create(project=project, commune=CommuneFactory(), since=date(2026, 1, 1))
    SolutionUse.objects.create(solution=solution, commune=CommuneFactory())
    return solution


def page_text(client, url) -> str:
    html = client.get(url).content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()).replace(" ,", ",")


def test_catalogue_gives_the_deployment_count_as_the_reference(client, service):
    text = page_text(client, reverse("catalogue:solution", args=[service.slug]))
    assert "3 collectivités utilisatrices selon le suivi de déploiement" in text
    assert "Le catalogue en cite 1, déclarée ici" in text
    assert "Pas encore de description" not in text
    assert "Réserver une salle communale." in text
    assert "Présentation reprise de la fiche du projet de l'incubateur" in text
    public = client.get(reverse("catalogue:solution", args=[service.slug])).content.decode()
    assert reverse("impact:deployment", args=[service.project.slug]) not in public


def test_deployment_page_says_it_is_the_reference(client, service):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    text = page_text(client, reverse("impact:deployment", args=[service.project.slug]))
    assert "Collectivités utilisatrices (3)" in text
    assert "Cette liste fait foi : la fiche du catalogue Salles ouvertes en reprend" in text
    assert "cite à part 1 collectivité déclarée dans le catalogue" in text
    catalogue = client.get(reverse("catalogue:solution", args=[service.slug])).content.decode()
    assert reverse("impact:deployment", args=[service.project.slug]) in catalogue
