import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.core.importing import french_database_errors
from fabrique.core.numbers import counted
from fabrique.core.text import json_problem
from fabrique.diagnostics.importers import DocumentError, import_documents
from fabrique.diagnostics.services.missions import REQUEST_STATUSES
from fabrique.diagnostics.vocabulary import MissionStatus


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
        for mission in missions:
            # Kept as the document says (a mission already run), but said: the team decides.
            settled = (*REQUEST_STATUSES, MissionStatus.DECLINED)
            if not mission.eligible and mission.status not in settled:
                self.stdout.write(
                    self.style.WARNING(
                        f"Attention, mission n° {mission.pk} : {mission.eligibility_reason} "
                        "Elle est importée à l'étape du document"
                        + (
                            f", acceptée malgré tout : {mission.acceptance_reason}"
                            if mission.acceptance_reason
                            else " sans motif d'acceptation hors critères "
                            "(eligibility.acceptance_reason)."
                        )
                    )
                )
