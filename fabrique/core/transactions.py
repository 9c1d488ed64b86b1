"""`on_commit_once`: run a function once after the current transaction commits, however many
times it is asked for during the transaction.

Django offers `transaction.on_commit` but no way to ask whether a function is already waiting.
This is the one place that reads the connection's list of waiting callbacks
(`connection.run_on_commit`, an attribute Django does not document); tests/core pin the
behaviour it relies on (one run per transaction, scheduled again after a rollback, at once
outside a transaction), so an upgrade that changes it fails there, not silently.
"""

from django.db import transaction


def on_commit_once(func) -> None:
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        waiting is func for _, waiting, _ in getattr(connection, "run_on_commit", ())
    ):
        return
    transaction.on_commit(func, robust=True)
