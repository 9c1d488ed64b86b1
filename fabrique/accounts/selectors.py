from django.db.models import Count, QuerySet
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from fabrique.core.espace import Block, Line

from .access import can_access_admin
from .models import Membership


def memberships_for_user(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related(
        "commune__departement", "epci", "departement", "region"
    )


def admin_block(user):
    """Administrators: background tasks (failed, waiting, running) and the administration."""
    if not can_access_admin(user):
        return None
    counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by())
    failed = counts.get(TaskResultStatus.FAILED, 0)
    admin = reverse("admin:index")
    lines = [
        Line("Tâches de fond en échec", admin, failed, level="error" if failed else "success"),
        Line("Tâches de fond en attente", admin, counts.get(TaskResultStatus.READY, 0)),
        Line("Tâches de fond en cours", admin, counts.get(TaskResultStatus.RUNNING, 0)),
        Line(
            "Connexions bloquées et tentatives (journal)",
            reverse("admin:axes_accessattempt_changelist"),
        ),
    ]
    return Block("Administration", lines, links=[("Administration", admin)])
