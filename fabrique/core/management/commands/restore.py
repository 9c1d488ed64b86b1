from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restaure une sauvegarde faite par « backup » (refuse une base non vide sans --force)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="dossier de la sauvegarde")
        parser.add_argument("--force", action="store_true", help="écraser une base non vide")

    def handle(self, *args, source, force, **options):
        try:
            manifest = restore(Path(source), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Sauvegarde du {manifest['date']} restaurée.")
