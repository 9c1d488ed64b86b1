from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.core.importing import Item, french_database_errors, progress, write_items
from fabrique.core.numbers import counted
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
            f"Import des fiches startups : {counted(report.created, 'créé')}, "
            f"{report.updated} mis à jour, {counted(report.unchanged, 'inchangé')}, "
            f"{counted(len(report.skipped), 'ignoré')}."
        )
        if report.ignored_events:
            self.stdout.write(
                f"Événements autres que les comités, non importés : {report.ignored_events}."
            )
        write_items(self, "Fichiers ignorés :", report.skipped)
        write_items(
            self,
            "Projets à vérifier (champ « à vérifier » rempli) :",
            (Item(slug, " ".join(notes.splitlines())) for slug, notes in report.warnings),
        )
        if report.imported == 0:
            raise CommandError(
                "Aucun fichier importé : "
                f"{counted(report.total, 'fichier ignoré', 'fichiers ignorés')}."
            )
