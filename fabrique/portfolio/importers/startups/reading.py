"""Reading one startup file into a `StartupData`, with no database access.

Phases (including the older single `status:`), sponsors (or the older `owner:`), thematics
and committees, each read tolerantly; what looks wrong is written into the notes for review,
what cannot be read at all raises `StartupFileError`.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from fabrique.core.forms import EARLIEST_YEAR, LATEST_YEARS_AHEAD, implausible_date
from fabrique.core.frontmatter import (
    FrontMatterError,
    known_keys,
    load_yaml,
    split_front_matter,
    text_value,
)
from fabrique.core.text import UnreadableText, decode_text

from ...models import Organisation, Project, Thematic, validate_project_id
from ...rules import PhaseSpan, label, phase_problems
from ...vocabulary import LEGACY_PHASE_NAMES, PHASE_ORDER, PhaseName
from .parsing import (
    TEXT_FIELDS,
    URL_FIELDS,
    CommitteeData,
    PhaseData,
    SponsorData,
    StartupData,
    StartupFileError,
    _fit,
    _items,
    _optional_date,
    _url,
    parse_date,
)

COMMITTEE_EVENTS = frozenset({"committee", "comite", "comité", "investment_committee"})
# Keys of which a startup file has at least one; a front matter with none of them is another
# kind of page kept in the same folder (a job offer: `roles:`, `startup:`, `open:`).
STARTUP_KEYS = (
    "title", "mission", "phases", "status", "incubator", "sponsors", "owner", "events",
    "thematiques",
)  # fmt: skip
# Every key of the community's startup files, read or not: a key written in another case or
# with a typo (« Title », « Phases ») is read as the one it means (`core.frontmatter.known_keys`),
# and a key of its own (« stats ») is never taken for a neighbour (« status »).
HEADER_KEYS = frozenset({
    *STARTUP_KEYS, *TEXT_FIELDS, *URL_FIELDS, "start", "end", "redirect_from", "stats",
    "budget_url", "dashlord_url", "impact_url", "techno", "accessibility_status",
    "analyse_risques", "analyse_risques_url", "mon_service_securise", "screenshot", "fast",
    "content_url_encoding_for_ogimage", "usertypes", "contact",
})  # fmt: skip
# Older beta.gouv.fr phase words that vocabulary.py lacks: its abandon and its hand-over.
OLD_STATUS_NAMES = {"death": PhaseName.ABANDONED, "passation": PhaseName.TRANSFERRED}


def _close_open_phases(phases: list["PhaseData"], notes: list[str]) -> list["PhaseData"]:
    """A phase without end that is followed by another ended when the next one started.

    beta.gouv.fr files often leave earlier phases open; the platform closes the open phase
    on the day the next one starts (see services.phase_save), so the import reads them alike.
    Later phases close it when they start strictly after it, or the same day when they come
    later in a project's life (`investigation` and `construction` both on 13/03/2019: the
    investigation ends that day, and the notes say so). Other overlaps stay flagged.
    """
    ordered = sorted(phases, key=lambda phase: (phase.start, PHASE_ORDER.get(phase.name, 99)))
    closed = []
    for index, phase in enumerate(ordered):
        later = [other for other in ordered[index + 1 :] if _comes_after(other, phase)]
        if phase.end is None and later:
            phase = replace(phase, end=min(other.start for other in later))
            if phase.end == phase.start:
                following = next(other for other in later if other.start == phase.start)
                notes.append(
                    f"Les phases « {label(phase.name)} » et « {label(following.name)} » "
                    f"commencent le même jour ({phase.start:%d/%m/%Y}) : « {label(phase.name)} » "
                    "a été close ce jour-là."
                )
        closed.append(phase)
    return closed


def _comes_after(other: "PhaseData", phase: "PhaseData") -> bool:
    if other.start != phase.start:
        return other.start > phase.start
    return PHASE_ORDER.get(other.name, 99) > PHASE_ORDER.get(phase.name, 99)


def _implausible(day: date, what: str) -> str | None:
    """« Phase « X », début : date peu plausible (01/06/2120, plus de 10 ans dans le futur) »
    for a year before 2000 or more than ten years ahead (2120 typed for 2020), else None.
    The rule is the forms' one (`core.forms.implausible_date`)."""
    if implausible_date(day, timezone.localdate()) is None:
        return None
    why = (
        f"avant {EARLIEST_YEAR}"
        if day.year < EARLIEST_YEAR
        else f"plus de {LATEST_YEARS_AHEAD} ans dans le futur"
    )
    return f"{what} : date peu plausible ({day.day:02d}/{day.month:02d}/{day.year:04d}, {why})"


def _capitalised(reason: str) -> str:
    return (reason[:1].upper() + reason[1:]).removesuffix(".")


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
    try:
        start = parse_date(raw_start, f"{what}, début")
        end = _optional_date(raw_end, f"{what}, fin")
    except StartupFileError as error:  # 2020-15-01, "mars 2022": the phase cannot be placed
        notes.append(f"{_capitalised(str(error))} : cette phase n'a pas été importée.")
        return None
    if problem := _implausible(start, f"{_capitalised(what)}, début"):
        notes.append(f"{problem} : cette phase n'a pas été importée.")
        return None
    if end is not None and (problem := _implausible(end, f"{_capitalised(what)}, fin")):
        notes.append(f"{problem} : cette fin n'a pas été importée.")
        end = None
    if end is not None and end < start:
        notes.append(
            f"La phase « {label(name)} » du {start:%d/%m/%Y} finit le {end:%d/%m/%Y} dans le "
            "fichier, avant son début : cette fin n'a pas été importée."
        )
        end = None
    return PhaseData(name=str(name), start=start, end=end, comment=comment)


def _phase(entry, position: int, notes: list[str]) -> PhaseData | None:
    """One phase of `phases:`, or None (noted) when it cannot be read: like a phase without
    start, a malformed entry is left out and the rest of the file imports."""
    what = f"La phase n° {position}"
    if not isinstance(entry, dict):
        notes.append(
            f"{what} n'est pas écrite « name », « start », « end » : elle n'a pas été importée."
        )
        return None
    raw_name = text_value(entry.get("name"))
    if not raw_name:
        notes.append(f"{what} n'a pas de nom (« name ») : elle n'a pas été importée.")
        return None
    name = _phase_name(raw_name)
    if name is None:
        notes.append(f"Phase inconnue « {raw_name} » : elle n'a pas été importée.")
        return None
    return _phase_from(
        name, entry.get("start"), entry.get("end"), text_value(entry.get("comment")), notes
    )


def _phases(data: dict, notes: list[str]) -> list[PhaseData]:
    """`phases:`, or in the oldest files a single `status:` with `start:` and `end:`."""
    raw_phases = data.get("phases")
    if isinstance(raw_phases, dict):  # a single phase written without its "- "
        raw_phases = [raw_phases]
    if raw_phases is not None and not isinstance(raw_phases, list):
        raise StartupFileError("« phases » doit être une liste.")
    status = text_value(data.get("status"))
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
        name, acronym = text_value(value.get("name")), text_value(value.get("acronym"))
        if not (name or acronym):
            return None
        return SponsorData(name=name or acronym, acronym=acronym if name else "")
    text = text_value(value)
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


def _suggested_id(slug: str) -> str:
    """A valid id close to an invalid one (« Aides ESS » → « Aides-ESS », « @docs » → « docs »),
    or "" when nothing is left."""
    words = re.sub(r"[^\w.'-]+", "-", slug).strip("-")
    suggestion = re.sub(r"^[^0-9A-Za-zÀ-ÿ]+", "", words)
    try:
        validate_project_id(suggestion)
    except ValidationError:
        return ""
    return suggestion


_FENCE = re.compile(r"^\s*(```|~~~)")


def _hard_breaks(body: str) -> str:
    """A line ending with a backslash, the line break of the beta.gouv.fr editor (CommonMark),
    ends with two spaces instead, the one Python-Markdown reads; fenced code is left as is."""
    lines, in_code = body.split("\n"), False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and line.endswith("\\") and not line.endswith("\\\\"):
            lines[index] = line[:-1].rstrip() + "  "
    return "\n".join(lines)


def _former_ids(value, slug: str) -> list[str]:
    """The ids a renamed startup had, from `redirect_from` (`/startups/aides.jeunes`,
    `/startups/locatio.html`); other redirects (pages that are not startups) are not ids."""
    found = []
    for item in _items(value):
        path = text_value(item).rstrip("/")
        if not path.startswith("/startups/"):
            continue
        former = unicodedata.normalize("NFC", path.removeprefix("/startups/").removesuffix(".html"))
        if former.casefold() == slug.casefold() or former in found:
            continue
        try:
            validate_project_id(former)
        except ValidationError:
            continue
        found.append(former)
    return found


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
        suggestion = _suggested_id(slug)
        raise StartupFileError(
            f"identifiant « {slug} » invalide : le nom du fichier ne doit contenir que des "
            "lettres, chiffres, tirets, soulignés, points et apostrophes, et commencer par une "
            "lettre ou un chiffre"
            + (f" (renommer le fichier, par exemple « {suggestion}.md »)." if suggestion else ".")
        ) from error
    try:
        header, body = split_front_matter(text)
        data = load_yaml(header)
    except FrontMatterError as error:
        raise StartupFileError(str(error)) from error
    notes: list[str] = []
    data = known_keys(data, HEADER_KEYS, notes)
    if all(_absent(data.get(key)) or data.get(key) in ([], {}) for key in STARTUP_KEYS):
        keys = ", ".join(str(key) for key in list(data)[:5])
        raise StartupFileError(
            "pas une fiche startup : ni titre, ni mission, ni phases dans l'en-tête "
            f"(champs lus : {keys})."
        )

    name = text_value(data.get("title"))
    if not name:
        notes.append("Titre absent du fichier : l'identifiant sert de nom.")
        name = slug
    fields = {"name": _fit(name, "name", "nom", notes), "description": _hard_breaks(body)}
    for key, (model_field, what) in TEXT_FIELDS.items():
        fields[model_field] = _fit(text_value(data.get(key)), model_field, what, notes)
    # An incubator is a beta.gouv.fr id: « DINUM » and « dinum » are one incubator.
    fields["incubator"] = fields["incubator"].lower()
    for key, (model_field, what) in URL_FIELDS.items():
        fields[model_field] = _url(data.get(key), key, what, notes)

    phases = _phases(data, notes)

    committees: dict[date, list[str]] = {}
    ignored_events = 0
    for entry in _items(data.get("events")):
        event = text_value(entry.get("name")).lower() if isinstance(entry, dict) else ""
        if event not in COMMITTEE_EVENTS:
            ignored_events += 1
            continue
        if _absent(entry.get("date")):
            notes.append("Un comité sans date dans le fichier n'a pas été importé.")
            continue
        try:
            day = parse_date(entry.get("date"), "événement « comité »")
        except StartupFileError as error:
            notes.append(f"{_capitalised(str(error))} : ce comité n'a pas été importé.")
            continue
        if problem := _implausible(day, "Comité"):
            notes.append(f"{problem} : ce comité n'a pas été importé.")
            continue
        minutes = committees.setdefault(day, [])
        if comment := text_value(entry.get("comment")):
            minutes.append(comment)

    thematics = []
    for name in _unique(
        map(text_value, _items(data.get("thematiques"))),
        Thematic._meta.get_field("name").max_length,
    ):
        if slugify(name):
            thematics.append(name)
        else:
            notes.append(f"Thématique « {name} » ignorée : sans lettre ni chiffre.")

    phases = _close_open_phases(phases, notes)
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
        former_ids=_former_ids(data.get("redirect_from"), slug),
    )


def read_startup_file(path: Path) -> StartupData:
    try:
        text, note = decode_text(path.read_bytes())
    except UnreadableText as error:
        raise StartupFileError(str(error)) from error
    except FileNotFoundError as error:
        raise StartupFileError("fichier introuvable.") from error
    except PermissionError as error:
        raise StartupFileError("lecture refusée (droits du fichier).") from error
    except OSError as error:
        raise StartupFileError(f"lecture impossible ({error.strerror or error}).") from error
    data = parse_startup(text, startup_id(path))
    if note:
        data.notes.insert(0, note)
    return data
