from django.conf import settings
from django.core.management.base import BaseCommand

from fabrique.accounts.services.security_log import purge
from fabrique.core.numbers import counted


class Command(BaseCommand):
    help = "Supprime les événements du journal de sécurité plus anciens que SECURITY_LOG_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours",
            type=int,
            default=None,
            help=f"Durée de conservation en jours (par défaut {settings.SECURITY_LOG_DAYS}).",
        )

    def handle(self, *args, jours=None, **options):
        deleted = purge(days=jours)
        events = counted(
            deleted, "événement de sécurité supprimé", "événements de sécurité supprimés"
        )
        self.stdout.write(f"{events}.")
