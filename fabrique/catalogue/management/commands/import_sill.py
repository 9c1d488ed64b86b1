from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.catalogue.importers import CatalogueImportError
from fabrique.catalogue.importers.sill import import_sill
from fabrique.core.importing import french_database_errors, progress, write_report


class Command(BaseCommand):
    help = (
        "Importe le SILL (Socle interministériel de logiciels libres, JSON à clés courtes) dans "
        "le catalogue. Tout le fichier ou rien ; relançable sans doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="CHEMIN", help="fichier sill.json")

    @french_database_errors
    def handle(self, *args, path, verbosity=1, **options):
        try:
            with progress(verbosity, shown_from=2, transient=True) as track:
                report = import_sill(path, track=track)
        except CatalogueImportError as error:
            raise CommandError(f"Import du SILL annulé, rien n'a été enregistré. {error}") from None
        write_report(self, report, ("fiche", "fiches"), feminine=True)
