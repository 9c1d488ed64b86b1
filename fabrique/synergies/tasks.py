"""Background work: `recompute_index`, enqueued by `services.enqueue_recompute()`.

The task is declared in `services`, beside `recompute` which it runs, so that the services
enqueue it without importing this module (no import cycle); it is importable from here like
the tasks of the other apps.

Backend chosen by the ``TASKS`` setting: immediate (runs at once, in the request) by default,
`django_tasks_db.DatabaseBackend` with ``manage.py db_worker`` in production.
"""

from .services import recompute_index

__all__ = ["recompute_index"]
