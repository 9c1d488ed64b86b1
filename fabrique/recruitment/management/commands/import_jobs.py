from pathlib import Path

from django.core.management.base import BaseCommand

from fabrique.core.importing import french_database_errors, progress, write_items
from fabrique.core.numbers import counted
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
                f"{counted(report.imported, 'offre importée', 'offres importées')} : "
                f"{counted(report.created, 'créée')}, "
                f"{counted(report.updated, 'mise à jour', 'mises à jour')}, "
                f"{counted(report.unchanged, 'inchangée')} ; "
                f"{counted(len(report.skipped), 'fichier écarté', 'fichiers écartés')}, "
                f"{counted(len(report.warnings), 'offre à vérifier', 'offres à vérifier')}."
            )
        )
        write_items(self, "Fichiers écartés :", report.skipped)
        if verbosity >= 1:
            write_items(self, "Offres à vérifier (champ « à vérifier ») :", report.warnings)
