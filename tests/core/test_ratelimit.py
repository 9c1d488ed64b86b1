"""core.ratelimit: the limits shared by the public forms (applications, account requests)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fabrique.accounts.models import AccountRequest
from fabrique.core.ratelimit import Limit, check_rate, source_hash
from tests.accounts.factories import AccountRequestFactory

pytestmark = pytest.mark.django_db


def test_source_hash_is_keyed_and_never_the_address():
    digest = source_hash("203.0.113.5")
    assert len(digest) == 64 and "203.0.113.5" not in digest
    assert digest == source_hash("203.0.113.5") != source_hash("203.0.113.6")


def test_first_limit_reached_is_said_and_old_rows_do_not_count():
    now = timezone.now()
    for _ in range(2):
        AccountRequestFactory(email="a@exemple.fr", source_hash="h")
    old = AccountRequestFactory(email="a@exemple.fr", source_hash="h")
    AccountRequest.objects.filter(pk=old.pk).update(created_at=now - timedelta(hours=2))
    limits = [
        Limit({"email__iexact": "A@exemple.fr"}, 3, "trop pour l'adresse"),
        Limit({"source_hash": "h"}, 2, "trop pour le réseau"),
    ]
    with pytest.raises(ValidationError, match="trop pour le réseau"):
        check_rate(AccountRequest.objects.all(), since_field="created_at", now=now, limits=limits)
    limits[0] = Limit({"email__iexact": "a@exemple.fr"}, 2, "trop pour l'adresse")
    with pytest.raises(ValidationError, match="trop pour l'adresse"):
        check_rate(AccountRequest.objects.all(), since_field="created_at", now=now, limits=limits)


def test_a_limit_without_value_is_not_checked():
    """No network address known (empty hash): the rows without one are not counted together."""
    AccountRequestFactory(source_hash="")
    rows, now = AccountRequest.objects.all(), timezone.now()
    unknown = [Limit({"source_hash": ""}, 1, "adresse inconnue")]
    assert check_rate(rows, since_field="created_at", now=now, limits=unknown) is None
    known = [Limit({"source_hash": ""}, 1, "adresse inconnue"), Limit({"pk__gt": 0}, 1, "plein")]
    with pytest.raises(ValidationError, match="plein"):
        check_rate(rows, since_field="created_at", now=now, limits=known)
