import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fabrique.accounts.models import Role
from fabrique.portfolio import access
from fabrique.portfolio.access import visible_projects
from fabrique.portfolio.models import CommitteeDocument

from .factories import (
    CommitteeFactory,
    DecisionFactory,
    ProjectFactory,
    ServiceFaitFactory,
    TeamMemberFactory,
)

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
    visible = set(visible_projects(user))
    assert visible == (
        {own, other} if EXPECTED[role][1] else ({own} if EXPECTED[role][0] else set())
    )


def test_anonymous_sees_public_parts_only(projects):
    own, _ = projects
    anonymous = AnonymousUser()
    assert access.can_view_project(anonymous, own)
    assert not access.can_view_project_details(anonymous, own)
    assert not access.can_edit_project(anonymous, own)
    assert not visible_projects(anonymous).exists()


# --- Load and check in one call: periods, decisions, documents, team members ---------------


@pytest.fixture
def records():
    member = TeamMemberFactory()
    committee = CommitteeFactory()
    return {
        "member": member,
        "period": ServiceFaitFactory(member=member),
        "decision": DecisionFactory(committee=committee, project=member.project),
        "document": CommitteeDocument.objects.create(
            committee=committee, file="comites/2026/ordre.pdf", name="ordre.pdf",
            content_type="application/pdf", size=10,
        ),
    }  # fmt: skip


LOADERS = [
    (access.team_member_for_user_or_404, "member"),
    (access.service_fait_for_user_or_404, "period"),
    (access.decision_for_user_or_404, "decision"),
    (access.committee_document_for_user_or_404, "document"),
]


@pytest.mark.parametrize(("loader", "kind"), LOADERS)
def test_the_team_loads_the_record(users, records, loader, kind):
    assert loader(users[Role.INCUBATOR], records[kind].pk) == records[kind]


@pytest.mark.parametrize(("loader", "kind"), LOADERS)
@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_other_roles_are_refused(users, records, loader, kind, role):
    with pytest.raises(PermissionDenied):
        loader(users[role], records[kind].pk)
    with pytest.raises(PermissionDenied):
        loader(AnonymousUser(), records[kind].pk)


@pytest.mark.parametrize(("loader", "kind"), LOADERS)
def test_an_unknown_record_is_a_404(users, loader, kind):
    with pytest.raises(Http404):
        loader(users[Role.INCUBATOR], 999_999)


def test_a_refused_role_does_not_learn_whether_a_decision_exists(users):
    """Periods, decisions and documents are checked before they are looked up."""
    for loader in LOADERS[1:]:
        with pytest.raises(PermissionDenied):
            loader[0](users[Role.COACH], 999_999)


def test_a_need_the_object_does_not_have_is_a_programming_error(users, records):
    with pytest.raises(ValueError):
        access.decision_for_user_or_404(users[Role.INCUBATOR], records["decision"].pk, need="view")
