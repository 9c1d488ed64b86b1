import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fabrique.core.importing import (
    CREATED,
    ImportReport,
    french_database_errors,
    progress,
    write_report,
)
from fabrique.core.text import UnreadableText, decode_text, json_problem
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
    def handle(self, *args, path, verbosity=1, **options):
        try:
            # UTF-8, or a file saved by a Windows tool (Windows-1252, « Unicode »), noted.
            text, note = decode_text(path.read_bytes())
            if not text.strip():
                raise CommandError(f"{path} : le fichier est vide, rien à importer.")
            data = json.loads(text)
        except FileNotFoundError:
            raise CommandError(f"{path} : fichier introuvable.") from None
        except UnreadableText as error:
            raise CommandError(
                f"{path} : fichier illisible, {str(error).removesuffix('.')} (un document JSON "
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
            with progress(verbosity, shown_from=2 if not isinstance(data, list) else 1) as track:
                missions = import_documents(data, track=track)
        except DocumentError as error:
            raise CommandError(f"Rien n'a été importé. {error}") from None
        report = ImportReport(source=path.name, read=len(missions))
        if note:
            report.warn(path.name, note)
        settled = (*REQUEST_STATUSES, MissionStatus.DECLINED)
        for mission in missions:
            report.record(CREATED, str(mission.pk))
            # Kept as the document says (a mission already run), but said: the team decides.
            if not mission.eligible and mission.status not in settled:
                accepted = (
                    f", acceptée malgré tout : {mission.acceptance_reason}"
                    if mission.acceptance_reason
                    else " sans motif d'acceptation hors critères (eligibility.acceptance_reason)."
                )
                report.warn(
                    f"Attention, mission n° {mission.pk}",
                    f"{mission.eligibility_reason} Elle est importée à l'étape du document"
                    + accepted,
                )
        if verbosity >= 1:
            write_report(self, report, ("mission", "missions"), feminine=True)
