"""Import of beta.gouv.fr startup files: Markdown with a YAML front matter, one per project.

The file name without `.md` is the beta.gouv.fr id and becomes the project's slug, so a second
run updates the same projects (and changes nothing when the files did not change). Those ids
may hold dots and apostrophes (`aides.jeunes`, `Pass'Sport`): see `validate_project_id`.

Reading is tolerant: missing fields, old phase names and dates written as text are accepted,
and so are the older ways of writing a file (`owner:` instead of `sponsors:`, sponsors written as
`{name, acronym, …}`, a single `status:`/`start:`/`end:` instead of `phases:`). Inconsistent
histories (overlapping phases, a phase after a terminal one, an end before its start, a status
that contradicts the phases) are imported as they are and written into `Project.review_notes`
for the team to check; so is a phase or a committee left out because the file gives it no
date, an unreadable, impossible or implausible one (`mars 2022`, `2020-15-01`, `2120-06-01`),
or an unknown phase name. Two phases starting the same day: the earlier one in a project's
life is closed that day (noted). A renamed startup (`redirect_from: [/startups/ancien-id]`)
updates the project of its old id, which keeps its address; the old file, if still in the
folder, is skipped with its reason.
A file that cannot be read at all is skipped with its reason, in French, and the other files
still import; so is a page of another kind kept in the same folder (a job offer). Files without
extension that open with a front matter (`Airvam`) are read too, a `.md` twin winning. Each
file is written in its own transaction: never half a project.

An abandon brought in by the import is kept as it is; the post-mortem stays empty (the
"post-mortem à rédiger" flag is derived at display time, the import never writes one).

Reading, without database, is in `parsing` (single values and the parsed data) and `reading`
(a whole file); writing is here, with the import of several files. Everything is importable
from `fabrique.portfolio.importers.startups`.
"""

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.text import slugify

from fabrique.core import importing
from fabrique.core.frontmatter import (
    SEPARATORS,
    YAML_PROBLEMS,
    FrontMatterError,
    opens_with_front_matter,
    split_front_matter,
)
from fabrique.core.importing import CREATED, UNCHANGED, UPDATED, Item, Track, no_progress
from fabrique.core.importing import ImportReport as BaseImportReport

from ...models import Committee, Organisation, Phase, Project, Thematic
from ...vocabulary import CommitteeKind, ProjectKind
from .parsing import (
    INVESTIGATION_PHASES,
    TEXT_FIELDS,
    URL_FIELDS,
    CommitteeData,
    PhaseData,
    SponsorData,
    StartupData,
    StartupFileError,
    parse_date,
)
from .reading import (
    COMMITTEE_EVENTS,
    OLD_STATUS_NAMES,
    parse_startup,
    read_startup_file,
    startup_id,
)

__all__ = [
    "COMMITTEE_EVENTS", "CREATED", "HISTORY_REASON", "IMPORTED_KINDS",
    "INVESTIGATION_PHASES", "OLD_STATUS_NAMES", "SEPARATORS", "TEXT_FIELDS",
    "UNCHANGED", "UPDATED", "URL_FIELDS", "YAML_PROBLEMS", "CommitteeData",
    "ImportReport", "PhaseData", "SponsorData", "StartupData", "StartupFileError", "Track",
    "collect_files", "import_startup_files", "parse_date", "parse_startup", "read_startup_file",
    "split_front_matter", "startup_id", "write_startup",
]  # fmt: skip


HISTORY_REASON = "Import des fiches beta.gouv.fr"
# Kinds the import decides; a kind chosen by hand (startup de territoire, …) is kept.
IMPORTED_KINDS = frozenset({ProjectKind.STARTUP_ETAT, ProjectKind.INVESTIGATION})


# --- Writing ------------------------------------------------------------------------------


def _organisation(sponsor: SponsorData) -> Organisation:
    """The organisation known by the sponsor's name, else by its acronym, else by the
    beta.gouv.fr id of its name, else a new one."""
    for word in filter(None, (sponsor.name, sponsor.acronym)):
        match = Q(name__iexact=word) | Q(acronym__iexact=word)
        if found := Organisation.objects.filter(match).first():
            return found
    if found := _organisation_by_id(sponsor.name):
        return found
    return Organisation.objects.create(name=sponsor.name, acronym=sponsor.acronym)


def _organisation_by_id(name: str) -> Organisation | None:
    """`/organisations/direction-du-numerique-pour-l-education` is the organisation named
    « Direction du numérique pour l'éducation »: same letters once accents, apostrophes and
    dashes are set aside. Only for a name written as an id (lower case, dashes, no space)."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", name):
        return None
    key = name.replace("-", "")
    for organisation in Organisation.objects.only("pk", "name", "acronym").order_by("pk"):
        if slugify(organisation.name).replace("-", "") == key:
            return organisation
    return None


def _thematic(name: str) -> Thematic:
    slug = slugify(name)[: Thematic._meta.get_field("slug").max_length]
    found = Thematic.objects.filter(Q(name__iexact=name) | Q(slug=slug)).first()
    return found or Thematic.objects.create(name=name, slug=slug)


def _phase_key(phase) -> tuple:
    return (str(phase.name), phase.start, phase.end, phase.comment)


def _project_of(data: StartupData, claimed: Collection[str]) -> Project | None:
    """The project of a file: by its id, else by an id it had before (`redirect_from`), which
    keeps the project's address; not an id `claimed` (casefolded) by a file of the same run.
    What the team should know about a rename goes into the notes."""
    project = Project.objects.filter(slug=data.slug).first()
    former = [
        other
        for other in Project.objects.filter(slug__in=data.former_ids).order_by("slug")
        if other.slug.casefold() not in claimed
    ]
    if project is None and former:
        project, former = former[0], former[1:]
        data.notes.append(
            f"Fiche « {data.slug} » : « {project.slug} », son ancien identifiant "
            "(redirect_from), est celui de ce projet, mis à jour sans changer d'adresse."
        )
    for other in former:
        data.notes.append(
            f"Le projet « {other.slug} » porte un ancien identifiant de cette fiche "
            "(redirect_from) : à fusionner avec celui-ci ou à supprimer."
        )
    return project


def write_startup(data: StartupData, *, claimed: Collection[str] = ()) -> str:
    """Create or update the project of one parsed file, all or nothing.

    Returns CREATED, UPDATED or UNCHANGED; nothing is written when the file brings no change
    (no history entry, `updated_at` untouched). Fields the file does not carry (manager,
    post-mortem, team, budget…) are never touched.
    """
    with transaction.atomic():
        project = _project_of(data, claimed)
        values = {**data.fields, "review_notes": data.review_notes}
        created = project is None
        changed = created
        if created:
            project = Project(slug=data.slug, kind=data.kind, **values)
        else:
            if project.kind in IMPORTED_KINDS:
                values["kind"] = data.kind
            values = {key: value for key, value in values.items() if getattr(project, key) != value}
            for key, value in values.items():
                setattr(project, key, value)
            changed = bool(values)
        if changed:
            project.full_clean(validate_unique=False)
            project._change_reason = HISTORY_REASON
            project.save()

        sponsors = [_organisation(sponsor) for sponsor in data.sponsors]
        if created or {o.pk for o in sponsors} != set(
            project.sponsors.values_list("pk", flat=True)
        ):
            project.sponsors.set(sponsors)
            changed = True
        thematics = [_thematic(name) for name in data.thematics]
        if created or {t.pk for t in thematics} != set(
            project.thematics.values_list("pk", flat=True)
        ):
            project.thematics.set(thematics)
            changed = True

        if Counter(map(_phase_key, project.phases.all())) != Counter(map(_phase_key, data.phases)):
            project.phases.all().delete()
            for phase in data.phases:
                Phase(project=project, **asdict(phase)).save()
            changed = True

        for meeting in data.committees:
            committee = (
                project.committees.filter(date=meeting.date, kind=CommitteeKind.INVESTMENT)
                .order_by("pk")
                .first()
            )
            if committee is None:
                committee = Committee(
                    date=meeting.date,
                    kind=CommitteeKind.INVESTMENT,
                    title=f"Comité d'investissement — {data.fields['name']}"[:200],
                    minutes=meeting.minutes,
                )
                committee._change_reason = HISTORY_REASON
                committee.save()
                committee.projects.add(project)
                changed = True
            elif meeting.minutes and not committee.minutes.strip():
                # Minutes written in the platform win over the file's short comment.
                committee.minutes = meeting.minutes
                committee._change_reason = HISTORY_REASON
                committee.save(update_fields=["minutes", "minutes_html"])
                changed = True
    if created:
        return CREATED
    return UPDATED if changed else UNCHANGED


# --- Several files ------------------------------------------------------------------------


@dataclass
class ImportReport(BaseImportReport):
    """The report of `core.importing`, plus the beta.gouv.fr events that are not committees."""

    ignored_events: int = 0


NO_EXTENSION_NOR_HEADER = (
    "sans extension et ne commence pas par un en-tête « --- » : pas lu comme une fiche "
    "startup ; si c'en est une, ajoutez-lui son en-tête YAML (titre, mission, phases) et "
    "l'extension .md."
)


def _is_startup_file(path: Path) -> bool:
    """A `.md` file, or one with no extension at all that opens with a YAML front matter.

    beta.gouv.fr keeps a few files without extension (`Airvam`) that Jekyll publishes all the
    same; a name with another extension (`notes.txt`) is not a startup file.
    """
    return path.suffix == ".md" or (path.suffix == "" and opens_with_front_matter(path))


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Item]]:
    """The startup files named or found (sorted) in the directories given, and the bad paths.

    Within what is found, the `.md` files come before the files without extension, so that
    `airvam.md` wins over an older `Airvam` with the same id (see `import_startup_files`).
    """
    paths = list(paths)
    files, problems = importing.collect_files(
        paths, _is_startup_file, refused="pas un fichier Markdown (extension .md attendue)."
    )
    # A file of a folder without extension nor front matter (`Investissement_Innovant` in
    # beta.gouv.fr: the text of a startup with no header) may be a startup: never passed over.
    for folder in filter(Path.is_dir, map(Path, paths)):
        problems.extend(
            Item(str(child), NO_EXTENSION_NOR_HEADER)
            for child in sorted(folder.iterdir())
            if child.is_file() and not child.name.startswith(".") and not child.suffix
            and not _is_startup_file(child)
        )  # fmt: skip
    files.sort(key=lambda path: path.suffix != ".md")  # stable: the given order otherwise
    return files, problems


def import_startup_files(
    paths: Iterable[str | Path], *, track: Track = no_progress
) -> ImportReport:
    """Import every startup file found in `paths`, in one transaction: a refused file is left
    out whole (a savepoint per file) and said in the report; a run stopped mid-way (killed,
    machine down) leaves nothing, and a rerun starts again."""
    files, problems = collect_files(paths)
    report = ImportReport(skipped=problems, read=len(files))
    with transaction.atomic():
        _import_files(files, report, track)
    return report


def _refused(error: ValidationError) -> str:
    """What the model refused, field by field: « description (Markdown) : Texte trop long… »."""
    if not hasattr(error, "error_dict"):
        return " ; ".join(message.removesuffix(".") for message in error.messages)
    parts = []
    for name, messages in error.message_dict.items():
        try:
            field = str(Project._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            field = name
        text = " ; ".join(message.removesuffix(".") for message in messages)
        parts.append(text if name == NON_FIELD_ERRORS else f"{field} : {text}")
    return " ; ".join(parts)


def _import_files(files: list[Path], report: ImportReport, track: Track) -> None:
    # Every file is read first: a file may say (`redirect_from`) that it replaces another one.
    readings: list[tuple[Path, StartupData | str]] = []
    seen: dict[str, Path] = {}
    for path in files:
        # Ids differing only by case (`Airvam`, `airvam.md`) are one startup written twice.
        key = startup_id(path).casefold()
        if key in seen:
            if seen[key].resolve() != path.resolve():
                readings.append((path, f"identifiant déjà importé par {seen[key]}."))
            continue
        seen[key] = path
        try:
            readings.append((path, read_startup_file(path)))
        except FrontMatterError as error:
            readings.append((path, str(error)))
    replaced_by = _replacements(data for _, data in readings if isinstance(data, StartupData))
    claimed = {
        data.slug.casefold()
        for _, data in readings
        if isinstance(data, StartupData) and data.slug.casefold() not in replaced_by
    }

    for path, data in track(readings, "Fiches beta.gouv.fr"):
        if isinstance(data, str):
            report.skip(str(path), data)
            continue
        if newer := replaced_by.get(data.slug.casefold()):
            report.skip(
                str(path),
                f"ancienne fiche de « {newer} » (renommée : son redirect_from cite "
                f"« {data.slug} »), non importée.",
            )
            continue
        try:
            outcome = write_startup(data, claimed=claimed)
        except ValidationError as error:
            report.skip(str(path), f"valeurs refusées ({_refused(error)}).")
            continue
        except DatabaseError as error:
            report.skip(
                str(path), f"écriture en base impossible, rien n'a été enregistré ({error})."
            )
            continue
        report.record(outcome, data.slug)
        report.ignored_events += data.ignored_events
        if data.review_notes:
            report.warn(data.slug, data.review_notes)


def _replacements(readings: Iterable[StartupData]) -> dict[str, str]:
    """Old id (casefolded) -> the id of the file that replaces it. Two files naming each other
    replace neither: both are imported."""
    readings = list(readings)
    slugs = {data.slug.casefold(): data for data in readings}
    replaced_by = {}
    for data in readings:
        for former in data.former_ids:
            older = slugs.get(former.casefold())
            if older is None or data.slug.casefold() in map(str.casefold, older.former_ids):
                continue
            replaced_by.setdefault(former.casefold(), data.slug)
    return replaced_by
