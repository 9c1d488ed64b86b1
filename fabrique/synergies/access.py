"""Who may see and decide on synergies."""

from django.http import Http404

from fabrique.accounts.access import PROJECT_TEAM_ROLES, is_active_user, is_incubator_staff
from fabrique.core.views_helpers import require
from fabrique.portfolio.models import TeamMember

from .models import SynergyDecision
from .selectors import dismissed_pair_keys_among
from .vocabulary import PUBLIC_KINDS, DecisionStatus, known_kinds


def can_view_synergies(user) -> bool:
    """The Synergies page (groups across collectivités) and the decisions already recorded on
    a pair: the incubator team (every group), and — read-only — the coaches and service teams,
    who see the groups of their own projects (`own_projects`)."""
    if is_incubator_staff(user):
        return True
    return is_active_user(user) and user.role in PROJECT_TEAM_ROLES


def can_view_decisions(user) -> bool:
    """The decisions recorded on pairs (« Synergie confirmée », « Mis en relation »): the
    team's follow-up, for the team only."""
    return is_incubator_staff(user)


def own_projects(user) -> set[int] | None:
    """The projects whose groups `user` sees: None for the team (all of them)."""
    if is_incubator_staff(user):
        return None
    return set(TeamMember.objects.filter(user=user).values_list("project_id", flat=True))


def group_for_user_or_404(user, pk: int, *, load):
    """A group of synergies: 404 when gone or not one of the user's projects', 403 without
    access to synergies at all."""
    require(can_view_synergies(user))
    group = load(pk, projects=own_projects(user), readable=similar_kinds(user))
    if group is None:
        raise Http404("Ce groupe n'existe plus : les synergies ont été recalculées.")
    return group


def can_decide_synergy(user) -> bool:
    """Confirm, dismiss a suggested pair, record that people were put in touch."""
    return is_incubator_staff(user)


def can_restore_synergy(user) -> bool:
    """See the pairs dismissed and restore one (« Rétablir »): whoever may dismiss them."""
    return can_decide_synergy(user)


def dismissal_for_user_or_404(user, pk: int):
    """A dismissal still in force, for someone who may restore it: 403 without that right,
    404 when there is no such decision or the pair was restored already."""
    require(can_restore_synergy(user))
    decision = SynergyDecision.objects.filter(pk=pk, status=DecisionStatus.DISMISSED).first()
    if decision is None or not dismissed_pair_keys_among([decision.pair_key]):
        raise Http404("Cette paire n'est pas (ou plus) écartée.")
    return decision


def similar_kinds(user) -> frozenset[str]:
    """The kinds of item a user may see in « Similaires ailleurs », with the words they share.

    The incubator team: every kind. Everyone else, logged in or not: the kinds whose indexed
    text is public in full (`PUBLIC_KINDS`, today every kind). The reasons of a pair are shown
    only when both of its items are of these kinds (`selectors.similar_to`).
    """
    return known_kinds() if is_incubator_staff(user) else PUBLIC_KINDS
