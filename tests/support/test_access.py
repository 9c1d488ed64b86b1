"""The access matrix of the support offer: every object kind, every role."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support import access
from tests.factories import UserFactory
from tests.portfolio.factories import TeamMemberFactory

from .factories import (
    ExpertModuleFactory,
    FollowUpFactory,
    KnowledgePageFactory,
    RegistrationFactory,
    SessionFactory,
    SupportFormatFactory,
    SupportRequestFactory,
)

ROLES = ["anonymous", "admin", "equipe", "coach", "agent", "porteur", "inactive"]


@pytest.fixture
def people(db):
    make = {
        "admin": Role.ADMIN,
        "equipe": Role.INCUBATOR,
        "coach": Role.COACH,
        "agent": Role.AGENT,
        "porteur": Role.SERVICE_OWNER,
    }
    result = {name: UserFactory(role=role) for name, role in make.items()}
    result["anonymous"] = AnonymousUser()
    result["inactive"] = UserFactory(role=Role.INCUBATOR, is_active=False)
    return result


def outcome(call):
    try:
        call()
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


# (object, need) -> expected per role, in ROLES order.
@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("view", ["ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("edit", ["403", "ok", "ok", "403", "403", "403", "403"]),
    ],
)
def test_public_format(people, need, expected):
    item = SupportFormatFactory()
    got = [
        outcome(lambda u=people[r]: access.format_for_user_or_404(u, item.pk, need)) for r in ROLES
    ]
    assert got == expected


def test_internal_format_only_for_team(people):
    item = SupportFormatFactory(is_public=False)
    got = [outcome(lambda u=people[r]: access.format_for_user_or_404(u, item.pk)) for r in ROLES]
    assert got == ["404", "ok", "ok", "404", "404", "404", "404"]


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("view", ["ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("register", ["403", "ok", "ok", "403", "ok", "ok", "403"]),
        ("attendance", ["403", "ok", "ok", "403", "403", "403", "403"]),
        ("edit", ["403", "ok", "ok", "403", "403", "403", "403"]),
    ],
)
def test_future_public_session(people, need, expected):
    session = SessionFactory()
    got = [
        outcome(lambda u=people[r]: access.session_for_user_or_404(u, session.pk, need))
        for r in ROLES
    ]
    assert got == expected


def test_trainer_takes_attendance_of_own_session_only(people):
    mine = SessionFactory(trainer=people["coach"], is_public=False)
    other = SessionFactory(is_public=False)
    assert access.session_for_user_or_404(people["coach"], mine.pk, "attendance") == mine
    with pytest.raises(Http404):
        access.session_for_user_or_404(people["coach"], other.pk)


def test_past_and_internal_sessions_hidden_from_anonymous(people):
    past = SessionFactory(start=timezone.now() - timedelta(days=3))
    internal = SessionFactory(is_public=False)
    for session in (past, internal):
        with pytest.raises(Http404):
            access.session_for_user_or_404(people["anonymous"], session.pk)
    assert access.session_for_user_or_404(people["agent"], past.pk) == past
    with pytest.raises(Http404):
        access.session_for_user_or_404(people["agent"], internal.pk)


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("view", ["404", "ok", "ok", "404", "ok", "404", "404"]),
        ("own", ["404", "ok", "ok", "404", "ok", "404", "404"]),
    ],
)
def test_registration_of_the_agent(people, need, expected):
    registration = RegistrationFactory(user=people["agent"])
    got = [
        outcome(lambda u=people[r]: access.registration_for_user_or_404(u, registration.pk, need))
        for r in ROLES
    ]
    assert got == expected


def test_trainer_sees_registrations_but_does_not_own_them(people):
    registration = RegistrationFactory(session=SessionFactory(trainer=people["coach"]))
    assert access.registration_for_user_or_404(people["coach"], registration.pk) == registration
    with pytest.raises(PermissionDenied):
        access.registration_for_user_or_404(people["coach"], registration.pk, "own")


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("view", ["404", "ok", "ok", "ok", "404", "ok", "404"]),
        ("edit", ["404", "ok", "ok", "ok", "404", "403", "404"]),
    ],
)
def test_follow_up_of_coach_seen_by_project_team(people, need, expected):
    follow_up = FollowUpFactory(coach=people["coach"])
    TeamMemberFactory(project=follow_up.project, user=people["porteur"])
    got = [
        outcome(lambda u=people[r]: access.follow_up_for_user_or_404(u, follow_up.pk, need))
        for r in ROLES
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("view", ["404", "ok", "ok", "ok", "404", "ok", "404"]),
        ("deliver", ["404", "ok", "ok", "ok", "404", "403", "404"]),
        ("edit", ["404", "ok", "ok", "403", "404", "403", "404"]),
    ],
)
def test_expert_module(people, need, expected):
    module = ExpertModuleFactory(follower=people["coach"])
    TeamMemberFactory(project=module.project, user=people["porteur"])
    got = [
        outcome(lambda u=people[r]: access.module_for_user_or_404(u, module.pk, need))
        for r in ROLES
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("view", ["404", "ok", "ok", "404", "ok", "404", "404"]),
        ("triage", ["404", "ok", "ok", "404", "403", "404", "404"]),
    ],
)
def test_support_request_of_the_agent(people, need, expected):
    item = SupportRequestFactory(requester=people["agent"])
    got = [
        outcome(lambda u=people[r]: access.request_for_user_or_404(u, item.pk, need)) for r in ROLES
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("public", "need", "expected"),
    [
        (True, "view", ["ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        (False, "view", ["404", "ok", "ok", "ok", "404", "404", "404"]),
        (True, "edit", ["403", "ok", "ok", "ok", "403", "403", "403"]),
    ],
)
def test_knowledge_page(people, public, need, expected):
    page = KnowledgePageFactory(is_public=public)
    got = [
        outcome(lambda u=people[r]: access.page_for_user_or_404(u, page.slug, need)) for r in ROLES
    ]
    assert got == expected


def test_who_may_register_and_request(people):
    assert [access.can_register(people[r]) for r in ROLES] == [
        False, True, True, False, True, True, False,
    ]  # fmt: skip
    assert [access.can_request_support(people[r]) for r in ROLES] == [
        False, True, True, False, True, True, False,
    ]  # fmt: skip


def test_project_support_history_is_for_the_team_and_the_projects_members(people):
    """`project_for_user_or_404`: the incubator team, and every member of the project's team
    (an agent on the team too); 403 for the others, 404 for an unknown project."""
    member = TeamMemberFactory(user=people["agent"])
    TeamMemberFactory(project=member.project, user=people["coach"])
    slug = member.project.slug
    got = [outcome(lambda p=people[r]: access.project_for_user_or_404(p, slug)) for r in ROLES]
    assert got == ["403", "ok", "ok", "ok", "ok", "403", "403"]
    assert outcome(lambda: access.project_for_user_or_404(people["admin"], "inconnu")) == "404"
    assert access.project_for_user_or_404(people["coach"], slug) == member.project
