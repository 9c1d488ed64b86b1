"""`on_commit_once`: run a function once after the current transaction commits, however many
times it is asked for during the transaction.

Built only on the documented `transaction.on_commit`: each request registers a small callback,
and the function waits in a per-thread table until the first of those callbacks runs it and
takes it out; the others find nothing to do. A transaction rolled back drops its callbacks, so
the function waits in the table until the next commit that asks for it (no stale run, no lost
one). Outside a transaction, `on_commit` runs the callback at once.
"""

import threading

from django.db import transaction

_waiting = threading.local()


def _table() -> dict:
    table = getattr(_waiting, "table", None)
    if table is None:
        table = _waiting.table = {}
    return table


def _run(key) -> None:
    func = _table().pop(key, None)
    if func is not None:
        func()


def on_commit_once(func) -> None:
    """Run `func` after the commit of the current transaction, once (on the default database)."""
    key = id(func)
    _table()[key] = func
    transaction.on_commit(lambda: _run(key), robust=True)
