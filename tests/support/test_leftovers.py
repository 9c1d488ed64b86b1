"""Leftovers of the role walks: a follow-up links its project, knowledge pages link their
missions, sessions on a Sunday or a public holiday ask to confirm."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import FollowUpFactory

pytestmark = pytest.mark.django_db


def test_follow_up_page_links_its_project(client):
    coach = UserFactory(role=Role.COACH)
    follow_up = FollowUpFactory(coach=coach)
    client.force_login(coach)
    page = client.get(reverse("support:follow-up", args=[follow_up.pk]))
    project = follow_up.project
    assert f'<a href="{project.get_absolute_url()}">{project}</a>' in page.text
