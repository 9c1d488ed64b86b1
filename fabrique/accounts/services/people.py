"""Writes on accounts: demo accounts (one per role, re-creatable at will), erasure requests
and the erasure of a person."""

from dataclasses import dataclass

from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from fabrique.core import personal_data
from fabrique.core.emails import email_text
from fabrique.core.personal_data import ERASED_NAME
from fabrique.territories.models import Commune

from ..models import (
    ERASED_DOMAIN,
    DeletionRequest,
    DeletionRequestStatus,
    Membership,
    Role,
    SecurityEventKind,
    User,
)
from .security_log import record

MAX_REQUEST_MESSAGE = 2000

DEMO_PASSWORD = "fabrique-demo-2026"  # noqa: S105 - demo data only, printed on purpose


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    first_name: str
    last_name: str
    organisation: str


DEMO_ACCOUNTS = (
    DemoAccount("admin@fabrique.localhost", Role.ADMIN, "Alix", "Martin", "Incubateur"),
    DemoAccount("equipe@fabrique.localhost", Role.INCUBATOR, "Camille", "Durand", "Incubateur"),
    DemoAccount("coach@fabrique.localhost", Role.COACH, "Sacha", "Bernard", "Incubateur"),
    DemoAccount("agent@fabrique.localhost", Role.AGENT, "Dominique", "Petit", "Mairie"),
    DemoAccount("porteur@fabrique.localhost", Role.SERVICE_OWNER, "Lou", "Robert", "Service"),
)
# The demo agent works for a small commune of the Loire and its (small) intercommunality.
DEMO_AGENT_COMMUNE = "42248"  # Saint-Just-en-Chevalet, CC du Pays d'Urfé


@transaction.atomic
def ensure_user(
    *, email: str, role: str, password: str, first_name="", last_name="", organisation=""
) -> tuple[User, bool]:
    """Create the account or bring it back to the given state; return (user, created)."""
    is_admin = role == Role.ADMIN
    user, created = User.objects.update_or_create(
        email=email.lower(),
        defaults={
            "role": role,
            "first_name": first_name,
            "last_name": last_name,
            "organisation": organisation,
            "is_active": True,
            "is_staff": is_admin,
            "is_superuser": is_admin,
        },
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, created


@transaction.atomic
def attach_to_commune_and_epci(*, user: User, commune: Commune) -> None:
    Membership.objects.get_or_create(user=user, commune=commune)
    if commune.epci_id:
        # By id, not an unsaved EPCI(pk=…) stub: the security log names the EPCI.
        Membership.objects.get_or_create(user=user, epci_id=commune.epci_id)


@transaction.atomic
def load_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    results = []
    for account in DEMO_ACCOUNTS:
        user, created = ensure_user(
            email=account.email,
            role=account.role,
            password=DEMO_PASSWORD,
            first_name=account.first_name,
            last_name=account.last_name,
            organisation=account.organisation,
        )
        if account.role == Role.AGENT:
            commune = Commune.objects.filter(insee=DEMO_AGENT_COMMUNE).first()
            if commune:
                attach_to_commune_and_epci(user=user, commune=commune)
        results.append((account, created))
    return results


# --- Personal data: erasure requests and erasure -----------------------------------------


def person_for(user: User) -> personal_data.Person:
    """The person an export or an erasure is about: the account, its address and its names."""
    names = {user.get_full_name().strip(), f"{user.last_name} {user.first_name}".strip()}
    return personal_data.Person(
        user=user,
        email=user.email.lower(),
        names=tuple(sorted(name for name in names if name)),
        placeholder_email=erased_email(user),
    )


def erased_email(user: User) -> str:
    """The unique, undeliverable address an erased account keeps."""
    return f"personne-effacee-{user.pk}@{ERASED_DOMAIN}"


def is_erased(user: User) -> bool:
    return user.email.endswith(f"@{ERASED_DOMAIN}")


@transaction.atomic
def deletion_request_create(*, user: User, message: str = "", request=None) -> DeletionRequest:
    """Record a person's request to be erased; one pending request at a time."""
    if is_erased(user):
        raise ValidationError("Ce compte a déjà été effacé.")
    if DeletionRequest.objects.filter(user=user, status=DeletionRequestStatus.PENDING).exists():
        raise ValidationError(
            "Vous avez déjà une demande d'effacement en attente : l'équipe la traite, "
            "inutile d'en envoyer une autre."
        )
    message = message.strip()
    if len(message) > MAX_REQUEST_MESSAGE:
        raise ValidationError(
            {"message": f"Précisions trop longues : {MAX_REQUEST_MESSAGE} caractères au plus."}
        )
    deletion = DeletionRequest(user=user, email=user.email, message=message)
    deletion.save()
    record(kind=SecurityEventKind.ERASURE_REQUESTED, request=request, user=user)
    return deletion


@transaction.atomic
def deletion_request_cancel(*, deletion: DeletionRequest, request=None) -> DeletionRequest:
    if deletion.status != DeletionRequestStatus.PENDING:
        raise ValidationError("Cette demande n'est plus en attente : elle ne peut être annulée.")
    deletion.status = DeletionRequestStatus.CANCELLED
    deletion.save(update_fields=["status"])
    record(
        kind=SecurityEventKind.ERASURE_REQUESTED,
        request=request,
        user=deletion.user,
        detail="demande annulée",
    )
    return deletion


@dataclass(frozen=True)
class ErasureReport:
    user_id: int
    apps: dict[str, int]
    mentions: dict[str, int]

    @property
    def summary(self) -> str:
        parts = [f"{key} : {count}" for key, count in self.apps.items() if count]
        mentions = sum(self.mentions.values())
        if mentions:
            parts.append(f"autres mentions effacées : {mentions}")
        return ", ".join(parts) or "aucun autre enregistrement"


@transaction.atomic
def person_erase(
    *, user: User, by: User | None = None, request=None, dry_run: bool = False
) -> ErasureReport:
    """Anonymise a person everywhere, in one transaction; aggregates (counts, days, scores) stay.

    Each app erases its own records (see `fabrique.core.personal_data`); the account becomes
    « Personne effacée » with a placeholder address, an unusable password and no access; then
    every text column of every table (history included) is swept for the old address and names;
    pending deletion requests are marked done; the erasure is logged without the old address.
    With `dry_run`, everything is rolled back (and no file deleted): the report says what an
    erasure would change, for a confirmation.
    """
    if is_erased(user):
        raise ValidationError("Ce compte a déjà été effacé.")
    if dry_run:
        user = User.objects.get(pk=user.pk)  # the caller's instance stays as it was
    person = person_for(user)
    old_email = user.email
    counts = personal_data.erase_all(person)
    user.first_name, user.last_name = ERASED_NAME.split(" ", 1)
    user.email = person.placeholder_email
    user.organisation = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    Token.objects.filter(user=user).delete()
    now = timezone.now()
    DeletionRequest.objects.filter(user=user, status=DeletionRequestStatus.PENDING).update(
        status=DeletionRequestStatus.DONE, done_at=now, done_by=by
    )
    mentions = personal_data.sweep(person.needles)
    report = ErasureReport(user_id=user.pk, apps=counts, mentions=mentions)
    record(
        kind=SecurityEventKind.ERASED,
        request=request,
        user=user,
        detail=f"compte n° {user.pk} effacé — {report.summary}"[:500],
        actor=by,
    )
    if dry_run:
        transaction.set_rollback(True)  # and the message below is never sent
    transaction.on_commit(lambda: _tell_erased(old_email))
    return report


def _tell_erased(email: str) -> None:
    """The last message to the old address, which the platform no longer keeps."""
    send_mail(
        subject="Vos données ont été effacées",
        message=email_text(
            "Vos données personnelles ont été effacées de Fabrique et votre compte "
            "est fermé. Les chiffres auxquels vous avez contribué (inscriptions, jours passés, "
            "notes) sont gardés sans votre nom."
        ),
        from_email=None,
        recipient_list=[email],
        fail_silently=True,
    )


@transaction.atomic
def lockout_release(*, by, username: str = "", ip_address: str = "", request=None) -> int:
    """Lift a django-axes block before it ends by itself: every recent failure of the account
    (from any address) or of the address (for any account) is forgotten, and the security log
    says who did it. Returns how many attempt rows were deleted."""
    username, ip_address = (username or "").strip(), (ip_address or "").strip()
    if bool(username) == bool(ip_address):
        raise ValidationError("Indiquez le compte ou l'adresse IP à débloquer.")
    if username:
        attempts, detail = AccessAttempt.objects.filter(username=username), "compte débloqué"
    else:
        attempts = AccessAttempt.objects.filter(ip_address=ip_address)
        detail = f"adresse {ip_address} débloquée"
    deleted, _ = attempts.delete()
    if not deleted:
        raise ValidationError("Rien à débloquer : ce blocage a déjà pris fin.")
    record(kind=SecurityEventKind.UNLOCK, request=request, actor=by, email=username, detail=detail)
    return deleted
