"""The programme's past investigations from beta.gouv.fr startup files, and back.

Reading reuses the portfolio's startup-file parser (`fabrique.portfolio.importers.startups`):
front matter, phases, sponsors. What an investigation file says, and what it becomes:

- title: the file's `title`, or its `mission` when the title is only the programme's name
  (« Programme national d'investigation (12) », the older files); `statement.subject`;
- statement: the body as plain text (`statement.plain_text`: Markdown escapes and markup
  removed), without the sponsor line; the subject when the body is empty;
- collectivités: `names` (the `Collectivité sponsor : …` line, `sponsors:` names, or the
  `collectivites:` codes of the platform's own export), each resolved only when exactly one
  territory bears it; the others are kept as text (`Problem.unresolved_collectivites`) and the
  file is flagged with why;
- outcome, from the first phase after `investigation`: `abandon-investigation` or `abandon`
  is a no-go, `construction`, `acceleration` or `consolidation` a go, both decided on that
  phase's start; `alumni` (read as « Transféré ») or `success` (« Opéré ») end the
  investigation on that day without a go/no-go decision, and so does an `end` with no next
  phase: its five phases are closed then, the decision is left to the team and the file is
  flagged; with neither end nor next phase, the investigation is in progress (flagged when its
  planned end has passed). The duration is the real one when it is between 9 and 12 weeks,
  else the nearest bound, said in the flag. A next phase that starts before the investigation
  (`start: 2120-06-01` for 2020) refuses the file: the date is to be corrected.

A go is linked to the portfolio project whose slug is the file's id; a go whose project the
portfolio lacks is flagged (« go sans projet du portefeuille »).

Idempotent: the file's id is the investigation's `source_id`; a second run with the same files
changes nothing (« inchangée »). What the team wrote is kept: a decision the file does not
give, learnings, phases with a synthesis or deliverables. Each file is one savepoint.

`reading`: a file read as a `Plan` (no writing); `writing`: a plan written; `startup_file`:
an investigation written back as a startup file; `names` and `statement`: the collectivités
and the statement of a file; here, the import of several files.
"""

from django.db import transaction

from fabrique.core.importing import (
    ImportReport,
    Track,
    no_progress,
)
from fabrique.core.text import UnreadableText, decode_text
from fabrique.portfolio.importers.startups import (
    StartupFileError,
    collect_files,
    startup_id,
)

from .names import Resolver
from .reading import read_investigation
from .writing import write_investigation


def import_investigation_files(paths, *, track: Track = no_progress) -> ImportReport:
    """Every file in one transaction (a savepoint per file: a refused file is left out whole):
    a run stopped mid-way leaves nothing, and a rerun starts again."""
    files, problems = collect_files(paths)
    report = ImportReport(skipped=problems, read=len(files))
    with transaction.atomic():
        _import_files(files, report, track)
    return report


def _import_files(files, report: ImportReport, track: Track) -> None:
    resolver = Resolver()
    for path in track(files, "Investigations"):
        slug = startup_id(path)
        try:
            text, note = decode_text(path.read_bytes())
            plan = read_investigation(slug, text, resolver)
            if note:
                plan.notes.insert(0, note)
            with transaction.atomic():
                outcome = write_investigation(slug, plan)
        except StartupFileError as error:
            report.skip(str(path), str(error))
            continue
        except UnreadableText as error:
            report.skip(str(path), str(error))
            continue
        except OSError:
            report.skip(str(path), "impossible de lire ce fichier (dossier ou droits ?).")
            continue
        report.record(outcome, slug)
        if plan.notes:
            report.warn(str(path), " ".join(_sentences(plan.notes)))


def _sentences(notes: list[str]) -> list[str]:
    """The notes one after the other: the first as it is (it follows « chemin — »), the
    others with a capital."""
    return notes[:1] + [note[:1].upper() + note[1:] for note in notes[1:]]
