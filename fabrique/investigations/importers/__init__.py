"""The programme's past investigations from beta.gouv.fr startup files, and back.

Reading reuses the portfolio's startup-file parser (`fabrique.portfolio.importers.startups`):
front matter, phases, sponsors. An investigation file has the phase `investigation`, then
`abandon-investigation` (no-go) or `construction` (go). The problem statement is the body; the
collectivités are named in the body (`Collectivité sponsor : NAME[, NAME]`) or in `sponsors`.
Each name is resolved to a territory only when exactly one commune (or else one EPCI) bears
it: an ambiguous or unknown name is kept as text on the problem and the file is flagged.

Idempotent: the file's id is the investigation's `source_id`; a second run updates it.
Each file is one transaction.
"""

import re
from datetime import timedelta

import yaml
from django.db import transaction
from django.db.models import Q

from fabrique.core.importing import CREATED, UPDATED, ImportReport, Track, no_progress
from fabrique.core.text import fold, search_key
from fabrique.portfolio.importers.startups import (
    StartupFileError,
    collect_files,
    parse_startup,
    startup_id,
)
from fabrique.portfolio.models import Project
from fabrique.portfolio.vocabulary import PhaseName
from fabrique.territories.models import EPCI, Commune

from ..exports import collectivite_codes
from ..models import Investigation, InvestigationPhase, Problem, ProblemCollectivite
from ..rules import planned_phase_dates
from ..vocabulary import MAX_WEEKS, MIN_WEEKS, Decision, ProblemStatus

SPONSOR_LINE = re.compile(r"^\s*Collectivit[ée]s?\s+sponsors?\s*:\s*(.+)$", re.IGNORECASE | re.M)
IMPORTED_SUMMARY = "Importée d'une fiche beta.gouv.fr."


def collectivite_names(body: str, sponsors: list[str]) -> list[str]:
    names = []
    for match in SPONSOR_LINE.finditer(body):
        names.extend(name.strip() for name in match.group(1).split(","))
    if not names:
        names = list(sponsors)
    seen, result = set(), []
    for name in names:
        if name and fold(name) not in seen:
            seen.add(fold(name))
            result.append(name)
    return result


def resolve(name: str):
    """(territory, None) when exactly one matches; (None, French reason) otherwise."""
    key = search_key(name)
    same_name = Q(search_key=key) | Q(name__iexact=name.strip())
    communes = list(Commune.objects.filter(same_name)[:2])
    if len(communes) == 1:
        return communes[0], None
    if len(communes) > 1:
        return None, f"« {name} » : plusieurs communes portent ce nom."
    epcis = list(EPCI.objects.filter(same_name)[:2])
    if len(epcis) == 1:
        return epcis[0], None
    if len(epcis) > 1:
        return None, f"« {name} » : plusieurs EPCI portent ce nom."
    return None, f"« {name} » : aucune collectivité de ce nom."


def _statement(body: str) -> str:
    return SPONSOR_LINE.sub("", body).strip()


@transaction.atomic
def _write(slug: str, data) -> tuple[bool, list[str]]:
    phases = {phase.name: phase for phase in data.phases}
    investigation_phase = phases.get(PhaseName.INVESTIGATION)
    if investigation_phase is None:
        raise StartupFileError("pas de phase « investigation » : ce n'est pas une investigation.")
    if PhaseName.INVESTIGATION_ABANDONED in phases:
        decision = Decision.NO_GO
        decided_on = phases[PhaseName.INVESTIGATION_ABANDONED].start
    elif PhaseName.CONSTRUCTION in phases:
        decision = Decision.GO
        decided_on = phases[PhaseName.CONSTRUCTION].start
    else:
        decision, decided_on = "", None
    notes = []
    territories, unresolved = [], []
    names = collectivite_names(data.fields.get("description", ""), [s.name for s in data.sponsors])
    if not names:
        notes.append("aucune collectivité nommée.")
    for name in names:
        territory, problem_ = resolve(name)
        if territory is None:
            unresolved.append(name)
            notes.append(problem_)
        else:
            territories.append(territory)
    start = investigation_phase.start
    end = investigation_phase.end or decided_on
    weeks = round((end - start).days / 7) if end else 10
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        weeks = min(max(weeks, MIN_WEEKS), MAX_WEEKS)
    investigation = Investigation.objects.filter(source_id=slug).select_related("problem").first()
    created = investigation is None
    problem = investigation.problem if investigation else Problem()
    problem.title = data.fields["name"][:200]
    problem.statement = (
        _statement(data.fields.get("description", ""))
        or data.fields.get("mission", "")
        or problem.title
    )
    problem.status = ProblemStatus.SELECTED
    problem.unresolved_collectivites = "\n".join(unresolved)
    problem.save()
    problem.collectivites.all().delete()
    for territory in territories:
        field_name = ProblemCollectivite.field_for(territory)
        ProblemCollectivite.objects.get_or_create(problem=problem, **{field_name: territory})
    investigation = investigation or Investigation(problem=problem, source_id=slug)
    investigation.start, investigation.weeks = start, weeks
    investigation.decision, investigation.decided_on = decision, decided_on
    if decision == Decision.NO_GO and not investigation.learnings:
        investigation.learnings = IMPORTED_SUMMARY
    investigation.project = Project.objects.filter(slug=slug).first() if decision else None
    investigation.save()
    if created:
        dates = planned_phase_dates(start, weeks)
        InvestigationPhase.objects.bulk_create(
            InvestigationPhase(
                investigation=investigation,
                step=step,
                planned_start=begin,
                planned_end=finish,
                closed_on=decided_on and min(finish, decided_on),
                summary=IMPORTED_SUMMARY if decided_on else "",
            )
            for step, (begin, finish) in enumerate(dates, 1)
        )
    return created, notes


def import_investigation_files(paths, *, track: Track = no_progress) -> ImportReport:
    """Every file in one transaction (a savepoint per file: a refused file is left out whole):
    a run stopped mid-way leaves nothing, and a rerun starts again."""
    files, problems = collect_files(paths)
    report = ImportReport(skipped=problems, read=len(files))
    with transaction.atomic():
        _import_files(files, report, track)
    return report


def _import_files(files, report: ImportReport, track: Track) -> None:
    for path in track(files, "Investigations"):
        slug = startup_id(path)
        try:
            data = parse_startup(path.read_text(encoding="utf-8-sig"), slug)
            created, notes = _write(slug, data)
        except StartupFileError as error:
            report.skip(str(path), str(error))
            continue
        except UnicodeDecodeError:
            report.skip(str(path), "fichier illisible : il n'est pas encodé en UTF-8.")
            continue
        except OSError:
            report.skip(str(path), "impossible de lire ce fichier (dossier ou droits ?).")
            continue
        report.record(CREATED if created else UPDATED, slug)
        if notes:
            report.warn(str(path), " ".join(notes))


class _PlainDumper(yaml.SafeDumper):
    """YAML as the startup files are written by hand: no anchors nor aliases (`&id001`) when a
    date is used twice."""

    def ignore_aliases(self, data):
        return True


def startup_markdown(investigation: Investigation) -> str:
    """The investigation as a beta.gouv.fr startup file (what `import_investigations` reads)."""
    problem = investigation.problem
    names = [link.territory.name for link in problem.collectivites.all()]
    end = investigation.decided_on or investigation.start + timedelta(weeks=investigation.weeks)
    phases = [{"name": "investigation", "start": investigation.start, "end": end}]
    if investigation.decision == Decision.GO:
        phases.append({"name": "construction", "start": end})
    elif investigation.decision == Decision.NO_GO:
        phases.append({"name": "abandon-investigation", "start": end, "end": end})
    header = {
        "title": problem.title,
        "mission": problem.title,
        "sponsors": names,
        "phases": phases,
        "collectivites": collectivite_codes(problem),
    }
    front = yaml.dump(header, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)
    body = problem.statement
    if names:
        body += "\n\nCollectivité sponsor : " + ", ".join(names)
    return f"---\n{front}---\n\n{body}\n"


def startup_filename(investigation: Investigation) -> str:
    if investigation.project:
        return f"{investigation.project.slug}.md"
    return f"{investigation.source_id or f'investigation-{investigation.pk}'}.md"
