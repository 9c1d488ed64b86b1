"""Who may see and change what in the catalogue: one function per object kind.

The catalogue is open data: everyone reads solutions, schemes and operators. The incubator team
edits them (with history); any logged-in person may suggest a solution, which the team moderates.
"""

from django.shortcuts import get_object_or_404

from fabrique.accounts.access import is_incubator_staff
from fabrique.core.views_helpers import require

from .models import FundingScheme, Operator, Solution


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view_catalogue(user) -> bool:
    return True


def can_edit_solution(user, solution=None) -> bool:
    """Create and change solutions and their users: the incubator team."""
    return is_incubator_staff(user)


def can_edit_scheme(user, scheme=None) -> bool:
    return is_incubator_staff(user)


def can_edit_operator(user, operator=None) -> bool:
    return is_incubator_staff(user)


def can_view_history(user, obj=None) -> bool:
    """Who changed what and when: the incubator team."""
    return is_incubator_staff(user)


def can_suggest_solution(user) -> bool:
    """Any logged-in person (an agent of a collectivité first of all) may suggest a solution."""
    return _active(user)


def can_view_suggestion(user, suggestion) -> bool:
    """A suggestion is seen by the person who made it and by the team that moderates it."""
    return is_incubator_staff(user) or (_active(user) and suggestion.submitted_by_id == user.pk)


def can_moderate_suggestion(user, suggestion=None) -> bool:
    return is_incubator_staff(user)


def entry_for_edit_or_404(user, model, slug: str):
    """A solution, funding scheme or operator to change or delete: loaded by its slug (404 when
    unknown) and checked with the rule of its kind (403)."""
    entry = get_object_or_404(model, slug=slug)
    check = {
        Solution: can_edit_solution,
        FundingScheme: can_edit_scheme,
        Operator: can_edit_operator,
    }[model]
    require(check(user, entry))
    return entry
