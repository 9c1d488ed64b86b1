"""Leftovers, round 7b: a project's page links its job offers (those the reader may see)."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.recruitment.vocabulary import OfferStatus
from tests.recruitment.factories import JobOfferFactory

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(users):
    staff = Client()
    staff.force_login(users[Role.INCUBATOR])
    return staff


def board_link(project) -> str:
    return reverse("recruitment:board") + f"?team={project.slug}"


def test_project_page_links_the_offers_its_reader_may_see(client, staff_client):
    project = ProjectFactory()
    JobOfferFactory(project=project)
    JobOfferFactory(project=project, status=OfferStatus.DRAFT)
    JobOfferFactory()  # another project's
    page = unescape(staff_client.get(project.get_absolute_url()).content.decode())
    assert f'<a href="{board_link(project)}">Offres d\'emploi du projet (2)</a>' in page
    public = unescape(client.get(project.get_absolute_url()).content.decode())
    assert f'<a href="{board_link(project)}">Offre d\'emploi du projet</a>' in public


def test_project_without_offers_has_no_offers_link(staff_client):
    project = ProjectFactory()
    page = staff_client.get(project.get_absolute_url()).content.decode()
    assert "emploi du projet" not in page


def test_offers_link_costs_one_query_whatever_the_offers(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    project = ProjectFactory()
    with CaptureQueriesContext(connection) as without:
        staff_client.get(project.get_absolute_url())
    JobOfferFactory.create_batch(10, project=project)
    with CaptureQueriesContext(connection) as with_offers:
        page = staff_client.get(project.get_absolute_url()).content.decode()
    assert "(10)" in page
    assert len(with_offers.captured_queries) == len(without.captured_queries)


def test_demo_salles_ouvertes_has_no_investigation_phase_without_its_record(territories):
    """« Salles ouvertes » showed an investigation phase that no investigation record told, while
    the investigations demo had Saint-Malo's room-booking problem still under investigation."""
    from fabrique.accounts.services import load_demo_accounts
    from fabrique.investigations.demo import load_demo as load_demo_investigations
    from fabrique.investigations.models import Investigation
    from fabrique.portfolio.demo import load_demo_portfolio
    from fabrique.portfolio.models import Project

    load_demo_accounts()
    load_demo_portfolio()
    load_demo_investigations()
    salles = Project.objects.get(slug="salles-ouvertes")
    assert not salles.phases.filter(name="investigation").exists()
    assert not salles.investigations.exists()
    rooms = Investigation.objects.get(problem__title="Réservation des salles communales")
    places = {link.territory.insee for link in rooms.problem.collectivites.all()}
    assert "35288" not in places  # Saint-Malo already builds Salles ouvertes


def test_dashboard_export_links_build_the_query_string(staff_client):
    """`?{{ query_string }}&liste=` gave `?&liste=tous` on an unfiltered dashboard."""
    ProjectFactory()
    page = staff_client.get(reverse("portfolio:dashboard")).content.decode()
    export = reverse("portfolio:export", args=["xlsx"])
    assert f'href="{export}?liste=tous"' in page
    assert "?&amp;" not in page
    page = staff_client.get(reverse("portfolio:dashboard"), {"kind": "startup-etat"}).text
    assert f'href="{export}?kind=startup-etat&amp;liste=tous"' in page
