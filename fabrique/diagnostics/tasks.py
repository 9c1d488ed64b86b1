"""Background work: the follow-up reminders at 3 and 6 months (idempotent: run it daily).

`manage.py followup_reminders` enqueues it (cron); the immediate backend runs it at once.
"""

from django_tasks import task

from .services import followup_reminders_send


@task()
def send_followup_reminders() -> int:
    return followup_reminders_send()
