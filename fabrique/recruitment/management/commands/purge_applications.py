from django.core.management.base import BaseCommand
from django.utils import timezone

from fabrique.core.numbers import counted, is_plural
from fabrique.recruitment.services import purge_applications
from fabrique.recruitment.vocabulary import RETENTION_MONTHS


class Command(BaseCommand):
    help = (
        f"Supprime les candidatures (CV compris) {RETENTION_MONTHS} mois après la clôture de "
        "leur offre. À lancer chaque jour (tâche planifiée ou travailleur)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="affiche ce qui serait supprimé, sans supprimer"
        )

    def handle(self, *args, dry_run=False, **options):
        ids = purge_applications(today=timezone.localdate(), dry_run=dry_run)
        what, plural = counted(len(ids), "candidature"), is_plural(len(ids))
        if dry_run:
            verb = "seraient supprimées" if plural else "serait supprimée"
        else:
            verb = "supprimées" if plural else "supprimée"
        self.stdout.write(self.style.SUCCESS(f"{what} {verb}."))
