"""The security log: who logged in or failed to, lockouts, role, membership and token changes,
exports of personal data. `record(...)` is the one writer; the receivers below are connected in
`AccountsConfig.ready()`. Other apps call `record_personal_read(...)` when a download, an export
or an API answer gives names or e-mails of people (candidates, contacts and people met of a
collectivité, freelancers); the team's own names as assignees (chargé·e, coach) do not count.
"""

from datetime import timedelta

from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from fabrique.core.numbers import counted
from fabrique.core.ratelimit import Limit, check_rate, client_address

from ..models import SecurityEvent, SecurityEventKind, User
from ..vocabulary import MAX_PASSWORD_RESETS_PER_EMAIL_PER_HOUR, MAX_PASSWORD_RESETS_PER_IP_PER_HOUR


def client_ip(request) -> str | None:
    return (client_address(request) or None) if request is not None else None


def record(
    *, kind: str, request=None, user=None, email: str = "", detail: str = "", actor=None
) -> None:
    if actor is None:
        actor = getattr(request, "user", None) if request is not None else None
    if actor is not None and not actor.is_authenticated:
        actor = None
    if user is not None and not email:
        email = user.email
    SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        email=(email or "")[:254],
        actor=actor,
        ip_address=client_ip(request),
        detail=detail[:500],
    )


def password_reset_check(*, request, email: str) -> None:
    """« Mot de passe oublié »: each answer is an e-mail, so a few per hour per address typed
    and per network (whether an account exists or not: the refusal tells nothing), counted on
    the security log's lines of the links sent, in the database every web process shares; a
    refused request is not counted. ValidationError in French past the limit."""
    check_rate(
        SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_RESET_ASKED),
        since_field="at",
        now=timezone.now(),
        limits=[
            Limit(
                {"email__iexact": email.strip()},
                MAX_PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
                "Trop de demandes de lien pour cette adresse électronique en une heure : "
                "réessayez plus tard.",
            ),
            Limit(
                {"ip_address": client_ip(request)},
                MAX_PASSWORD_RESETS_PER_IP_PER_HOUR,
                "Trop de demandes de lien depuis ce réseau en une heure : réessayez plus tard.",
            ),
        ],
    )


def record_personal_read(
    request, *, what: str, count: int, noun: str = "personne", plural: str = "", email: str = ""
) -> bool:
    """One PERSONAL_EXPORT event for a request that gave personal data: who (the account, even
    through an API token: pass DRF's request), when, what (`what`, then the address asked) and
    how many (`count` `noun`s, `plural` for several words). Nothing when `count` is 0: the
    answer named nobody. Says whether it recorded."""
    if count <= 0:
        return False
    record(
        kind=SecurityEventKind.PERSONAL_EXPORT,
        request=request,
        email=email,
        detail=f"{what} : {counted(count, noun, plural)} "
        f"({request.method} {request.get_full_path()})",
    )
    return True


def purge(*, days: int | None = None) -> int:
    """Delete the events older than `days` (SECURITY_LOG_DAYS), and django-axes' logs of
    logins and failures of the same age (same retention); returns how many events."""
    days = settings.SECURITY_LOG_DAYS if days is None else days
    before = timezone.now() - timedelta(days=days)
    deleted, _ = SecurityEvent.objects.filter(at__lt=before).delete()
    AccessLog.objects.filter(attempt_time__lt=before).delete()
    AccessFailureLog.objects.filter(attempt_time__lt=before).delete()
    return deleted


def on_logged_in(sender, request, user, **kwargs):
    record(kind=SecurityEventKind.LOGIN, request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    email = str(credentials.get("username") or credentials.get("email") or "")
    record(kind=SecurityEventKind.LOGIN_FAILED, request=request, email=email)


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(kind=SecurityEventKind.LOGOUT, request=request, user=user)


def on_locked_out(sender, request, username, ip_address, **kwargs):
    record(
        kind=SecurityEventKind.LOCKOUT,
        request=request,
        email=username or "",
        detail=f"blocage du compte et de l'adresse {ip_address}",
    )


def on_user_pre_save(sender, instance, **kwargs):
    """Remember the role and password hash before the save, to log their change after it."""
    if instance.pk:
        previous = User.objects.filter(pk=instance.pk).values("role", "password").first()
        instance._security_previous = previous


def on_user_post_save(sender, instance, created, **kwargs):
    previous = getattr(instance, "_security_previous", None)
    if created:
        record(
            kind=SecurityEventKind.ROLE_CHANGED,
            user=instance,
            detail=f"compte créé avec le rôle {instance.get_role_display()}",
        )
        return
    if previous and previous["role"] != instance.role:
        record(
            kind=SecurityEventKind.ROLE_CHANGED,
            user=instance,
            detail=f"{previous['role']} → {instance.role}",
        )
    if previous and previous["password"] != instance.password:
        record(kind=SecurityEventKind.PASSWORD_CHANGED, user=instance)


def on_membership_saved(sender, instance, created, **kwargs):
    if created:
        record(
            kind=SecurityEventKind.MEMBERSHIP_ADDED,
            user=instance.user,
            detail=str(instance.collectivite),
        )


def on_membership_deleted(sender, instance, **kwargs):
    record(
        kind=SecurityEventKind.MEMBERSHIP_REMOVED,
        user=instance.user,
        detail=str(instance.collectivite),
    )


def on_token_saved(sender, instance, created, **kwargs):
    if created:
        user = getattr(instance, "user", None)
        record(
            kind=SecurityEventKind.TOKEN_CREATED,
            user=user if isinstance(user, User) else None,
            detail=f"{sender._meta.verbose_name} {instance.pk}",
        )


def on_token_deleted(sender, instance, **kwargs):
    user = getattr(instance, "user", None)
    record(
        kind=SecurityEventKind.TOKEN_REVOKED,
        user=user if isinstance(user, User) else None,
        detail=f"{sender._meta.verbose_name} {instance.pk}",
    )
