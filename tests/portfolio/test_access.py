import pytest
from django.contrib.auth.models import AnonymousUser

from fabrique.accounts.models import Role
from fabrique.portfolio import access
from fabrique.portfolio.selectors import projects_for_user

from .factories import ProjectFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

#                       details own  details other  edit   portfolio
EXPECTED = {
    Role.ADMIN: (True, True, True, True),
    Role.INCUBATOR: (True, True, True, True),
    Role.COACH: (True, False, False, False),
    Role.AGENT: (False, False, False, False),
    Role.SERVICE_OWNER: (True, False, False, False),
}


@pytest.fixture
def projects(users):
    own, other = ProjectFactory(), ProjectFactory()
    for role in Role:
        TeamMemberFactory(project=own, user=users[role], full_name=users[role].email)
    return own, other


@pytest.mark.parametrize("role", list(Role))
def test_rights_of_every_role(users, projects, role):
    user = users[role]
    own, other = projects
    got = (
        access.can_view_project_details(user, own),
        access.can_view_project_details(user, other),
        access.can_edit_project(user, own),
        access.can_view_portfolio(user),
    )
    assert got == EXPECTED[role]
    assert access.can_view_project(user, other)
    assert access.can_manage_committee(user) == EXPECTED[role][3]
    assert access.can_attest_service_fait(user) == EXPECTED[role][3]
    visible = set(projects_for_user(user))
    assert visible == (
        {own, other} if EXPECTED[role][1] else ({own} if EXPECTED[role][0] else set())
    )


def test_anonymous_sees_public_parts_only(projects):
    own, _ = projects
    anonymous = AnonymousUser()
    assert access.can_view_project(anonymous, own)
    assert not access.can_view_project_details(anonymous, own)
    assert not access.can_edit_project(anonymous, own)
    assert not projects_for_user(anonymous).exists()
