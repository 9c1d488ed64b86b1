from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.catalogue.importers import CatalogueImportError
from fabrique.catalogue.importers.suite_territoriale import import_operators, import_services
from fabrique.core.importing import french_database_errors, progress, write_report


class Command(BaseCommand):
    help = (
        "Importe la Suite territoriale de l'ANCT : ses services (solutions du catalogue) et les "
        "opérateurs publics de services numériques (OPSN) avec leurs départements. Chaque "
        "fichier est importé entièrement ou pas du tout, les services d'abord ; relançable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--services", type=Path, metavar="CHEMIN", help="services.json")
        parser.add_argument("--operators", type=Path, metavar="CHEMIN", help="operators.json")

    @french_database_errors
    def handle(self, *args, services=None, operators=None, verbosity=1, **options):
        if not services and not operators:
            raise CommandError("Indiquez --services CHEMIN, --operators CHEMIN, ou les deux.")
        with progress(verbosity, shown_from=2, transient=True) as track:
            if services:
                try:
                    report = import_services(services, track=track)
                except CatalogueImportError as error:
                    raise CommandError(
                        f"Import des services annulé, rien n'a été enregistré. {error}"
                        + (" Les opérateurs n'ont pas été importés." if operators else "")
                    ) from None
                write_report(
                    self, report, ("fiche de service", "fiches de services"), feminine=True
                )
            if operators:
                try:
                    report = import_operators(operators, track=track)
                except CatalogueImportError as error:
                    saved = " (les services, eux, sont enregistrés)" if services else ""
                    raise CommandError(
                        f"Import des opérateurs annulé, rien n'en a été enregistré{saved}. {error}"
                    ) from None
                write_report(self, report, ("opérateur", "opérateurs"))
