"""The team's review of an account request: accept (the account is created), decline,
correct, delete."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ...models import AccountRequest, Membership, Role, SecurityEventKind, User
from ...vocabulary import GRANTABLE_ROLES, MAX_DECLINE_REASON, AccountRequestStatus
from ..security_log import record
from .emails import set_password_url, tell_accepted, tell_declined
from .submission import EDITABLE_FIELDS, validate_account_request


def _require_pending(item: AccountRequest) -> None:
    if item.status != AccountRequestStatus.PENDING:
        raise ValidationError(
            f"Cette demande n'est plus à examiner (statut : {item.get_status_display()})."
        )


@transaction.atomic
def account_request_accept(
    *, account_request: AccountRequest, role: str, by: User, request=None
) -> User:
    """Create the account (active, no password yet), attach an agent to the collectivité of the
    request with its fonction, log it, and e-mail the link to choose a password."""
    item = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
    _require_pending(item)
    if role not in GRANTABLE_ROLES:
        raise ValidationError({"role": "Choisissez le rôle : agent ou porteur de service."})
    if role == Role.AGENT and item.collectivite is None:
        raise ValidationError(
            {
                "role": "Un compte d'agent est rattaché à une collectivité : corrigez d'abord la "
                "demande pour y indiquer la collectivité, ou choisissez « porteur de service »."
            }
        )
    if User.objects.filter(email__iexact=item.email).exists():
        raise ValidationError(
            f"Un compte existe déjà avec l'adresse {item.email} : refusez cette demande, ou "
            "corrigez son adresse."
        )
    collectivite = item.collectivite
    user = User(
        email=item.email.lower(),
        first_name=item.first_name,
        last_name=item.last_name,
        role=role,
        organisation=str(collectivite)[:200] if collectivite is not None else "",
        is_active=True,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    if role == Role.AGENT:
        field = Membership.field_for(collectivite)
        Membership.objects.create(user=user, position=item.position, **{field: collectivite})
    now = timezone.now()
    item.status = AccountRequestStatus.ACCEPTED
    item.granted_role = role
    item.decided_at = now
    item.decided_by = by
    item.user = user
    item.save()
    record(
        kind=SecurityEventKind.ROLE_CHANGED,
        request=request,
        user=user,
        actor=by,
        detail=f"demande de compte n° {item.pk} acceptée : rôle {user.get_role_display()}"
        + (f", rattachement à {collectivite}" if role == Role.AGENT else ""),
    )
    url = set_password_url(user)
    transaction.on_commit(lambda: tell_accepted(user, url))
    account_request.refresh_from_db()
    return user


@transaction.atomic
def account_request_decline(
    *, account_request: AccountRequest, reason: str, by: User
) -> AccountRequest:
    """Decline a pending request with a reason, told to the person by e-mail."""
    item = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
    _require_pending(item)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Indiquez le motif du refus : il est écrit à la personne."}
        )
    if len(reason) > MAX_DECLINE_REASON:
        raise ValidationError(
            {"reason": f"Motif trop long : {MAX_DECLINE_REASON} caractères au plus."}
        )
    item.status = AccountRequestStatus.DECLINED
    item.decline_reason = reason
    item.decided_at = timezone.now()
    item.decided_by = by
    item.save()
    transaction.on_commit(lambda: tell_declined(item))
    account_request.refresh_from_db()
    return item


@transaction.atomic
def account_request_update(*, account_request: AccountRequest, **fields) -> AccountRequest:
    """Correct a request (the team): the fields given change, the others keep their value."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Champs inconnus : {', '.join(sorted(unknown))}")
    item = account_request
    current = {
        "first_name": item.first_name,
        "last_name": item.last_name,
        "email": item.email,
        "kind": item.kind,
        "collectivite": item.collectivite,
        "position": item.position,
        "message": item.message,
    }
    values, errors = validate_account_request(**{**current, **fields})
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def account_request_delete(*, account_request: AccountRequest) -> None:
    """Delete a request (the account it created, if any, stays)."""
    account_request.delete()
