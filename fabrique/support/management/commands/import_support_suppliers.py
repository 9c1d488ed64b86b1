from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fabrique.core.importing import french_database_errors
from fabrique.core.numbers import counted
from fabrique.core.text import reading_problem
from fabrique.support.importers import import_suppliers


class Command(BaseCommand):
    help = "Importe les prestataires et leurs marchés depuis un CSV (nom;marche), sans doublon."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    @french_database_errors
    def handle(self, *args, path: Path, **options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path} : {reading_problem(error)}") from None
        try:
            report = import_suppliers(data=data)
        except ValidationError as error:
            raise CommandError(f"{path.name} : {' '.join(error.messages)}") from None
        self.stdout.write(
            f"Prestataires : {counted(report.created, 'créé')}, "
            f"{counted(report.updated, 'modifié')}, {counted(report.unchanged, 'inchangé')}."
        )
