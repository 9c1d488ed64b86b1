import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fabrique.accounts.models import Role
from fabrique.catalogue import access, services
from fabrique.territories.models import Commune

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


def test_a_use_is_loaded_and_checked_in_one_call(users, territories):
    solution = SolutionFactory()
    use = services.solution_use_add(solution=solution, territory=Commune.objects.get(insee="42248"))
    loaded = access.use_for_user_or_404(users[Role.INCUBATOR], use.pk, need="edit")
    assert loaded == use and loaded.solution == solution
    with pytest.raises(PermissionDenied):
        access.use_for_user_or_404(users[Role.AGENT], use.pk, need="edit")
    with pytest.raises(PermissionDenied):
        access.use_for_user_or_404(AnonymousUser(), use.pk, need="edit")
    with pytest.raises(Http404):
        access.use_for_user_or_404(users[Role.INCUBATOR], use.pk + 1000, need="edit")


def test_a_suggestion_is_hidden_from_others_and_moderated_by_the_team(users):
    agent, coach, staff = users[Role.AGENT], users[Role.COACH], users[Role.INCUBATOR]
    suggestion = suggestion_by(agent, "Une idée à modérer")
    assert access.suggestion_for_user_or_404(agent, suggestion.pk) == suggestion
    assert access.suggestion_for_user_or_404(staff, suggestion.pk, need="moderate") == suggestion
    with pytest.raises(Http404):  # someone else's suggestion: not even its existence
        access.suggestion_for_user_or_404(coach, suggestion.pk)
    with pytest.raises(Http404):
        access.suggestion_for_user_or_404(AnonymousUser(), suggestion.pk)
    with pytest.raises(PermissionDenied):  # its author sees it but does not moderate it
        access.suggestion_for_user_or_404(agent, suggestion.pk, need="moderate")
