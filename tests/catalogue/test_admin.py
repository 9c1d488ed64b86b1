"""Saves made in the admin go through the catalogue's services (search columns, tags, history)."""

import pytest
from django.urls import reverse

from fabrique.catalogue.models import FundingScheme, Solution
from tests.factories import UserFactory

from .factories import FundingSchemeFactory, SolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="admin"))
    return client


def test_a_solution_added_in_the_admin_is_indexed_with_its_similar_ones(admin_client):
    other = SolutionFactory(name="Registre papier")
    response = admin_client.post(
        reverse("admin:catalogue_solution_add"),
        {"name": "Registre des arbres", "slug": "registre-des-arbres", "origin": "incubateur",
         "cost_model": "gratuit", "licence": "", "maturity": "beta", "similar": [other.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    solution = Solution.objects.get(slug="registre-des-arbres")
    assert " arbres" in solution.search_text and solution.name_key
    assert list(solution.similar.all()) == [other]
    assert solution.history.count() == 1


def test_a_scheme_changed_in_the_admin_keeps_its_tags(admin_client):
    scheme = FundingSchemeFactory(aid_types=["subvention"], themes=["numerique"])
    response = admin_client.post(
        reverse("admin:catalogue_fundingscheme_change", args=[scheme.pk]),
        {"name": "Aide renommée", "slug": scheme.slug, "funders": scheme.funders,
         "recurrence": scheme.recurrence, "source": scheme.source},
    )  # fmt: skip
    assert response.status_code == 302
    scheme = FundingScheme.objects.get(pk=scheme.pk)
    assert (scheme.name, scheme.aid_types, scheme.themes) == (
        "Aide renommée", " subvention ", " numerique ",
    )  # fmt: skip
    assert " renommee" in scheme.search_text
