from django.core.management.base import BaseCommand

from fabrique.accounts.services import purge_account_requests
from fabrique.accounts.vocabulary import ACCOUNT_REQUEST_RETENTION_MONTHS
from fabrique.core.numbers import agree, counted


class Command(BaseCommand):
    help = (
        "Supprime les demandes de compte décidées (acceptées, refusées, compte déjà existant) "
        f"depuis plus de {ACCOUNT_REQUEST_RETENTION_MONTHS} mois, historique compris ; les "
        "demandes à examiner restent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien supprimer.")

    def handle(self, *args, dry_run=False, **options):
        count = purge_account_requests(dry_run=dry_run)
        verb = "à supprimer" if dry_run else agree(count, "supprimée")
        self.stdout.write(f"{counted(count, 'demande de compte', 'demandes de compte')} {verb}.")
