"""Every permission decision of impact measurement, for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.impact import access, services
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db

STAFF = {Role.ADMIN, Role.INCUBATOR}


@pytest.fixture
def project(users):
    """A project whose team has the coach and the service owner of `users` (and the agent,
    whose role gives no right on impact)."""
    project = ProjectFactory()
    for role in (Role.COACH, Role.SERVICE_OWNER, Role.AGENT):
        TeamMemberFactory(project=project, user=users[role])
    return project


TEAM_CHECKS = [
    access.can_view_indicators,
    access.can_edit_indicators,
    access.can_record_measurements,
    access.can_manage_tokens,
    access.can_manage_deployment,
]


@pytest.mark.parametrize("check", TEAM_CHECKS)
@pytest.mark.parametrize("role", list(Role))
def test_staff_and_team_only(users, project, check, role):
    expected = role in STAFF or role in {Role.COACH, Role.SERVICE_OWNER}
    assert check(users[role], project) is expected
    assert check(AnonymousUser(), project) is False


@pytest.mark.parametrize("check", TEAM_CHECKS)
@pytest.mark.parametrize("role", list(Role))
def test_the_team_of_another_project_has_no_right(users, project, check, role):
    other = ProjectFactory()
    assert check(users[role], other) is (role in STAFF)


def test_inactive_team_member_has_no_right(project):
    user = UserFactory(role=Role.SERVICE_OWNER, is_active=False)
    TeamMemberFactory(project=project, user=user)
    assert not access.can_edit_indicators(user, project)


@pytest.mark.parametrize("role", list(Role))
def test_public_indicator_and_stats_for_everyone(users, project, role):
    public = IndicatorFactory(project=project, is_public=True)
    hidden = IndicatorFactory(project=project, is_public=False)
    outsider = ProjectFactory()
    assert access.can_view_stats(users[role], project)
    assert access.can_view_stats(AnonymousUser(), project)
    assert access.can_view_indicator(users[role], public)
    assert access.can_view_indicator(AnonymousUser(), public)
    assert not access.can_view_indicator(AnonymousUser(), hidden)
    assert access.can_view_indicator(users[role], hidden) is (
        role in STAFF or role in {Role.COACH, Role.SERVICE_OWNER}
    )
    assert access.can_view_indicators(users[role], outsider) is (role in STAFF)


@pytest.mark.parametrize("role", list(Role))
def test_impact_portfolio(users, role):
    expected = role in STAFF or role in {Role.COACH, Role.SERVICE_OWNER}
    assert access.can_view_impact_portfolio(users[role]) is expected
    assert not access.can_view_impact_portfolio(AnonymousUser())


def test_project_token_pushes_for_its_project_until_revoked(project):
    token, _ = services.token_create(project=project)
    assert access.can_push_measurements(token, project)
    assert not access.can_push_measurements(token, ProjectFactory())
    assert not access.can_push_measurements(None, project)
    token.revoked_at = timezone.now()
    assert not access.can_push_measurements(token, project)
