"""Background work: the "day before" reminder of sessions (idempotent; run it hourly).

`manage.py support_reminders` enqueues it (cron), the immediate backend runs it at once.
"""

from django_tasks import task

from .services import reminders_send


@task()
def send_reminders() -> int:
    return reminders_send()
