"""Gaps found by trying recruitment as a new user would (audit of issue 16)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio.models import TeamMember
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import ApplicationFactory, JobOfferFactory

pytestmark = pytest.mark.django_db


def test_a_hiring_team_does_not_see_the_applicants_other_applications_to_other_teams(client):
    project = ProjectFactory()
    member = UserFactory(role=Role.SERVICE_OWNER)
    TeamMember.objects.create(
        project=project, user=member, full_name="Membre", role="intrapreneur",
        start=date.today() - timedelta(days=30),
    )  # fmt: skip
    mine = ApplicationFactory(offer=JobOfferFactory(project=project), email="a@example.org")
    elsewhere = ApplicationFactory(
        offer=JobOfferFactory(title="Offre pour une autre équipe"), email="a@example.org"
    )
    client.force_login(member)
    page = client.get(reverse("recruitment:application", args=[mine.pk])).content.decode()
    assert "Offre pour une autre équipe" not in page
    assert elsewhere.get_absolute_url() not in page
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("recruitment:application", args=[mine.pk])).content.decode()
    assert "Offre pour une autre équipe" in page
    assert elsewhere.get_absolute_url() in page
