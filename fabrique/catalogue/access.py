"""Who may see and change what in the catalogue: one function per object kind.

The catalogue is open data: everyone reads solutions, schemes and operators. The incubator team
edits them (with history); any logged-in person may suggest a solution, which the team moderates.
"""

from fabrique.accounts.access import is_incubator_staff


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
