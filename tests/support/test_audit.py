"""Gaps found by trying the support offer as a new user would (audit of issue 15)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio.models import TeamMember
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "on_team", "shown"),
    [
        (Role.INCUBATOR, False, True),
        (Role.COACH, False, False),
        (Role.AGENT, False, False),
        (Role.SERVICE_OWNER, False, False),
        (Role.SERVICE_OWNER, True, True),
        (Role.AGENT, True, True),
    ],
)
def test_the_project_page_links_to_its_support_history_only_for_who_may_open_it(
    client, role, on_team, shown
):
    project = ProjectFactory()
    user = UserFactory(role=role)
    if on_team:
        TeamMember.objects.create(
            project=project, user=user, full_name="Membre", role="intrapreneur",
            start=date.today() - timedelta(days=30),
        )  # fmt: skip
    client.force_login(user)
    link = reverse("support:project", args=[project.slug])
    page = client.get(reverse("portfolio:project", args=[project.slug])).content.decode()
    assert (link in page) is shown
    assert client.get(link).status_code == (200 if shown else 403)


def test_a_session_is_named_with_the_time_the_pages_show_not_utc(client):
    session = SessionFactory(start=datetime(2026, 12, 8, 10, 0, tzinfo=UTC))
    assert str(session).endswith("08/12/2026 11:00")
    page = client.get(reverse("support:session", args=[session.pk])).content.decode()
    assert "08/12/2026 10:00" not in page and "11:00" in page
