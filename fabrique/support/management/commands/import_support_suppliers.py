from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fabrique.core.importing import french_database_errors
from fabrique.support.importers import import_suppliers


class Command(BaseCommand):
    help = "Importe les prestataires et leurs marchés depuis un CSV (nom;marche), sans doublon."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    @french_database_errors
    def handle(self, *args, path: Path, **options):
        try:
            report = import_suppliers(data=path.read_bytes())
        except (OSError, ValidationError) as error:
            messages = getattr(error, "messages", [str(error)])
            raise CommandError(" ".join(messages)) from None
        self.stdout.write(
            f"Prestataires : {report.created} créé(s), {report.updated} modifié(s), "
            f"{report.unchanged} inchangé(s)."
        )
