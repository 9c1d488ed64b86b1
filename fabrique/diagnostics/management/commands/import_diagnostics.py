import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.core.importing import french_database_errors
from fabrique.core.numbers import counted
from fabrique.core.text import json_problem
from fabrique.diagnostics.importers import DocumentError, import_documents


class Command(BaseCommand):
    help = (
        "Importe une mission d'accompagnement sur-mesure ou une liste de missions (document "
        "JSON, schéma dans docs/diagnostics.schema.json), tout ou rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="FICHIER")

    @french_database_errors
    def handle(self, *args, path, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
            if not text.strip():
                raise CommandError(f"{path} : le fichier est vide, rien à importer.")
            data = json.loads(text)
        except FileNotFoundError:
            raise CommandError(f"{path} : fichier introuvable.") from None
        except UnicodeDecodeError:
            raise CommandError(
                f"{path} : fichier illisible, il n'est pas encodé en UTF-8 (un document JSON "
                "s'enregistre en UTF-8)."
            ) from None
        except OSError:
            raise CommandError(
                f"{path} : impossible de lire ce fichier (dossier ou droits ?)."
            ) from None
        except RecursionError:
            raise CommandError(f"{path} : JSON imbriqué trop profondément.") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path}, ligne {error.lineno} : JSON illisible ({json_problem(error.msg)}), "
                "fichier tronqué ?"
            ) from None
        try:
            missions = import_documents(data)
        except DocumentError as error:
            raise CommandError(f"Rien n'a été importé. {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{counted(len(missions), 'mission importée', 'missions importées')}."
            )
        )
