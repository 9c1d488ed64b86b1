from pathlib import Path

from django.core.management.base import BaseCommand

from fabrique.core.backup import backup


class Command(BaseCommand):
    help = "Sauvegarde la base et les fichiers déposés dans un dossier (avec un manifeste)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="dossier de la sauvegarde")

    def handle(self, *args, output, **options):
        manifest = backup(Path(output))
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Sauvegarde écrite dans {output} : {rows} lignes ({manifest['engine']})."
        )
