"""Who may see and change what in the catalogue: one function per object kind.

The catalogue is open data: everyone reads solutions, schemes and operators. The incubator team
edits them (with history); any logged-in person may suggest a solution, which the team moderates.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from fabrique.accounts.access import is_active_user, is_incubator_staff
from fabrique.core.views_helpers import require

from . import selectors
from .models import FundingScheme, Operator, Solution, SolutionSuggestion, SolutionUse
from .vocabulary import SuggestionStatus


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
    return is_active_user(user)


def can_view_suggestion(user, suggestion) -> bool:
    """A suggestion is seen by the person who made it and by the team that moderates it."""
    return is_incubator_staff(user) or (
        is_active_user(user) and suggestion.submitted_by_id == user.pk
    )


def can_edit_suggestion(user, suggestion) -> bool:
    """Correct or withdraw a suggestion: the person who made it, or the team, until the team
    has answered it."""
    if suggestion.status != SuggestionStatus.PENDING:
        return False
    return can_moderate_suggestion(user, suggestion) or (
        is_active_user(user) and suggestion.submitted_by_id == user.pk
    )


def can_moderate_suggestion(user, suggestion=None) -> bool:
    return is_incubator_staff(user)


def entry_for_user_or_404(user, model, slug: str, *, need: str = "view"):
    """A solution, funding scheme or operator, loaded by its slug (404 when unknown) and checked
    in the same call (403): `need` is "view" (the page, with what it shows), "edit" (change or
    delete) or "history"."""
    if need == "view":
        loader = {
            Solution: selectors.solution_detail,
            FundingScheme: selectors.scheme_detail,
            Operator: selectors.operator_detail,
        }[model]
        entry = loader(slug)
        require(can_view_catalogue(user))
        return entry
    entry = get_object_or_404(model, slug=slug)
    edit = {
        Solution: can_edit_solution,
        FundingScheme: can_edit_scheme,
        Operator: can_edit_operator,
    }
    check = edit[model] if need == "edit" else can_view_history
    require(check(user, entry))
    return entry


def use_for_user_or_404(user, pk: int, *, need: str = "edit") -> SolutionUse:
    """A collectivité's use of a solution, loaded with its solution (404 when unknown) and
    checked in the same call (403): only "edit" (remove it) exists, for those who edit the
    solution."""
    if need != "edit":
        raise ValueError(need)
    use = get_object_or_404(SolutionUse.objects.select_related("solution"), pk=pk)
    require(can_edit_solution(user, use.solution))
    return use


def suggestion_for_user_or_404(user, pk: int, *, need: str = "view") -> SolutionSuggestion:
    """A suggestion with who made and moderated it: 404 when unknown or not the user's to see
    (nobody learns that someone else suggested something); "moderate" adds the team's check,
    "edit" that of `can_edit_suggestion` (403)."""
    suggestion = get_object_or_404(
        SolutionSuggestion.objects.select_related("submitted_by", "moderated_by", "solution"),
        pk=pk,
    )
    if not can_view_suggestion(user, suggestion):
        raise Http404
    if need == "moderate":
        require(can_moderate_suggestion(user, suggestion))
    elif need == "edit":
        require(can_edit_suggestion(user, suggestion))
    elif need != "view":
        raise ValueError(need)
    return suggestion
