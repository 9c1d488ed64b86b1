"""Every permission decision of the platform about accounts and territories, one function per kind.

Later modules add their own `access.py` (projects, diagnostics…) built on these roles.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import AccountRequest, Membership, Role

STAFF_ROLES = frozenset({Role.ADMIN, Role.INCUBATOR})
# Those who work on the incubator's projects: they see the details of the projects whose team
# they are on (portfolio), and their indicators (impact).
PROJECT_TEAM_ROLES = frozenset({Role.COACH, Role.SERVICE_OWNER})


def is_active_user(user) -> bool:
    """Logged in with an account still active: the first condition of every other rule."""
    return bool(user and user.is_authenticated and user.is_active)


def is_incubator_staff(user) -> bool:
    """Administrators and the incubator team see and run everything of the incubator."""
    return is_active_user(user) and (user.is_superuser or user.role in STAFF_ROLES)


def can_access_admin(user) -> bool:
    """The Django administration is for administrators only."""
    return is_active_user(user) and (user.is_superuser or user.role == Role.ADMIN)


def can_view_territory(user, territory) -> bool:
    """Reference territories are open data: anyone, logged in or not, may read them."""
    return True


def can_act_for_collectivite(user, territory) -> bool:
    """Speak for a collectivité (request support, submit a problem, answer a diagnostic).

    The incubator team may do it for any collectivité; an agent only for the collectivités
    they are attached to. Coaches and service teams work *with* collectivités, not for them.
    """
    if not is_active_user(user):
        return False
    if is_incubator_staff(user):
        return True
    if user.role != Role.AGENT:
        return False
    try:
        field = Membership.field_for(territory)
    except KeyError:
        return False
    return Membership.objects.filter(user=user, **{field: territory}).exists()


def can_view_deletion_requests(user) -> bool:
    """The incubator team follows the erasure requests; administrators carry them out."""
    return is_incubator_staff(user)


def can_review_account_requests(user) -> bool:
    """The incubator team (and administrators) examine the requests for an account."""
    return is_incubator_staff(user)


def visible_account_requests(user):
    """The account requests a user may see: all of them for the team, none for anyone else."""
    if not can_review_account_requests(user):
        return AccountRequest.objects.none()
    return AccountRequest.objects.all()


def account_request_for_user_or_404(user, pk, need: str = "view") -> AccountRequest:
    """Load an account request for the team: 403 for anyone else (before looking it up, so
    that nothing tells whether it exists), then 404 for an unknown one. The team may `view`
    and `edit` (accept, decline, correct, delete) alike."""
    if need not in ("view", "edit"):
        raise ValueError(f"need inconnu : {need}")
    if not can_review_account_requests(user):
        raise PermissionDenied
    return get_object_or_404(
        visible_account_requests(user).select_related(
            "commune__departement", "epci", "decided_by", "user"
        ),
        pk=pk,
    )
