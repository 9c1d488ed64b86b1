"""Leftovers round 6: the pages that create, edit and delete a committee lead back like the
committee page does (Comités › le comité › …), with the DSFR breadcrumb."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.breadcrumbs import trail
from tests.factories import UserFactory

from .factories import CommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


def test_the_new_committee_page_has_a_breadcrumb(team):
    assert trail(team, reverse("portfolio:committee-create")) == [
        (reverse("portfolio:committees"), "Comités"),
        (None, "Nouveau comité"),
    ]


def test_the_edit_and_delete_pages_of_a_committee_have_a_breadcrumb(team):
    committee = CommitteeFactory()
    above = [
        (reverse("portfolio:committees"), "Comités"),
        (committee.get_absolute_url(), str(committee)),
    ]
    edit = trail(team, reverse("portfolio:committee-edit", args=[committee.pk]))
    delete = trail(team, reverse("portfolio:committee-delete", args=[committee.pk]))
    assert edit == [*above, (None, "Modifier")]
    assert delete == [*above, (None, "Supprimer")]
