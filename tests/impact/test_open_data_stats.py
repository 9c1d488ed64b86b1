"""Leftovers round 7: the « Données ouvertes » page listed the catalogue, the needs of the
sur-mesure and the investigations, not the impact statistics every service publishes (a page, a
CSV and a JSON per project): an open-data user did not find them. They are listed there, for
the projects with at least one public indicator, in one query whatever their number."""

import pytest
from django.urls import reverse

from tests.impact.factories import IndicatorFactory
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_open_data_page_lists_the_impact_statistics_files(client):
    published = IndicatorFactory(project=ProjectFactory(name="Mon Budget Local"), is_public=True)
    IndicatorFactory(project=published.project, is_public=True)  # listed once
    IndicatorFactory(project=ProjectFactory(name="Projet discret"), is_public=False)
    page = client.get(reverse("catalogue:open-data")).content.decode()
    slug = published.project.slug
    assert "Statistiques d'impact des services" in page
    for name in ("impact:stats", "impact:stats-csv", "impact:stats-json"):
        assert page.count(f'href="{reverse(name, args=[slug])}"') == 1, name
    assert "Mon Budget Local" in page
    assert "Projet discret" not in page  # no public indicator: nothing to download


def test_the_open_data_page_says_when_no_service_publishes(client):
    page = client.get(reverse("catalogue:open-data")).content.decode()
    assert "Aucun service n'a encore publié d'indicateur." in page


def test_the_list_costs_one_query_whatever_the_number_of_projects(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        IndicatorFactory()
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("catalogue:open-data"))
    for _ in range(10):
        IndicatorFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("catalogue:open-data"))
