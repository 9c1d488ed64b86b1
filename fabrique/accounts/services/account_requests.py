"""« Demander un compte »: a person without an account asks for one, the team accepts it (the
account is created and a single-use link to choose a password is e-mailed) or declines it.

Nothing tells whether an address already has an account: such a request is answered the same
way on the page, and the e-mail to that address says the account exists and how to recover its
password.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from fabrique.core.numbers import counted
from fabrique.core.ratelimit import Limit, check_rate, source_hash
from fabrique.territories.models import EPCI, Commune

from ..models import AccountRequest, Membership, Role, SecurityEventKind, User
from ..security_log import record
from ..vocabulary import (
    ACCOUNT_REQUEST_RETENTION_MONTHS,
    GRANTABLE_ROLES,
    MAX_ACCOUNT_REQUEST_MESSAGE,
    MAX_ACCOUNT_REQUESTS_PER_EMAIL_PER_HOUR,
    MAX_ACCOUNT_REQUESTS_PER_IP_PER_HOUR,
    MAX_DECLINE_REASON,
    AccountRequestStatus,
    RequesterKind,
)

SIGNATURE = "\n\nL'équipe de l'incubateur"
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "kind",
    "collectivite",
    "position",
    "message",
)


def _site_url(path: str) -> str:
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def _validate(
    *, first_name, last_name, email, kind, collectivite, position, message
) -> tuple[dict, dict]:
    """The cleaned values of a request and the French errors, per field."""
    errors = {}
    values = {
        "first_name": (first_name or "").strip(),
        "last_name": (last_name or "").strip(),
        "email": (email or "").strip().lower(),
        "kind": kind,
        "position": (position or "").strip(),
        "message": (message or "").strip(),
        "commune": collectivite if isinstance(collectivite, Commune) else None,
        "epci": collectivite if isinstance(collectivite, EPCI) else None,
    }
    if not values["first_name"]:
        errors["first_name"] = "Indiquez votre prénom."
    elif len(values["first_name"]) > 150:
        errors["first_name"] = "Prénom trop long : 150 caractères au plus."
    if not values["last_name"]:
        errors["last_name"] = "Indiquez votre nom."
    elif len(values["last_name"]) > 150:
        errors["last_name"] = "Nom trop long : 150 caractères au plus."
    try:
        validate_email(values["email"])
    except ValidationError:
        errors["email"] = "Indiquez une adresse électronique valide (exemple : nom@domaine.fr)."
    if kind not in RequesterKind.values:
        errors["kind"] = "Dites qui vous êtes : agent·e ou élu·e, porteur·se de service, autre."
    if collectivite is not None and not isinstance(collectivite, (Commune, EPCI)):
        errors["collectivite"] = "Choisissez une commune ou un EPCI."
    elif kind == RequesterKind.AGENT and collectivite is None:
        errors["collectivite"] = (
            "Indiquez votre collectivité (nom, code Insee ou SIREN) : un compte d'agent·e est "
            "rattaché à sa collectivité."
        )
    if len(values["position"]) > 200:
        errors["position"] = "Fonction trop longue : 200 caractères au plus."
    if len(values["message"]) > MAX_ACCOUNT_REQUEST_MESSAGE:
        errors["message"] = (
            f"Message trop long ({len(values['message'])} caractères) : "
            f"{MAX_ACCOUNT_REQUEST_MESSAGE} au plus."
        )
    return values, errors


def _check_rate(*, email: str, source: str, now: datetime) -> None:
    check_rate(
        AccountRequest.objects.all(),
        since_field="created_at",
        now=now,
        limits=[
            Limit(
                {"email__iexact": email},
                MAX_ACCOUNT_REQUESTS_PER_EMAIL_PER_HOUR,
                "Trop de demandes envoyées pour cette adresse électronique en une heure : "
                "réessayez plus tard.",
            ),
            Limit(
                {"source_hash": source},
                MAX_ACCOUNT_REQUESTS_PER_IP_PER_HOUR,
                "Trop de demandes envoyées depuis ce réseau en une heure : réessayez plus tard.",
            ),
        ],
    )


@transaction.atomic
def account_request_submit(
    *,
    first_name: str,
    last_name: str,
    email: str,
    kind: str,
    collectivite=None,
    position: str = "",
    message: str = "",
    consent: bool,
    address: str = "",
) -> AccountRequest:
    """Record a request and acknowledge it by e-mail.

    When the address already has an account, the request is kept as « compte déjà existant »
    (so that it counts in the rate limit) and the e-mail says so, with the link to recover the
    password; the caller answers exactly as for any other request.
    """
    now = timezone.now()
    values, errors = _validate(
        first_name=first_name,
        last_name=last_name,
        email=email,
        kind=kind,
        collectivite=collectivite,
        position=position,
        message=message,
    )
    if not consent:
        errors["consent"] = (
            "Votre accord pour le traitement de vos données est nécessaire pour demander un compte."
        )
    if errors:
        raise ValidationError(errors)
    source = source_hash(address) if address else ""
    _check_rate(email=values["email"], source=source, now=now)
    exists = User.objects.filter(email__iexact=values["email"]).exists()
    item = AccountRequest(
        **values,
        consent_at=now,
        source_hash=source,
        status=AccountRequestStatus.EXISTING if exists else AccountRequestStatus.PENDING,
        decided_at=now if exists else None,
    )
    item.full_clean()
    item.save()
    if exists:
        transaction.on_commit(lambda: _tell_account_exists(item))
    else:
        transaction.on_commit(lambda: _acknowledge(item))
    return item


def _acknowledge(item: AccountRequest) -> None:
    send_mail(
        subject="Votre demande de compte sur Fabrique",
        message=(
            f"Bonjour {item.full_name},\n\nNous avons bien reçu votre demande de compte. "
            "L'équipe de l'incubateur l'examine et vous écrit à cette adresse : si elle est "
            "acceptée, vous recevrez un lien pour choisir votre mot de passe.\n\n"
            f"Vos données sont conservées {ACCOUNT_REQUEST_RETENTION_MONTHS} mois après la "
            "décision, puis supprimées." + SIGNATURE
        ),
        from_email=None,
        recipient_list=[item.email],
        fail_silently=True,
    )


def _tell_account_exists(item: AccountRequest) -> None:
    send_mail(
        subject="Votre demande de compte sur Fabrique",
        message=(
            f"Bonjour {item.full_name},\n\nUne demande de compte a été faite avec cette adresse "
            "électronique, mais un compte existe déjà avec elle : inutile d'en créer un autre.\n\n"
            "Si vous avez oublié votre mot de passe, choisissez-en un nouveau ici : "
            f"{_site_url(reverse('accounts:password-reset'))}\n\n"
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message." + SIGNATURE
        ),
        from_email=None,
        recipient_list=[item.email],
        fail_silently=True,
    )


def _require_pending(item: AccountRequest) -> None:
    if item.status != AccountRequestStatus.PENDING:
        raise ValidationError(
            f"Cette demande n'est plus à examiner (statut : {item.get_status_display()})."
        )


def set_password_url(user: User) -> str:
    """The single-use link to choose a password: Django's password-reset token, on the reset
    page of accounts (valid `PASSWORD_RESET_TIMEOUT` seconds, void once a password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    return _site_url(path)


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
    transaction.on_commit(lambda: _tell_accepted(user, url))
    account_request.refresh_from_db()
    return user


def _tell_accepted(user: User, url: str) -> None:
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    send_mail(
        subject="Votre compte Fabrique est ouvert",
        message=(
            f"Bonjour {user.display_name},\n\nVotre demande de compte est acceptée. Choisissez "
            f"votre mot de passe en suivant ce lien (valable {counted(hours, 'heure')}, une "
            "seule fois) :"
            f"\n\n{url}\n\nVous vous connecterez ensuite avec votre adresse électronique, "
            f"{user.email}. Si le lien a expiré, demandez-en un nouveau sur « Mot de passe "
            f"oublié » : {_site_url(reverse('accounts:password-reset'))}" + SIGNATURE
        ),
        from_email=None,
        recipient_list=[user.email],
        fail_silently=True,
    )


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
    transaction.on_commit(lambda: _tell_declined(item))
    account_request.refresh_from_db()
    return item


def _tell_declined(item: AccountRequest) -> None:
    send_mail(
        subject="Votre demande de compte sur Fabrique",
        message=(
            f"Bonjour {item.full_name},\n\nL'équipe de l'incubateur a examiné votre demande de "
            f"compte et ne peut pas y donner suite, pour ce motif :\n\n{item.decline_reason}\n\n"
            f"Vos données sont supprimées {ACCOUNT_REQUEST_RETENTION_MONTHS} mois après cette "
            "décision." + SIGNATURE
        ),
        from_email=None,
        recipient_list=[item.email],
        fail_silently=True,
    )


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
    values, errors = _validate(**{**current, **fields})
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


def purge_before(now: datetime | None = None) -> datetime:
    """Decided requests older than this are deleted (`ACCOUNT_REQUEST_RETENTION_MONTHS`)."""
    return (now or timezone.now()) - timedelta(days=ACCOUNT_REQUEST_RETENTION_MONTHS * 365 // 12)


@transaction.atomic
def purge_account_requests(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Delete the requests decided more than 12 months ago, and their history; pending
    requests stay whatever their age. Returns how many requests."""
    old = AccountRequest.objects.filter(decided_at__lt=purge_before(now)).exclude(
        status=AccountRequestStatus.PENDING
    )
    pks = list(old.values_list("pk", flat=True))
    if not dry_run and pks:
        # The deletion itself writes a last history row: the history goes after.
        AccountRequest.objects.filter(pk__in=pks).delete()
        AccountRequest.history.filter(id__in=pks).delete()
    return len(pks)


def account_requests_erase(person) -> int:
    """Erasure of a person (`fabrique.core.personal_data`): their account requests are deleted,
    history included (they served only to open the account)."""
    pks = list(
        AccountRequest.objects.filter(email__iexact=person.email).values_list("pk", flat=True)
    )
    if pks:
        AccountRequest.objects.filter(pk__in=pks).delete()
        AccountRequest.history.filter(id__in=pks).delete()
    return len(pks)
