"""Issue 12, item 1: a catalogue entry typed by mistake can be deleted (confirmation, message,
history); an imported one is refused with a French message, since the next import would bring
it back."""

from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.catalogue.models import FundingScheme, Operator, Solution, SolutionReference
from fabrique.catalogue.vocabulary import ReferenceSource, SchemeSource
from tests.factories import UserFactory

from .factories import FundingSchemeFactory, OperatorFactory, SolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


@pytest.mark.parametrize(
    ("factory", "model", "url_name"),
    [
        (SolutionFactory, Solution, "catalogue:solution-delete"),
        (FundingSchemeFactory, FundingScheme, "catalogue:scheme-delete"),
        (OperatorFactory, Operator, "catalogue:operator-delete"),
    ],
)
def test_an_entry_is_deleted_after_confirmation_and_kept_in_history(team, factory, model, url_name):
    entry = factory()
    url = reverse(url_name, args=[entry.slug])
    assert "Confirmer la suppression" in unescape(team.get(url).content.decode())
    response = team.post(url, follow=True)
    assert "Suppression faite" in unescape(response.content.decode())
    assert not model.objects.filter(pk=entry.pk).exists()
    assert model.history.filter(id=entry.pk, history_type="-").exists()


def test_an_imported_solution_is_not_deleted(team):
    solution = SolutionFactory()
    SolutionReference.objects.create(
        solution=solution, source=ReferenceSource.SILL, external_id="123"
    )
    response = team.post(reverse("catalogue:solution-delete", args=[solution.slug]), follow=True)
    assert "reviendrait au prochain import" in unescape(response.content.decode())
    assert Solution.objects.filter(pk=solution.pk).exists()


def test_an_imported_scheme_is_not_deleted(team):
    scheme = FundingSchemeFactory(source=SchemeSource.AIDES_TERRITOIRES)
    team.post(reverse("catalogue:scheme-delete", args=[scheme.slug]))
    assert FundingScheme.objects.filter(pk=scheme.pk).exists()


@pytest.mark.parametrize("role", [None, Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_only_the_team_deletes(client, role):
    solution = SolutionFactory()
    if role:
        client.force_login(UserFactory(role=role))
    response = client.post(reverse("catalogue:solution-delete", args=[solution.slug]))
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert "/connexion/" in response.url or "login" in response.url
    assert Solution.objects.filter(pk=solution.pk).exists()


def test_the_solution_page_offers_deletion_to_the_team(team):
    solution = SolutionFactory()
    page = team.get(solution.get_absolute_url()).content.decode()
    assert reverse("catalogue:solution-delete", args=[solution.slug]) in page
