from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.catalogue.importers import CatalogueImportError
from fabrique.catalogue.importers.aides import import_aides
from fabrique.core.importing import french_database_errors, progress, write_report


class Command(BaseCommand):
    help = (
        "Importe un export CSV d'Aides-territoires (aides et ingénierie pour les collectivités) "
        "dans les dispositifs de financement. Tout le fichier ou rien ; relançable sans doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="CHEMIN", help="fichier CSV exporté")

    @french_database_errors
    def handle(self, *args, path, verbosity=1, **options):
        try:
            with progress(verbosity, shown_from=2, transient=True) as track:
                report = import_aides(path, track=track)
        except CatalogueImportError as error:
            raise CommandError(
                f"Import des aides annulé, rien n'a été enregistré. {error}"
            ) from None
        write_report(self, report, ("aide", "aides"), feminine=True)
