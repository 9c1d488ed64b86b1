"""Issue 17 part 2, faults: a db_worker killed during a task must not leave it « running »
forever (seen with `make load`: SIGKILL during a synergy recompute left it RUNNING)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def task(status, started_minutes_ago):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        started_at=now - timedelta(minutes=started_minutes_ago),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="fabrique.synergies.tasks.recompute_index",
        backend_name="default",
        queue_name="default",
        run_after=now - timedelta(minutes=started_minutes_ago + 1),
    )


def test_tasks_of_a_dead_worker_are_queued_again():
    abandoned = task(TaskResultStatus.RUNNING, 120)
    recent = task(TaskResultStatus.RUNNING, 5)
    done = task(TaskResultStatus.SUCCESSFUL, 300)
    out = StringIO()
    call_command("recover_tasks", stdout=out)
    assert "1 tâche abandonnée remise en file" in out.getvalue()
    abandoned.refresh_from_db()
    recent.refresh_from_db()
    done.refresh_from_db()
    assert abandoned.status == TaskResultStatus.READY and abandoned.started_at is None
    assert recent.status == TaskResultStatus.RUNNING
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.ready().filter(pk=abandoned.pk).exists()
