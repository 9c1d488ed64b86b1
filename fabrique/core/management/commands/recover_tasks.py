from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from fabrique.core.numbers import counted


class Command(BaseCommand):
    help = (
        "Remet en file les tâches de fond restées « en cours » après l'arrêt brutal de leur "
        "travailleur (processus tué, machine redémarrée) : elles seront relancées au lieu de "
        "rester en cours pour toujours. Lancé avant chaque `db_worker` (Procfile)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="âge minimal d'une tâche en cours pour la considérer abandonnée (60 par défaut)",
        )

    @transaction.atomic
    def handle(self, *args, older_than: int, **options):
        cutoff = timezone.now() - timedelta(minutes=older_than)
        stale = DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING, started_at__lt=cutoff
        )
        count = stale.update(status=TaskResultStatus.READY, started_at=None)
        self.stdout.write(
            f"{counted(count, 'tâche abandonnée remise', 'tâches abandonnées remises')} en file."
        )
