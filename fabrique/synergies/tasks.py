"""Background work: `recompute_index`, enqueued by `services.enqueue_recompute()`.

Backend chosen by the ``TASKS`` setting: immediate (runs at once, in the request) by default,
`django_tasks_db.DatabaseBackend` with ``manage.py db_worker`` in production.
"""

from django.utils.dateparse import parse_datetime
from django_tasks import task


@task()
def recompute_index(requested_at: str | None = None) -> dict:
    from .services import recompute

    return recompute(requested_at=parse_datetime(requested_at) if requested_at else None)
