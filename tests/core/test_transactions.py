"""Pins the behaviour `core.transactions.on_commit_once` relies on (issue 11: the only place
that reads Django's list of waiting callbacks)."""

import pytest
from django.db import transaction

from fabrique.core.transactions import on_commit_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_once_per_transaction_again_after_a_rollback_and_at_once_outside():
    calls = []

    def job():
        calls.append(1)

    with transaction.atomic():
        on_commit_once(job)
        on_commit_once(job)
    assert calls == [1]
    with pytest.raises(RuntimeError), transaction.atomic():
        on_commit_once(job)
        raise RuntimeError
    assert calls == [1]
    with transaction.atomic():
        on_commit_once(job)
    assert calls == [1, 1]
    on_commit_once(job)  # autocommit: runs now
    assert calls == [1, 1, 1]
