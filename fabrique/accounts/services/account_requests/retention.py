"""How long account requests are kept: purged 12 months after the decision, erased with the
person."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from ...models import AccountRequest
from ...vocabulary import ACCOUNT_REQUEST_RETENTION_MONTHS, AccountRequestStatus


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
