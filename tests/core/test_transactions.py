"""`core.transactions.on_commit_once`: once per transaction, again after a rollback, at once
outside a transaction, and once even when a savepoint that asked for it is rolled back
(issue 11: built on the documented `transaction.on_commit` only)."""

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


def test_a_rolled_back_savepoint_neither_loses_nor_doubles_the_run():
    calls = []

    def job():
        calls.append(1)

    with transaction.atomic():
        on_commit_once(job)
        with pytest.raises(RuntimeError), transaction.atomic():
            on_commit_once(job)
            raise RuntimeError
    assert calls == [1]
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            on_commit_once(job)
            raise RuntimeError
        on_commit_once(job)
    assert calls == [1, 1]
