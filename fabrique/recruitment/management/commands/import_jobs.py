from pathlib import Path

from django.core.management.base import BaseCommand

from fabrique.core.importing import french_database_errors, progress, write_items
from fabrique.recruitment.importers import import_offer_files


class Command(BaseCommand):
    help = (
        "Importe des offres d'emploi écrites en Markdown avec en-tête YAML (formats beta.gouv.fr "
        "et Incubateur des Territoires). Un dossier est lu en entier (.md, .markdown, .txt et "
        "fichiers sans extension qui commencent par « --- ») ; relançable sans risque."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="CHEMIN")

    @french_database_errors
    def handle(self, *args, paths, verbosity=1, **options):
        with progress(verbosity) as track:
            report = import_offer_files(paths, track=track)
        if report.imported == 0 and not report.skipped:
            self.stdout.write(self.style.WARNING("Aucun fichier d'offre trouvé : rien à importer."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.imported} offre(s) importée(s) : {report.created} créée(s), "
                f"{report.updated} mise(s) à jour, {report.unchanged} inchangée(s) ; "
                f"{len(report.skipped)} fichier(s) écarté(s), "
                f"{len(report.warnings)} offre(s) à vérifier."
            )
        )
        write_items(self, "Fichiers écartés :", report.skipped)
        if verbosity >= 1:
            write_items(self, "Offres à vérifier (champ « à vérifier ») :", report.warnings)
