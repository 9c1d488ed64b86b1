"""`manage.py import_investigations PATH...`: the programme's past investigations."""

from django.core.management.base import BaseCommand

from fabrique.core.importing import french_database_errors, progress
from fabrique.core.numbers import counted
from fabrique.investigations.importers import import_investigation_files


class Command(BaseCommand):
    help = "Importe des investigations depuis des fiches startup beta.gouv.fr (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Fichiers .md ou dossiers")

    @french_database_errors
    def handle(self, *args, paths, verbosity=1, **options):
        with progress(verbosity) as track:
            report = import_investigation_files(paths, track=track)
        self.stdout.write(
            f"{counted(report.created, 'investigation créée', 'investigations créées')}, "
            f"{counted(report.updated, 'mise à jour', 'mises à jour')}, "
            f"{counted(report.unchanged, 'inchangée')}, "
            f"{counted(len(report.skipped), 'fichier ignoré', 'fichiers ignorés')}, "
            f"{counted(len(report.warnings), 'signalé')}."
        )
        for path, reason in report.skipped:
            self.stdout.write(f"Ignoré : {path} — {reason}")
        for path, reason in report.warnings:
            self.stdout.write(f"À vérifier : {path} — {reason}")
