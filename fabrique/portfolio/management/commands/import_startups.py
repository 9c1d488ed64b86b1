from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.core.commands import french_database_errors, progress
from fabrique.portfolio.importers.startups import import_startup_files


class Command(BaseCommand):
    help = (
        "Importe des fiches startups de beta.gouv.fr (Markdown avec en-tête YAML). Chaque "
        "fichier est importé entièrement ou pas du tout ; relançable sans risque."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            type=Path,
            metavar="CHEMIN",
            help="fichier .md ou dossier (ses fichiers *.md sont lus)",
        )

    @french_database_errors
    def handle(self, *args, paths, verbosity=1, **options):
        with progress(verbosity) as track:
            report = import_startup_files(paths, track=track)

        if report.total == 0:
            self.stdout.write(self.style.WARNING("Aucun fichier .md trouvé : rien à importer."))
            return
        self.stdout.write(
            f"Import des fiches startups : {len(report.created)} créés, "
            f"{len(report.updated)} mis à jour, {len(report.unchanged)} inchangés, "
            f"{len(report.skipped)} ignorés."
        )
        if report.ignored_events:
            self.stdout.write(
                f"Événements autres que les comités, non importés : {report.ignored_events}."
            )
        if report.skipped:
            self.stdout.write(self.style.WARNING("Fichiers ignorés :"))
            for name, reason in report.skipped:
                self.stdout.write(f"  - {name} : {reason}")
        if report.flagged:
            self.stdout.write(
                self.style.WARNING("Projets à vérifier (champ « à vérifier » rempli) :")
            )
            for slug, notes in report.flagged:
                self.stdout.write(f"  - {slug} : {' '.join(notes.splitlines())}")
        if report.imported == 0:
            raise CommandError(f"Aucun fichier importé : {report.total} fichier(s) ignoré(s).")
