"""The team's list (and the coach's) says which investigations are public, with the link to
what the public sees on /investigations/publiques/."""

from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import InvestigationFactory

pytestmark = pytest.mark.django_db


def test_the_team_list_shows_which_investigations_are_public(client):
    shown = InvestigationFactory(is_public=True, problem__title="Cantine publique")
    hidden = InvestigationFactory(problem__title="Voirie interne")
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(reverse("investigations:investigations")).content.decode())
    assert page.count(">Publique</span>") == 1
    assert reverse("investigations:public", args=[shown.pk]) in page
    assert reverse("investigations:public", args=[hidden.pk]) not in page
