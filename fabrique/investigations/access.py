"""Who may see and change what in the investigation programme: one function per object kind.

Team (admin, incubator): everything. Coach/designer: their investigations (and the problems
behind them). Agent: the problems and investigations of their collectivités, and their own
submissions. Anonymous: open calls and public investigations only. The team scores the problems of a
closed call; reviewers' individual scores are for the team and the coaches, never for agents.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fabrique.accounts.access import is_active_user, is_incubator_staff
from fabrique.accounts.models import Membership, Role
from fabrique.territories.models import TerritoryLink

from .models import (
    Call,
    DayEntry,
    Investigation,
    Problem,
    ProblemAttachment,
    ProblemCollectivite,
)
from .rules import day_roles_allowed

NEEDS = ("view", "edit")


def _member_problem_ids(user):
    """Problem ids whose collectivités the agent is attached to (a subquery)."""
    condition = Q(pk__in=[])
    for field in TerritoryLink.TERRITORY_FIELDS:
        condition |= Q(
            **{
                f"{field}__in": Membership.objects.filter(
                    user=user, **{f"{field}__isnull": False}
                ).values(field)
            }
        )
    return ProblemCollectivite.objects.filter(condition).values("problem")


def _coach_or_designer(user) -> Q:
    return Q(coach=user) | Q(designer=user)


# --- Calls ---------------------------------------------------------------------------------


def visible_calls(user):
    """Anonymous people see open calls; accounts see every call already opened; the team all."""
    today = timezone.localdate()
    if is_incubator_staff(user):
        return Call.objects.all()
    if is_active_user(user):
        return Call.objects.filter(opens_on__lte=today)
    return Call.objects.filter(opens_on__lte=today, closes_on__gte=today)


def can_manage_calls(user) -> bool:
    return is_incubator_staff(user)


def call_for_user_or_404(user, pk, need: str = "view") -> Call:
    call = get_object_or_404(visible_calls(user), pk=pk)
    if need == "edit" and not can_manage_calls(user):
        raise PermissionDenied
    return call


# --- Problems ------------------------------------------------------------------------------


def visible_problems(user):
    if is_incubator_staff(user):
        return Problem.objects.all()
    if not is_active_user(user):
        return Problem.objects.none()
    if user.role == Role.AGENT:
        return Problem.objects.filter(Q(pk__in=_member_problem_ids(user)) | Q(submitted_by=user))
    if user.role == Role.COACH:
        return Problem.objects.filter(
            Q(investigation__coach=user) | Q(investigation__designer=user)
        )
    return Problem.objects.none()


def can_list_problems(user) -> bool:
    """The « Problèmes » list: the roles that may see problems (team, agents, coaches on their
    investigations); a porteur de service neither sees nor submits any (no dead menu entry)."""
    return is_active_user(user) and (
        is_incubator_staff(user) or user.role in (Role.AGENT, Role.COACH)
    )


def can_submit_problem(user) -> bool:
    """Anyone with an account who speaks for a collectivité, and the team (problems heard)."""
    return is_active_user(user) and (is_incubator_staff(user) or user.role == Role.AGENT)


def can_edit_problem(user, problem: Problem) -> bool:
    if is_incubator_staff(user):
        return True
    return (
        is_active_user(user)
        and user.role == Role.AGENT
        and problem.submitted_by_id == user.pk
        and problem.status == "soumis"
    )


def can_review(user) -> bool:
    """Scoring problems of a closed call: the team, whose members are the call's reviewers (a
    coach sees only the problems of their investigations, after the selection: too late)."""
    return is_incubator_staff(user)


def can_see_reviews(user) -> bool:
    """Individual reviewers' scores: the team and the coaches (on the problems of their
    investigations), never agents."""
    return is_active_user(user) and (is_incubator_staff(user) or user.role == Role.COACH)


def can_select(user) -> bool:
    """Selecting, declining, merging problems: the team."""
    return is_incubator_staff(user)


def problem_for_user_or_404(user, pk, need: str = "view") -> Problem:
    problem = get_object_or_404(visible_problems(user), pk=pk)
    if need == "edit" and not can_edit_problem(user, problem):
        raise PermissionDenied
    if need not in NEEDS:
        raise Http404
    return problem


# --- Investigations ------------------------------------------------------------------------


def attachment_for_user_or_404(user, pk, need: str = "view") -> ProblemAttachment:
    """An attachment of a problem the user may see (`need` "edit": may edit the problem), with
    that problem: 404 when unknown, the problem's own answer otherwise."""
    attachment = get_object_or_404(ProblemAttachment, pk=pk)
    attachment.problem = problem_for_user_or_404(user, attachment.problem_id, need=need)
    return attachment


def visible_investigations(user):
    if is_incubator_staff(user):
        return Investigation.objects.all()
    if not is_active_user(user):
        return Investigation.objects.filter(is_public=True)
    if user.role == Role.AGENT:
        return Investigation.objects.filter(
            Q(problem__in=_member_problem_ids(user)) | Q(is_public=True)
        )
    if user.role == Role.COACH:
        return Investigation.objects.filter(_coach_or_designer(user) | Q(is_public=True))
    return Investigation.objects.filter(is_public=True)


def public_investigations():
    return Investigation.objects.filter(is_public=True)


def can_edit_investigation(user, investigation: Investigation) -> bool:
    """Phases, artefacts, days: the team and the investigation's coach and designer."""
    if is_incubator_staff(user):
        return True
    return is_active_user(user) and user.pk in (investigation.coach_id, investigation.designer_id)


def can_see_internals(user, investigation: Investigation) -> bool:
    """Artefacts, days ledger, committee grid: people on it (not the public page)."""
    if is_incubator_staff(user) or can_edit_investigation(user, investigation):
        return True
    return (
        is_active_user(user)
        and user.role == Role.AGENT
        and visible_problems(user).filter(pk=investigation.problem_id).exists()
    )


def can_decide(user) -> bool:
    """Recording the go/no-go: the team (it runs the portfolio's committees)."""
    return is_incubator_staff(user)


def investigation_for_user_or_404(user, pk, need: str = "view") -> Investigation:
    investigation = get_object_or_404(
        visible_investigations(user).select_related(
            "problem", "coach", "designer", "project", "committee", "solution"
        ),
        pk=pk,
    )
    if need == "edit" and not can_edit_investigation(user, investigation):
        raise PermissionDenied
    if need == "internals" and not can_see_internals(user, investigation):
        raise PermissionDenied
    return investigation


def day_roles(user, investigation: Investigation) -> list[str]:
    """The roles whose days `user` records and corrects on `investigation` (rules)."""
    if not can_edit_investigation(user, investigation):
        return []
    return day_roles_allowed(
        is_team=is_incubator_staff(user),
        is_coach=user.pk == investigation.coach_id,
        is_designer=user.pk == investigation.designer_id,
    )


def can_edit_day_entry(user, entry: DayEntry) -> bool:
    """Correcting or deleting days: the team, or the coach/designer for their own role's days
    and the agents' (never the other one's)."""
    return entry.role in day_roles(user, entry.investigation)


def day_entry_for_user_or_404(user, pk, entry_pk, need: str = "edit") -> DayEntry:
    """A day entry of an investigation, checked as its investigation (attached to it), and, to
    change it, as someone who may change that role's days."""
    investigation = investigation_for_user_or_404(user, pk, need=need)
    entry = get_object_or_404(DayEntry, pk=entry_pk, investigation=investigation)
    entry.investigation = investigation
    if need == "edit" and not can_edit_day_entry(user, entry):
        raise PermissionDenied
    return entry
