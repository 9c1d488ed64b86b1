import pytest
from django.contrib.auth.models import AnonymousUser

from fabrique.accounts.models import Role
from fabrique.catalogue import access, services

from .factories import FundingSchemeFactory, OperatorFactory, SolutionFactory

pytestmark = pytest.mark.django_db

#            edit (solution, scheme, operator, history)  suggest  see own  see other's  moderate
EXPECTED = {
    Role.ADMIN: (True, True, True, True, True, True, True, True),
    Role.INCUBATOR: (True, True, True, True, True, True, True, True),
    Role.COACH: (False, False, False, False, True, True, False, False),
    Role.AGENT: (False, False, False, False, True, True, False, False),
    Role.SERVICE_OWNER: (False, False, False, False, True, True, False, False),
}


def suggestion_by(user, name):
    return services.suggestion_submit(name=name, description="x", by=user)


@pytest.mark.parametrize("role", list(Role))
def test_rights_of_every_role(users, role):
    user = users[role]
    solution, scheme, operator = SolutionFactory(), FundingSchemeFactory(), OperatorFactory()
    own = suggestion_by(user, f"Proposée par {role}")
    someone_else = users[Role.AGENT] if role != Role.AGENT else users[Role.COACH]
    others = suggestion_by(someone_else, f"Proposée par un autre que {role}")
    got = (
        access.can_edit_solution(user, solution),
        access.can_edit_scheme(user, scheme),
        access.can_edit_operator(user, operator),
        access.can_view_history(user, solution),
        access.can_suggest_solution(user),
        access.can_view_suggestion(user, own),
        access.can_view_suggestion(user, others),
        access.can_moderate_suggestion(user, others),
    )
    assert got == EXPECTED[role]
    assert access.can_view_catalogue(user)


def test_anonymous_reads_but_neither_edits_nor_suggests(users):
    anonymous = AnonymousUser()
    suggestion = suggestion_by(users[Role.AGENT], "Une idée")
    assert access.can_view_catalogue(anonymous)
    assert not access.can_edit_solution(anonymous)
    assert not access.can_edit_scheme(anonymous)
    assert not access.can_edit_operator(anonymous)
    assert not access.can_view_history(anonymous)
    assert not access.can_suggest_solution(anonymous)
    assert not access.can_view_suggestion(anonymous, suggestion)
    assert not access.can_moderate_suggestion(anonymous, suggestion)


def test_an_inactive_account_has_no_right(users):
    agent = users[Role.AGENT]
    suggestion = suggestion_by(agent, "Une autre idée")
    agent.is_active = False
    staff = users[Role.INCUBATOR]
    staff.is_active = False
    assert not access.can_suggest_solution(agent)
    assert not access.can_view_suggestion(agent, suggestion)
    assert not access.can_edit_solution(staff)
