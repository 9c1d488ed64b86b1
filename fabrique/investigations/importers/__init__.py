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
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import yaml
from django.db import transaction
from django.utils import timezone

from fabrique.core.frontmatter import load_yaml, split_front_matter
from fabrique.core.importing import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ImportReport,
    Track,
    no_progress,
)
from fabrique.core.text import UnreadableText, decode_text
from fabrique.portfolio.importers.startups import (
    PhaseData,
    StartupData,
    StartupFileError,
    collect_files,
    parse_startup,
    startup_id,
)
from fabrique.portfolio.models import Project
from fabrique.portfolio.rules import label
from fabrique.portfolio.vocabulary import PhaseName

from ..exports import collectivite_codes
from ..models import Investigation, InvestigationPhase, Problem, ProblemCollectivite
from ..rules import planned_phase_dates
from ..vocabulary import MAX_WEEKS, MIN_WEEKS, STEP_ARTEFACTS, Decision, ProblemStatus
from .names import Resolved, Resolver, split_names, sponsor_lines, unique, without_sponsor_lines
from .statement import markdown_escaped, plain_text, subject

IMPORTED_SUMMARY = "Importée d'une fiche beta.gouv.fr."
DEFAULT_WEEKS = 10
WEEKS_KEY = "duree_semaines"  # the platform's export: the planned duration, read back as it is
GO_PHASES = frozenset({PhaseName.CONSTRUCTION, PhaseName.ACCELERATION, PhaseName.CONSOLIDATION})
NO_GO_PHASES = frozenset({PhaseName.INVESTIGATION_ABANDONED, PhaseName.ABANDONED})
_ARTEFACT_FIELDS = {name for names in STEP_ARTEFACTS.values() for name in names} | {"links"}
_TERRITORY_FIELDS = ("commune_id", "epci_id", "departement_id", "region_id")


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


@dataclass
class Plan:
    """What one file says, ready to be written."""

    title: str
    statement: str
    start: date
    weeks: int
    decision: str = ""
    decided_on: date | None = None
    end: date | None = None  # the investigation's last day, when the file gives it
    resolved: Resolved = field(default_factory=Resolved)
    notes: list[str] = field(default_factory=list)

    def phases(self) -> list[dict]:
        """The five phases as the import writes them: when the end is known, each is closed
        by its planned end at the latest, and the last one on the investigation's last day."""
        dates = planned_phase_dates(self.start, self.weeks)
        return [
            {
                "step": step,
                "planned_start": begin,
                "planned_end": finish,
                "closed_on": (self.end if step == len(dates) else min(finish, self.end))
                if self.end
                else None,
                "summary": IMPORTED_SUMMARY if self.end else "",
            }
            for step, (begin, finish) in enumerate(dates, 1)
        ]


# --- Reading ------------------------------------------------------------------------------


def _outcome(data: StartupData, plan_notes: list[str], declared: int | None = None) -> dict:
    """start, weeks, decision, decided_on and end from the file's phases; `declared` is the
    planned duration the platform's own export writes (`duree_semaines`), kept as it is."""
    investigations = sorted(
        (phase for phase in data.phases if phase.name == PhaseName.INVESTIGATION),
        key=lambda phase: phase.start,
    )
    if not investigations:
        # A phase the reading had to drop (a start in 2120, say) is the true reason.
        dropped = next(
            (note for note in plan_notes
             if "« investigation »" in note.casefold() and "pas été importée" in note),
            None,
        )  # fmt: skip
        raise StartupFileError(
            dropped or "pas de phase « investigation » : ce n'est pas une investigation."
        )
    investigation = investigations[0]
    others = sorted(
        (phase for phase in data.phases if phase.name != PhaseName.INVESTIGATION),
        key=lambda phase: phase.start,
    )
    if others and others[0].start < investigation.start:
        raise StartupFileError(
            f"la phase « investigation » commence le {_day(investigation.start)}, après la "
            f"phase « {label(others[0].name)} » du {_day(others[0].start)} qui devrait la "
            "suivre : date à corriger dans la fiche."
        )
    following: PhaseData | None = others[0] if others else None
    decision, decided_on = "", None
    end = investigation.end
    if following is not None and following.name in NO_GO_PHASES | GO_PHASES:
        decision = Decision.NO_GO if following.name in NO_GO_PHASES else Decision.GO
        decided_on = following.start
        end = min(end or following.start, following.start)
    elif following is not None:
        end = min(end or following.start, following.start)
        plan_notes.append(
            f"l'investigation s'arrête le {_day(end)} (la fiche passe alors en phase "
            f"« {label(following.name)} ») sans décision go/no-go : ses phases sont closes à "
            "cette date, la décision reste à renseigner."
        )
    elif end is not None:
        plan_notes.append(
            f"la phase « investigation » finit le {_day(end)} sans décision go/no-go dans la "
            "fiche : ses phases sont closes à cette date, la décision reste à renseigner."
        )
    weeks = declared or DEFAULT_WEEKS
    if end is not None and declared is None:
        real = round((end - investigation.start).days / 7)
        weeks = min(max(real, MIN_WEEKS), MAX_WEEKS)
        if weeks != real:
            bound = "maximale" if real > MAX_WEEKS else "minimale"
            plan_notes.append(
                f"durée réelle de {real} semaines (du {_day(investigation.start)} au "
                f"{_day(end)}) : enregistrée comme {weeks} semaines, la durée {bound} d'une "
                f"investigation ; la dernière phase est close le {_day(end)}."
            )
    elif end is None:
        planned_end = investigation.start + timedelta(weeks=weeks)
        if planned_end < timezone.localdate():
            plan_notes.append(
                f"ni fin ni décision dans la fiche pour une investigation commencée le "
                f"{_day(investigation.start)} : importée en cours ({weeks} semaines prévues, "
                f"jusqu'au {_day(planned_end)}), à clore ou décider à la main."
            )
    return {
        "start": investigation.start,
        "weeks": weeks,
        "decision": decision,
        "decided_on": decided_on,
        "end": end,
    }


def _header(text: str) -> dict:
    """The front matter as read (parse_startup has already accepted it)."""
    return load_yaml(split_front_matter(text)[0])


def _declared_weeks(header: dict, notes: list[str]) -> int | None:
    """The planned duration written by the platform's export (`duree_semaines: 12`): the
    files of beta.gouv.fr have none, their duration is read from the phases' dates."""
    value = header.get(WEEKS_KEY)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and MIN_WEEKS <= value <= MAX_WEEKS:
        return value
    notes.append(
        f"« {WEEKS_KEY} : {value} » ignoré (une investigation dure de {MIN_WEEKS} à "
        f"{MAX_WEEKS} semaines) : durée lue dans les dates des phases."
    )
    return None


def _plain_sponsors(header: dict) -> list[str]:
    """Names in `sponsors:` that are written as names: `/organisations/anct` is the id of a
    beta.gouv.fr organisation (a sponsor of the programme), not a collectivité."""
    values = header.get("sponsors") or []
    values = values if isinstance(values, list) else [values]
    return [
        value.strip()
        for value in values
        if isinstance(value, str)
        and value.strip()
        and not value.strip().startswith(("/", "organisations/"))
    ]


def _collectivites(body: str, header: dict, resolver: Resolver) -> tuple[Resolved, list[str]]:
    resolved, notes = Resolved(), []
    codes = header.get("collectivites")
    if isinstance(codes, list) and codes:
        for code in map(str, codes):
            if (territory := resolver.by_code(code)) is not None:
                resolved.add(territory)
            else:
                resolved.keep(code, f"code « {code} » absent du référentiel des territoires.")
        return resolved, resolved.reasons
    lines = sponsor_lines(body)
    names = unique(name for line in lines for name in split_names(line))
    if not names:
        names = unique(name for value in _plain_sponsors(header) for name in split_names(value))
    if not names:
        if lines:
            notes.append(
                "ligne « Collectivité sponsor » vide : aucune collectivité rattachée, à "
                "compléter à la main."
            )
        else:
            notes.append(
                "aucune collectivité nommée (ni ligne « Collectivité sponsor : … », ni nom dans "
                "« sponsors ») : à compléter à la main."
            )
        return resolved, notes
    resolver.resolve_all(names, resolved)
    return resolved, resolved.reasons


def read_investigation(slug: str, text: str, resolver: Resolver) -> Plan:
    """One file's plan; StartupFileError (in French) when it cannot be imported."""
    data = parse_startup(text, slug)
    notes = [note for note in data.notes if "phase" in note.lower()]
    header = _header(text)
    outcome = _outcome(data, notes, _declared_weeks(header, notes))
    title = subject(data.fields["name"], data.fields.get("mission", ""))
    body = data.fields.get("description", "")
    resolved, name_notes = _collectivites(body, header, resolver)
    return Plan(
        title=title[: Problem._meta.get_field("title").max_length],
        statement=plain_text(without_sponsor_lines(body)) or title,
        resolved=resolved,
        notes=name_notes + notes,
        **outcome,
    )


# --- Writing ------------------------------------------------------------------------------


def _links(problem: Problem) -> set[tuple[str, int]]:
    return {
        (name, getattr(link, name))
        for link in problem.collectivites.all()
        for name in _TERRITORY_FIELDS
        if getattr(link, name)
    }


def _wanted_links(plan: Plan) -> set[tuple[str, int]]:
    return {
        (ProblemCollectivite.field_for(territory) + "_id", territory.pk)
        for territory in plan.resolved.territories
    }


def _set_links(problem: Problem, plan: Plan) -> bool:
    current, wanted = _links(problem), _wanted_links(plan)
    if current == wanted:
        return False
    for name, pk in current - wanted:
        problem.collectivites.filter(**{name: pk}).delete()
    ProblemCollectivite.objects.bulk_create(
        ProblemCollectivite(problem=problem, **{name: pk}) for name, pk in wanted - current
    )
    return True


def _assign(instance, values: dict) -> bool:
    changed = {key: value for key, value in values.items() if getattr(instance, key) != value}
    for key, value in changed.items():
        setattr(instance, key, value)
    return bool(changed)


def _edited_by_a_person(phase: InvestigationPhase) -> bool:
    return phase.summary not in ("", IMPORTED_SUMMARY) or any(
        str(getattr(phase, name) or "").strip() for name in _ARTEFACT_FIELDS
    )


def _set_phases(investigation: Investigation, plan: Plan) -> bool:
    """The imported phases follow the file; a phase someone wrote in is left as it is."""
    existing = {phase.step: phase for phase in investigation.phases.all()}
    changed = False
    for values in plan.phases():
        phase = existing.get(values["step"])
        if phase is None:
            InvestigationPhase.objects.create(investigation=investigation, **values)
            changed = True
        elif not _edited_by_a_person(phase) and _assign(phase, values):
            phase.save()
            changed = True
    return changed


LOCAL_FILE = re.compile(r"investigation-(\d+)")


def _existing(slug: str) -> Investigation | None:
    """The investigation a file is about: the one imported from it, else the one made in the
    platform whose own export it is (`startup_filename`: `investigation-<id>`, or its
    project's slug after a go)."""
    investigations = Investigation.objects.select_related("problem")
    found = investigations.filter(source_id=slug).first()
    if found is not None:
        return found
    made_here = investigations.filter(source_id__isnull=True)
    if match := LOCAL_FILE.fullmatch(slug):
        return made_here.filter(pk=int(match[1])).first()
    return made_here.filter(project__slug=slug).first()


def _write(slug: str, plan: Plan) -> str:
    """Create or update one investigation (and its problem); CREATED, UPDATED or UNCHANGED."""
    investigation = _existing(slug)
    created = investigation is None
    problem = Problem(status=ProblemStatus.SELECTED) if created else investigation.problem
    changed = _assign(
        problem,
        {
            "title": plan.title,
            "statement": plan.statement,
            "unresolved_collectivites": "\n".join(plan.resolved.unresolved),
        },
    )
    if changed:
        problem.save()
    changed = _set_links(problem, plan) or changed
    if created:
        investigation = Investigation(problem=problem, source_id=slug)
    values = {"start": plan.start, "weeks": plan.weeks}
    if plan.decision:  # a decision the file does not give is the team's: kept
        project = Project.objects.filter(slug=slug).first() or investigation.project
        values |= {
            "decision": plan.decision,
            "decided_on": plan.decided_on,
            "project": project,
        }
        if plan.decision == Decision.GO and project is None:
            # A go opens a project (`investigation_decide`): one the portfolio lacks is flagged.
            plan.notes.append(
                f"go sans projet du portefeuille : aucun projet « {slug} » (l'identifiant de "
                "la fiche) ; importez sa fiche startup dans le portefeuille (manage.py "
                "import_startups) puis relancez cet import, qui l'y rattache."
            )
    if (plan.decision or investigation.decision) == Decision.NO_GO and not investigation.learnings:
        values["learnings"] = IMPORTED_SUMMARY
    if _assign(investigation, values) or created:
        investigation.save()
        changed = True
    changed = _set_phases(investigation, plan) or changed
    if created:
        return CREATED
    return UPDATED if changed else UNCHANGED


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
                outcome = _write(slug, plan)
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


class _PlainDumper(yaml.SafeDumper):
    """YAML as the startup files are written by hand: no anchors nor aliases (`&id001`) when a
    date is used twice."""

    def ignore_aliases(self, data):
        return True


def startup_markdown(investigation: Investigation) -> str:
    """The investigation as a beta.gouv.fr startup file (what `import_investigations` reads)."""
    problem = investigation.problem
    names = [link.territory.name for link in problem.collectivites.all()]
    # The investigation's last day: its last phase's closing, else its decision; none while
    # it is in progress (an end would read back as « ended without a decision »).
    last = max(investigation.phases.all(), key=lambda phase: phase.step, default=None)
    end = (last and last.closed_on) or investigation.decided_on
    decided = investigation.decided_on or end
    phases = [{"name": "investigation", "start": investigation.start}]
    if end:
        phases[0]["end"] = end
    if investigation.decision == Decision.GO:
        phases.append({"name": "construction", "start": decided})
    elif investigation.decision == Decision.NO_GO:
        phases.append({"name": "abandon-investigation", "start": decided, "end": decided})
    header = {
        "title": problem.title,
        "mission": problem.title,
        "sponsors": names,
        "phases": phases,
        "collectivites": collectivite_codes(problem),
        WEEKS_KEY: investigation.weeks,
    }
    front = yaml.dump(header, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)
    body = markdown_escaped(problem.statement)
    if names:
        body += "\n\nCollectivité sponsor : " + ", ".join(names)
    return f"---\n{front}---\n\n{body}\n"


def startup_filename(investigation: Investigation) -> str:
    if investigation.project:
        return f"{investigation.project.slug}.md"
    return f"{investigation.source_id or f'investigation-{investigation.pk}'}.md"
