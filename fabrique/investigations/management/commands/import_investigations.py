"""`manage.py import_investigations PATH...`: the programme's past investigations."""

from django.core.management.base import BaseCommand
from rich.progress import track

from fabrique.investigations.importers import import_investigation_files


class Command(BaseCommand):
    help = "Importe des investigations depuis des fiches startup beta.gouv.fr (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Fichiers .md ou dossiers")

    def handle(self, *args, paths, **options):
        report = import_investigation_files(
            paths, track=lambda items, what: track(items, description=what)
        )
        self.stdout.write(report.summary())
        for path, reason in report.skipped:
            self.stdout.write(f"Ignoré : {path} — {reason}")
        for path, reason in report.flagged:
            self.stdout.write(f"À vérifier : {path} — {reason}")
