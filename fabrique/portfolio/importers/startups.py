"""Import of beta.gouv.fr startup files: Markdown with a YAML front matter, one per project.

The file name without `.md` is the beta.gouv.fr id and becomes the project's slug, so a second
run updates the same projects (and changes nothing when the files did not change). Those ids
may hold dots and apostrophes (`aides.jeunes`, `Pass'Sport`): see `validate_project_id`.

Reading is tolerant: missing fields, old phase names and dates written as text are accepted,
and so are the older ways of writing a file (`owner:` instead of `sponsors:`, sponsors written as
`{name, acronym, …}`, a single `status:`/`start:`/`end:` instead of `phases:`). Inconsistent
histories (overlapping phases, a phase after a terminal one, an end before its start, a status
that contradicts the phases) are imported as they are and written into `Project.review_notes`
for the team to check; so is a phase or a committee left out because the file gives no date.
A file that cannot be read at all is skipped with its reason, in French, and the other files
still import. Each file is written in its own transaction: never half a project.

An abandon brought in by the import is kept as it is; the post-mortem stays empty (the
"post-mortem à rédiger" flag is derived at display time, the import never writes one).
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.text import slugify

from ..models import Committee, Organisation, Phase, Project, Thematic, validate_project_id
from ..rules import PhaseSpan, label, phase_problems
from ..vocabulary import LEGACY_PHASE_NAMES, CommitteeKind, PhaseName, ProjectKind

HISTORY_REASON = "Import des fiches beta.gouv.fr"
COMMITTEE_EVENTS = frozenset({"committee", "comite", "comité", "investment_committee"})
INVESTIGATION_PHASES = frozenset({PhaseName.INVESTIGATION, PhaseName.INVESTIGATION_ABANDONED})
# Kinds the import decides; a kind chosen by hand (startup de territoire, …) is kept.
IMPORTED_KINDS = frozenset({ProjectKind.STARTUP_ETAT, ProjectKind.INVESTIGATION})
# Front matter key -> (Project field, French label for the review notes).
TEXT_FIELDS = {
    "mission": ("mission", "mission"),
    "incubator": ("incubator", "incubateur"),
    "usertypes": ("user_types", "publics"),
    "contact": ("contact", "contact"),
}
URL_FIELDS = {
    "link": ("service_url", "adresse du service"),
    "repository": ("repository_url", "dépôt de code"),
    "stats_url": ("stats_url", "page de statistiques"),
}
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})([T ].*)?$")
YAML_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")
FRENCH_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
SEPARATORS = ("---", "...")
# The usual YAML mistakes, said in French (PyYAML's own wording is English).
YAML_PROBLEMS = {
    "expected <block end>": "indentation incohérente",
    "mapping values are not allowed": "« : » inattendu (mettre la valeur entre guillemets)",
    "could not find expected ':'": "« : » manquant",
    "found character '\\t'": "tabulation interdite, indenter avec des espaces",
    "found unexpected end of stream": "guillemet non fermé",
    "expected ',' or ']'": "crochet non fermé",
    "expected ',' or '}'": "accolade non fermée",
    "found undefined alias": "alias inconnu",
    "found duplicate anchor": "ancre en double",
    "cannot start any token": "caractère réservé en tête de valeur (mettre entre guillemets)",
}
# Older beta.gouv.fr phase words that vocabulary.py lacks: its abandon and its hand-over.
OLD_STATUS_NAMES = {"death": PhaseName.ABANDONED, "passation": PhaseName.TRANSFERRED}
_is_url = URLValidator(schemes=["http", "https"])


class StartupFileError(Exception):
    """A startup file cannot be imported; the message, in French, says why."""


# --- Parsed data (no database) ------------------------------------------------------------


@dataclass(frozen=True)
class PhaseData:
    name: str
    start: date
    end: date | None
    comment: str = ""


@dataclass(frozen=True)
class SponsorData:
    name: str
    acronym: str = ""


@dataclass(frozen=True)
class CommitteeData:
    date: date
    minutes: str = ""


@dataclass
class StartupData:
    slug: str
    fields: dict[str, str]  # Project fields, ready to assign (name, mission, urls…)
    sponsors: list[SponsorData] = field(default_factory=list)
    thematics: list[str] = field(default_factory=list)  # Thematic names
    phases: list[PhaseData] = field(default_factory=list)
    committees: list[CommitteeData] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # oddities found while reading
    ignored_events: int = 0

    @property
    def kind(self) -> str:
        names = {phase.name for phase in self.phases}
        if names and names <= INVESTIGATION_PHASES:
            return ProjectKind.INVESTIGATION
        return ProjectKind.STARTUP_ETAT

    @property
    def review_notes(self) -> str:
        return "\n".join(self.notes)


def split_front_matter(text: str) -> tuple[str, str]:
    """Return (YAML front matter, Markdown body); the YAML starts on line 2 of the file."""
    lines = text.removeprefix("\ufeff").split("\n")
    if lines[0].rstrip() != "---":
        raise StartupFileError(
            "pas d'en-tête YAML : le fichier doit commencer par une ligne « --- »."
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in SEPARATORS:
            header = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :]).strip("\n")
            return header, body
    raise StartupFileError("en-tête YAML non fermé : la ligne « --- » de fin est absente.")


def _load_yaml(header: str) -> dict:
    try:
        data = yaml.safe_load(header)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" à la ligne {mark.line + 2}, colonne {mark.column + 1}" if mark else ""
        problem = next(
            (french for english, french in YAML_PROBLEMS.items() if english in str(error.problem)),
            "syntaxe invalide",
        )
        raise StartupFileError(f"en-tête YAML illisible{where} : {problem}.") from error
    except yaml.YAMLError as error:
        raise StartupFileError("en-tête YAML illisible.") from error
    except ValueError as error:  # a date such as 2021-02-30, matched by YAML but impossible
        raise StartupFileError(_impossible_date(header)) from error
    if data is None:
        raise StartupFileError("en-tête YAML vide.")
    if not isinstance(data, dict):
        raise StartupFileError("l'en-tête YAML doit être une suite de champs « clé: valeur ».")
    return data


def _impossible_date(header: str) -> str:
    for number, line in enumerate(header.split("\n"), start=2):
        for text in YAML_DATE.findall(line):
            try:
                date(*map(int, text.split("-")))
            except ValueError:
                return f"date impossible « {text} » à la ligne {number}."
    return "date impossible dans l'en-tête YAML."


def parse_date(value, what: str) -> date:
    """A date from YAML: a date, a datetime, "2021-03-01" or "01/03/2021"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip() if value is not None else ""
    if not text:
        raise StartupFileError(f"{what} : date absente.")
    try:
        if match := ISO_DATE.match(text):
            return date(*map(int, match.group(1, 2, 3)))
        if FRENCH_DATE.match(text):
            return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        pass
    raise StartupFileError(
        f"{what} : date illisible « {text} » (attendu : 2021-03-01 ou 01/03/2021)."
    )


def _optional_date(value, what: str) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, what)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(text for item in value if (text := _text(item)))
    if isinstance(value, dict):
        return ""
    return str(value).strip()


def _items(value) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [item for item in value if item is not None]
    return [value]


def _fit(text: str, model_field: str, what: str, notes: list[str]) -> str:
    limit = Project._meta.get_field(model_field).max_length
    if limit and len(text) > limit:
        notes.append(f"{what.capitalize()} tronqué·e à {limit} caractères ({len(text)} lus).")
        return text[:limit]
    return text


def _url(value, key: str, what: str, notes: list[str]) -> str:
    text = _text(value)
    if not text:
        return ""
    candidate = text if "://" in text else f"https://{text}"  # "www.exemple.fr" is common
    try:
        _is_url(candidate)
    except ValidationError:
        pass
    else:
        if len(candidate) <= Project._meta.get_field(URL_FIELDS[key][0]).max_length:
            return candidate
    notes.append(f"{what.capitalize()} ignoré·e : adresse invalide « {text[:200]} ».")
    return ""


def _close_open_phases(phases: list["PhaseData"]) -> list["PhaseData"]:
    """A phase without end that is followed by another ended when the next one started.

    beta.gouv.fr files often leave earlier phases open; the platform closes the open phase
    on the day the next one starts (see services.phase_save), so the import reads them alike.
    Only later phases starting strictly after it close it; real overlaps stay flagged.
    """
    ordered = sorted(phases, key=lambda phase: phase.start)
    closed = []
    for index, phase in enumerate(ordered):
        later = [other.start for other in ordered[index + 1 :] if other.start > phase.start]
        if phase.end is None and later:
            phase = replace(phase, end=min(later))
        closed.append(phase)
    return closed


def _absent(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _phase_name(raw_name: str) -> str | None:
    key = raw_name.strip().lower()
    return LEGACY_PHASE_NAMES.get(key) or OLD_STATUS_NAMES.get(key)


def _phase_from(name: str, raw_start, raw_end, comment: str, notes: list[str]) -> PhaseData | None:
    """One phase, or None (noted) when the file gives it no start: it cannot be placed."""
    what = f"phase « {label(name)} »"
    if _absent(raw_start):
        notes.append(
            f"La phase « {label(name)} » n'a pas de date de début dans le fichier : elle n'a pas "
            "été importée."
        )
        return None
    start = parse_date(raw_start, f"{what}, début")
    end = _optional_date(raw_end, f"{what}, fin")
    if end is not None and end < start:
        notes.append(
            f"La phase « {label(name)} » du {start:%d/%m/%Y} finit le {end:%d/%m/%Y} dans le "
            "fichier, avant son début : cette fin n'a pas été importée."
        )
        end = None
    return PhaseData(name=str(name), start=start, end=end, comment=comment)


def _phase(entry, position: int, notes: list[str]) -> PhaseData | None:
    what = f"phase n° {position}"
    if not isinstance(entry, dict):
        raise StartupFileError(f"{what} : « name », « start » et « end » attendus.")
    raw_name = _text(entry.get("name"))
    if not raw_name:
        raise StartupFileError(f"{what} : nom de phase absent.")
    name = _phase_name(raw_name)
    if name is None:
        raise StartupFileError(f"phase inconnue « {raw_name} ».")
    return _phase_from(
        name, entry.get("start"), entry.get("end"), _text(entry.get("comment")), notes
    )


def _phases(data: dict, notes: list[str]) -> list[PhaseData]:
    """`phases:`, or in the oldest files a single `status:` with `start:` and `end:`."""
    raw_phases = data.get("phases")
    if raw_phases is not None and not isinstance(raw_phases, list):
        raise StartupFileError("« phases » doit être une liste.")
    status = _text(data.get("status"))
    if not raw_phases:
        if not status:
            return []
        name = _phase_name(status)
        if name is None:
            raise StartupFileError(f"statut inconnu « {status} ».")
        phase = _phase_from(name, data.get("start"), data.get("end"), "", notes)
        return [phase] if phase else []
    phases = [
        phase
        for position, entry in enumerate(raw_phases, start=1)
        if (phase := _phase(entry, position, notes)) is not None
    ]
    if status and phases:
        name = _phase_name(status)
        last = sorted(phases, key=lambda phase: phase.start)[-1].name
        if name is None:
            notes.append(f"Statut « {status} » inconnu, ignoré : les phases du fichier font foi.")
        elif name != last:
            notes.append(
                f"Le fichier indique le statut « {label(name)} » mais sa dernière phase est "
                f"« {label(last)} » : les phases ont été importées telles quelles."
            )
    return phases


def _sponsor(value, *, path_ids: bool = True) -> SponsorData | None:
    """A sponsor written as `/organisations/anct`, as a name, or as `{name, acronym, …}`."""
    if isinstance(value, dict):
        name, acronym = _text(value.get("name")), _text(value.get("acronym"))
        if not (name or acronym):
            return None
        return SponsorData(name=name or acronym, acronym=acronym if name else "")
    text = _text(value)
    if path_ids and text.startswith(("/", "organisations/")):
        text = text.rstrip("/").rsplit("/", 1)[-1].strip()  # the last segment of the id
    return SponsorData(name=text) if text else None


def _sponsors(data: dict, notes: list[str]) -> list[SponsorData]:
    """The file's sponsors; the older `owner:` (a name, never split) when there are none."""
    found = []
    for value in _items(data.get("sponsors")):
        if (sponsor := _sponsor(value)) is not None:
            found.append(sponsor)
        elif isinstance(value, dict):
            notes.append("Un sponsor sans nom ni sigle a été ignoré.")
    if not found:
        found = [
            sponsor
            for value in _items(data.get("owner"))
            if (sponsor := _sponsor(value, path_ids=False)) is not None
        ]
    name_limit = Organisation._meta.get_field("name").max_length
    acronym_limit = Organisation._meta.get_field("acronym").max_length
    seen, result = set(), []
    for sponsor in found:
        name = sponsor.name[:name_limit].strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(SponsorData(name=name, acronym=sponsor.acronym[:acronym_limit].strip()))
    return result


def _unique(names: Iterable[str], limit: int) -> list[str]:
    seen, result = set(), []
    for name in names:
        name = name[:limit].strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def startup_id(path: Path) -> str:
    """A file's beta.gouv.fr id: its name without `.md`, accents in composed form (NFC)."""
    return unicodedata.normalize("NFC", path.name.removesuffix(".md"))


def parse_startup(text: str, slug: str) -> StartupData:
    """Read one startup file's text; raise StartupFileError when it cannot be imported."""
    slug = unicodedata.normalize("NFC", slug)
    if len(slug) > Project._meta.get_field("slug").max_length:
        raise StartupFileError(f"identifiant « {slug} » trop long (nom du fichier).")
    try:
        validate_project_id(slug)
    except ValidationError as error:
        raise StartupFileError(
            f"identifiant « {slug} » invalide : le nom du fichier ne doit contenir que des "
            "lettres, chiffres, tirets, soulignés, points et apostrophes, et commencer par une "
            "lettre ou un chiffre."
        ) from error
    header, body = split_front_matter(text)
    data = _load_yaml(header)
    notes: list[str] = []

    name = _text(data.get("title"))
    if not name:
        notes.append("Titre absent du fichier : l'identifiant sert de nom.")
        name = slug
    fields = {"name": _fit(name, "name", "nom", notes), "description": body}
    for key, (model_field, what) in TEXT_FIELDS.items():
        fields[model_field] = _fit(_text(data.get(key)), model_field, what, notes)
    for key, (model_field, what) in URL_FIELDS.items():
        fields[model_field] = _url(data.get(key), key, what, notes)

    phases = _phases(data, notes)

    committees: dict[date, list[str]] = {}
    ignored_events = 0
    for entry in _items(data.get("events")):
        event = _text(entry.get("name")).lower() if isinstance(entry, dict) else ""
        if event not in COMMITTEE_EVENTS:
            ignored_events += 1
            continue
        if _absent(entry.get("date")):
            notes.append("Un comité sans date dans le fichier n'a pas été importé.")
            continue
        day = parse_date(entry.get("date"), "événement « comité »")
        minutes = committees.setdefault(day, [])
        if comment := _text(entry.get("comment")):
            minutes.append(comment)

    thematics = []
    for name in _unique(
        map(_text, _items(data.get("thematiques"))), Thematic._meta.get_field("name").max_length
    ):
        if slugify(name):
            thematics.append(name)
        else:
            notes.append(f"Thématique « {name} » ignorée : sans lettre ni chiffre.")

    phases = _close_open_phases(phases)
    notes.extend(phase_problems([PhaseSpan(p.name, p.start, p.end) for p in phases]))
    return StartupData(
        slug=slug,
        fields=fields,
        sponsors=_sponsors(data, notes),
        thematics=thematics,
        phases=phases,
        committees=[
            CommitteeData(date=day, minutes="\n\n".join(texts))
            for day, texts in sorted(committees.items())
        ],
        notes=notes,
        ignored_events=ignored_events,
    )


def read_startup_file(path: Path) -> StartupData:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise StartupFileError("caractères illisibles (encodage attendu : UTF-8).") from error
    except FileNotFoundError as error:
        raise StartupFileError("fichier introuvable.") from error
    except PermissionError as error:
        raise StartupFileError("lecture refusée (droits du fichier).") from error
    except OSError as error:
        raise StartupFileError(f"lecture impossible ({error.strerror or error}).") from error
    return parse_startup(text, startup_id(path))


# --- Writing ------------------------------------------------------------------------------

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _organisation(sponsor: SponsorData) -> Organisation:
    """The organisation known by the sponsor's name, else by its acronym, else a new one."""
    for word in filter(None, (sponsor.name, sponsor.acronym)):
        match = Q(name__iexact=word) | Q(acronym__iexact=word)
        if found := Organisation.objects.filter(match).first():
            return found
    return Organisation.objects.create(name=sponsor.name, acronym=sponsor.acronym)


def _thematic(name: str) -> Thematic:
    slug = slugify(name)[: Thematic._meta.get_field("slug").max_length]
    found = Thematic.objects.filter(Q(name__iexact=name) | Q(slug=slug)).first()
    return found or Thematic.objects.create(name=name, slug=slug)


def _phase_key(phase) -> tuple:
    return (str(phase.name), phase.start, phase.end, phase.comment)


def write_startup(data: StartupData) -> str:
    """Create or update the project of one parsed file, all or nothing.

    Returns CREATED, UPDATED or UNCHANGED; nothing is written when the file brings no change
    (no history entry, `updated_at` untouched). Fields the file does not carry (manager,
    post-mortem, team, budget…) are never touched.
    """
    with transaction.atomic():
        values = {**data.fields, "review_notes": data.review_notes}
        project = Project.objects.filter(slug=data.slug).first()
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
                committee.save(update_fields=["minutes"])
                changed = True
    if created:
        return CREATED
    return UPDATED if changed else UNCHANGED


# --- Several files ------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)  # slugs
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason in French)
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (slug, review notes)
    ignored_events: int = 0

    @property
    def imported(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)

    @property
    def total(self) -> int:
        return self.imported + len(self.skipped)


Track = Callable[[Sequence, str], Iterable]


def _no_progress(items: Sequence, description: str) -> Iterable:
    return items


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The `.md` files named or found (sorted) in the directories given, and the bad paths."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(child for child in path.glob("*.md") if child.is_file()))
        elif not path.exists():
            problems.append((str(path), "fichier ou dossier introuvable."))
        elif path.suffix != ".md":
            problems.append((str(path), "pas un fichier Markdown (extension .md attendue)."))
        else:
            files.append(path)
    return files, problems


def import_startup_files(
    paths: Iterable[str | Path], *, track: Track = _no_progress
) -> ImportReport:
    """Import every startup file found in `paths`; one transaction per file."""
    files, problems = collect_files(paths)
    report = ImportReport(skipped=list(problems))
    seen: dict[str, Path] = {}
    for path in track(files, "Fiches beta.gouv.fr"):
        slug = startup_id(path)
        if slug in seen:
            if seen[slug].resolve() != path.resolve():
                report.skipped.append((str(path), f"identifiant déjà importé par {seen[slug]}."))
            continue
        seen[slug] = path
        try:
            data = read_startup_file(path)
            outcome = write_startup(data)
        except StartupFileError as error:
            report.skipped.append((str(path), str(error)))
            continue
        except ValidationError as error:
            details = " ; ".join(error.messages)
            report.skipped.append((str(path), f"valeurs refusées ({details})."))
            continue
        except DatabaseError as error:
            report.skipped.append(
                (str(path), f"écriture en base impossible, rien n'a été enregistré ({error}).")
            )
            continue
        getattr(report, outcome).append(data.slug)
        report.ignored_events += data.ignored_events
        if data.review_notes:
            report.flagged.append((data.slug, data.review_notes))
    return report
