"""Access to calls, problems and investigations, for every role."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fabrique.accounts.models import Role
from fabrique.investigations import access
from tests.factories import CommuneFactory, MembershipFactory, UserFactory

from .factories import CallFactory, ClosedCallFactory, InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    commune, other = CommuneFactory(), CommuneFactory()
    people = {role.value: UserFactory(role=role) for role in Role}
    people["anonymous"] = AnonymousUser()
    people["inactive"] = UserFactory(role=Role.ADMIN, is_active=False)
    MembershipFactory(user=people["agent"], commune=commune)
    mine = InvestigationFactory(problem__communes=[commune], coach=people["coach"])
    theirs = InvestigationFactory(problem__communes=[other])
    public = InvestigationFactory(problem__communes=[other], is_public=True)
    submitted = ProblemFactory(communes=[commune])
    return people, mine, theirs, public, submitted


# role -> (sees mine, sees theirs, sees public, sees the submitted problem, edits mine)
MATRIX = {
    "admin": (True, True, True, True, True),
    "incubateur": (True, True, True, True, True),
    "coach": (True, False, True, False, True),
    "agent": (True, False, True, True, False),
    "porteur": (False, False, True, False, False),
    "anonymous": (False, False, True, False, False),
    "inactive": (False, False, True, False, False),
}


@pytest.mark.parametrize("role", MATRIX)
def test_investigation_and_problem_access_by_role(world, role):
    people, mine, theirs, public, submitted = world
    user = people[role]
    sees_mine, sees_theirs, sees_public, sees_problem, edits = MATRIX[role]
    visible = set(access.visible_investigations(user))
    assert (mine in visible, theirs in visible, public in visible) == (
        sees_mine,
        sees_theirs,
        sees_public,
    )
    assert (submitted in set(access.visible_problems(user))) == sees_problem
    if sees_mine:
        assert access.investigation_for_user_or_404(user, mine.pk) == mine
        if edits:
            assert access.investigation_for_user_or_404(user, mine.pk, need="edit") == mine
        else:
            with pytest.raises(PermissionDenied):
                access.investigation_for_user_or_404(user, mine.pk, need="edit")
    else:
        with pytest.raises(Http404):
            access.investigation_for_user_or_404(user, mine.pk)
    if sees_problem:
        assert access.problem_for_user_or_404(user, submitted.pk) == submitted
    else:
        with pytest.raises(Http404):
            access.problem_for_user_or_404(user, submitted.pk)


@pytest.mark.parametrize(
    "role,reviews",
    [
        ("admin", True),
        ("incubateur", True),
        ("coach", True),
        ("agent", False),
        ("porteur", False),
        ("anonymous", False),
        ("inactive", False),
    ],
)
def test_reviewers_scores_never_shown_to_agents(world, role, reviews):
    people = world[0]
    assert access.can_see_reviews(people[role]) is reviews
    assert access.can_select(people[role]) is (role in ("admin", "incubateur"))


@pytest.mark.parametrize(
    "role,submits",
    [
        ("admin", True),
        ("incubateur", True),
        ("coach", False),
        ("agent", True),
        ("porteur", False),
        ("anonymous", False),
        ("inactive", False),
    ],
)
def test_who_submits_problems(world, role, submits):
    assert access.can_submit_problem(world[0][role]) is submits


@pytest.mark.parametrize(
    "role,sees_closed,sees_future",
    [
        ("admin", True, True),
        ("incubateur", True, True),
        ("coach", True, False),
        ("agent", True, False),
        ("porteur", True, False),
        ("anonymous", False, False),
        ("inactive", False, False),
    ],
)
def test_calls_open_to_anonymous_closed_to_accounts(world, role, sees_closed, sees_future):
    people = world[0]
    open_call = CallFactory()
    closed = ClosedCallFactory()
    future = CallFactory(
        opens_on=date.today() + timedelta(days=3), closes_on=date.today() + timedelta(days=30)
    )
    visible = set(access.visible_calls(people[role]))
    assert open_call in visible
    assert (closed in visible) is sees_closed
    assert (future in visible) is sees_future
    if not sees_closed:
        with pytest.raises(Http404):
            access.call_for_user_or_404(people[role], closed.pk)
    if role in ("coach", "agent"):
        with pytest.raises(PermissionDenied):
            access.call_for_user_or_404(people[role], open_call.pk, need="edit")


def test_agent_edits_own_submitted_problem_only(world):
    people, *_ = world
    agent = people["agent"]
    own = ProblemFactory(submitted_by=agent)
    assert access.problem_for_user_or_404(agent, own.pk, need="edit") == own
    own.status = "retenu"
    own.save()
    with pytest.raises(PermissionDenied):
        access.problem_for_user_or_404(agent, own.pk, need="edit")
