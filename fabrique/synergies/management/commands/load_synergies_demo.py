from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fabrique.core.importing import french_database_errors
from fabrique.core.numbers import counted
from fabrique.synergies.importers import InitiativeImportError, import_initiatives
from fabrique.synergies.services import recompute

from .recompute_synergies import recompute_message

DEMO_CSV = Path(__file__).resolve().parents[2] / "demo" / "initiatives.csv"
DEMO_SOURCE = "Fonds vert 2023 (échantillon de démonstration)"


class Command(BaseCommand):
    help = (
        "Charge des initiatives locales (format du fichier Fonds vert : séparateur « ; », "
        "UTF-8 ou Windows-1252) "
        "puis recalcule les synergies. Sans --csv : l'échantillon de démonstration intégré "
        "(150 initiatives). Tout ou rien, relançable sans doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", type=Path, help="fichier CSV au format Fonds vert")
        parser.add_argument("--source", default="", help="nom de la source (défaut : le fichier)")
        parser.add_argument("--year", type=int, default=2023, help="année (défaut : 2023)")

    @french_database_errors
    def handle(self, *args, **options):
        path = options["csv"] or DEMO_CSV
        source = options["source"] or (
            DEMO_SOURCE if options["csv"] is None else f"Fonds vert {options['year']}"
        )
        # The initiatives and the synergies computed from them: one transaction, so that a
        # run stopped mid-way (killed, machine down) leaves nothing and a rerun starts again.
        with transaction.atomic():
            try:
                report = import_initiatives(path, source=source, year=options["year"])
            except InitiativeImportError as error:
                raise CommandError(f"Import annulé, rien n'a été écrit :\n{error}") from None
            result = recompute()
        for item in [*report.warnings, *report.skipped]:
            self.stderr.write(self.style.WARNING(str(item)))
        self.stdout.write(
            self.style.SUCCESS(
                f"Initiatives locales ({source}) : "
                f"{counted(report.read, 'ligne lue', 'lignes lues')}, "
                f"{counted(report.created, 'créée')}, {counted(report.updated, 'modifiée')}, "
                f"{counted(report.unchanged, 'inchangée')}, "
                f"{counted(len(report.skipped), 'ignorée')}."
            )
        )
        self.stdout.write(self.style.SUCCESS(recompute_message(result)))
