from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Max, Q, QuerySet, Sum, Value, When
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from fabrique.core import personal_data
from fabrique.core.espace import Block, Line
from fabrique.core.numbers import integer
from fabrique.territories.models import TerritoryImport

from .access import can_access_admin, can_review_account_requests, visible_account_requests
from .filters import AccountRequestFilter
from .models import (
    ERASED_DOMAIN,
    AccountRequest,
    DeletionRequest,
    DeletionRequestStatus,
    Membership,
    Role,
    SecurityEvent,
    User,
)
from .vocabulary import AccountRequestStatus


def memberships_for_user(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related(
        "commune__departement", "epci", "departement", "region"
    )


def lockouts(*, now=None) -> dict[str, list[dict]]:
    """What django-axes refuses right now (AXES_LOCKOUT_PARAMETERS: per account OR per address):
    the accounts and the addresses whose recent failures reach AXES_FAILURE_LIMIT, each with
    its failures, last attempt and when the block ends by itself (2 queries)."""
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
    found = {}
    known = {"username": {"username__gt": ""}, "ip_address": {"ip_address__isnull": False}}
    for key, field in (("accounts", "username"), ("addresses", "ip_address")):
        rows = (
            recent.filter(**known[field])
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last")
        )
        found[key] = [
            {
                "value": row[field],
                "failures": row["failures"],
                "last": row["last"],
                "until": row["last"] + settings.AXES_COOLOFF_TIME,
            }
            for row in rows
        ]
    return found


def lockout_until(*, username: str = "", ip_address: str = "", now=None):
    """When the block of this account or of this address ends by itself (the later of the
    two), or None when neither is blocked."""
    found = lockouts(now=now)
    ends = [row["until"] for row in found["accounts"] if username and row["value"] == username]
    ends += [
        row["until"] for row in found["addresses"] if ip_address and row["value"] == ip_address
    ]
    return max(ends, default=None)


def admin_block(user):
    """Administrators: background tasks (failed, waiting, running), the last import of the
    reference territories, security log, deletion requests, and the administration."""
    if not can_access_admin(user):
        return None
    counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by())
    failed = counts.get(TaskResultStatus.FAILED, 0)
    pending = DeletionRequest.objects.filter(status=DeletionRequestStatus.PENDING).count()
    admin = reverse("admin:index")
    last_import = TerritoryImport.objects.order_by("-finished_at").first()
    blocked = sum(len(rows) for rows in lockouts().values())
    meta = DBTaskResult._meta
    tasks = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    lines = [  # each count opens the list of those tasks
        Line(
            "Tâches de fond en échec",
            f"{tasks}?status__exact={TaskResultStatus.FAILED}",
            failed,
            level="error" if failed else "success",
            singular="Tâche de fond en échec",
        ),
        Line(
            "Tâches de fond en attente",
            f"{tasks}?status__exact={TaskResultStatus.READY}",
            counts.get(TaskResultStatus.READY, 0),
            singular="Tâche de fond en attente",
        ),
        Line(
            "Tâches de fond en cours",
            f"{tasks}?status__exact={TaskResultStatus.RUNNING}",
            counts.get(TaskResultStatus.RUNNING, 0),
            singular="Tâche de fond en cours",
        ),
        Line(
            "Dernier import du référentiel des territoires",
            reverse("admin:territories_territoryimport_changelist"),
            detail=(
                f"le {timezone.localtime(last_import.finished_at):%d/%m/%Y à %H:%M}, "
                f"{integer(last_import.communes)} communes, {integer(last_import.epcis)} EPCI"
                if last_import
                else "aucun : lancez manage.py import_territories"
            ),
            level="" if last_import else "error",
        ),
        Line(
            "Connexions bloquées (comptes et adresses) à débloquer",
            reverse("accounts:security-log") + "#bloquees",
            blocked,
            level="error" if blocked else "",
            singular="Connexion bloquée (compte ou adresse) à débloquer",
        ),
        Line(
            "Demandes d'effacement en attente",
            reverse("accounts:deletion-requests"),
            pending,
            level="warning" if pending else "",
            singular="Demande d'effacement en attente",
        ),
    ]
    return Block("Administration", lines, links=[("Administration", admin)])


# --- Personal data ------------------------------------------------------------------------

EXPORT_FORMAT_VERSION = 1


def person_export(user, person: personal_data.Person) -> dict:
    """Everything the platform holds about one account, as JSON-ready data (never the
    password hash): the account, its collectivités, its requests, its security events, then
    each app's records (see `fabrique.core.personal_data`)."""
    account = {
        "adresse_electronique": user.email,
        "prenom": user.first_name,
        "nom": user.last_name,
        "organisation": user.organisation,
        "role": user.get_role_display(),
        "actif": user.is_active,
        "inscrit_le": user.date_joined,
        "derniere_connexion": user.last_login,
    }
    memberships = [
        {
            "collectivite": str(membership.collectivite),
            "type": membership.collectivite._meta.verbose_name,
            "fonction": membership.position,
        }
        for membership in memberships_for_user(user)
    ]
    requests = [
        {
            "demandee_le": deletion.requested_at,
            "statut": deletion.get_status_display(),
            "precisions": deletion.message,
            "traitee_le": deletion.done_at,
        }
        for deletion in DeletionRequest.objects.filter(user=user)
    ]
    events = [
        {
            "date": event.at,
            "evenement": event.get_kind_display(),
            "adresse_ip": event.ip_address,
            "detail": event.detail,
        }
        for event in SecurityEvent.objects.filter(
            Q(user=user) | Q(email__iexact=user.email)
        ).order_by("at", "pk")
    ]
    return {
        "format": EXPORT_FORMAT_VERSION,
        "compte": account,
        "rattachements": {"titre": "Collectivités", "enregistrements": memberships},
        "demandes_effacement": {"titre": "Demandes d'effacement", "enregistrements": requests},
        "journal_securite": {"titre": "Journal de sécurité", "enregistrements": events},
        **personal_data.export_all(person),
    }


def pending_deletion_request(user) -> DeletionRequest | None:
    return DeletionRequest.objects.filter(user=user, status=DeletionRequestStatus.PENDING).first()


def deletion_requests_for_team():
    """The team's list: pending first, then the latest handled."""
    return DeletionRequest.objects.select_related("user", "done_by").order_by(
        "-status", "-requested_at", "-pk"
    )


IDLE_ACCOUNT_DAYS = 3 * 365


def idle_accounts(*, days: int = IDLE_ACCOUNT_DAYS, now=None) -> QuerySet:
    """Accounts not used for `days` (last login, or creation when never logged in), not yet
    erased; administrators are left out (an administration must keep one)."""
    limit = (now or timezone.now()) - timedelta(days=days)
    return (
        User.objects.filter(
            Q(last_login__lt=limit) | Q(last_login__isnull=True, date_joined__lt=limit)
        )
        .exclude(email__endswith=f"@{ERASED_DOMAIN}")
        .exclude(is_superuser=True)
        .exclude(role=Role.ADMIN)
        .order_by("pk")
    )


# --- Account requests ---------------------------------------------------------------------


def account_requests_for_team(user, params=None) -> tuple[AccountRequestFilter, QuerySet]:
    """The team's queue, filtered by `?statut=`: those to examine first (oldest first, as they
    wait), then the decided ones, latest first. A constant number of queries per page."""
    pending_first = Case(
        When(status=AccountRequestStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    rows = (
        visible_account_requests(user)
        .select_related("commune", "epci", "decided_by", "user")
        .annotate(pending_first=pending_first)
    )
    filterset = AccountRequestFilter(params, queryset=rows)
    # Pending ones by their date, oldest first; decided ones (no such date) latest first.
    waiting_since = Case(
        When(status=AccountRequestStatus.PENDING, then=F("created_at")), default=Value(None)
    )
    ordered = filterset.qs.order_by(
        "pending_first", waiting_since.asc(nulls_last=True), "-created_at", "-pk"
    )
    return filterset, ordered


def pending_account_requests_count() -> int:
    return AccountRequest.objects.filter(status=AccountRequestStatus.PENDING).count()


def account_requests_block(user):
    """« Mon espace » of the team: how many account requests wait, absent when none do."""
    if not can_review_account_requests(user):
        return None
    pending = pending_account_requests_count()
    if not pending:
        return None
    url = reverse("accounts:account-requests") + f"?statut={AccountRequestStatus.PENDING}"
    return Block(
        "Comptes",
        [
            Line(
                "Demandes de compte à examiner",
                url,
                pending,
                level="warning",
                singular="Demande de compte à examiner",
            )
        ],
    )


def account_requests_export(person: personal_data.Person) -> list[dict]:
    """The account requests made with the person's address (personal data export)."""
    return [
        {
            "demandee_le": item.created_at,
            "prenom": item.first_name,
            "nom": item.last_name,
            "adresse_electronique": item.email,
            "qui": item.get_kind_display(),
            "collectivite": str(item.collectivite) if item.collectivite else "",
            "fonction": item.position,
            "message": item.message,
            "statut": item.get_status_display(),
            "decidee_le": item.decided_at,
            "motif_du_refus": item.decline_reason,
        }
        for item in AccountRequest.objects.filter(email__iexact=person.email)
        .select_related("commune", "epci")
        .order_by("created_at", "pk")
    ]
