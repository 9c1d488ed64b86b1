"""Reading one whole startup file: its id, its front matter (keys read tolerantly, a page of
another kind told apart), its body, and what it says of the project."""

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from fabrique.core.frontmatter import (
    FrontMatterError,
    known_keys,
    read_allowing_unclosed,
    text_value,
)
from fabrique.core.text import UnreadableText, decode_text

from ....models import Project, Thematic, validate_project_id
from ....rules import PhaseSpan, phase_problems
from ..parsing import (
    TEXT_FIELDS,
    URL_FIELDS,
    CommitteeData,
    StartupData,
    StartupFileError,
    as_list,
    fit_to_field,
    parse_date,
    parse_url,
)
from .phases import capitalised, close_open_phases, implausible_note, is_absent, read_phases
from .sponsors import read_sponsors

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
    for item in as_list(value):
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
    notes: list[str] = []
    try:
        data, body = read_allowing_unclosed(text, notes)
    except FrontMatterError as error:
        raise StartupFileError(str(error)) from error
    data = known_keys(data, HEADER_KEYS, notes)
    if all(is_absent(data.get(key)) or data.get(key) in ([], {}) for key in STARTUP_KEYS):
        keys = ", ".join(str(key) for key in list(data)[:5])
        raise StartupFileError(
            "pas une fiche startup : ni titre, ni mission, ni phases dans l'en-tête "
            f"(champs lus : {keys})."
        )

    name = text_value(data.get("title"))
    if not name:
        notes.append("Titre absent du fichier : l'identifiant sert de nom.")
        name = slug
    fields = {"name": fit_to_field(name, "name", "nom", notes), "description": _hard_breaks(body)}
    for key, (model_field, what) in TEXT_FIELDS.items():
        fields[model_field] = fit_to_field(text_value(data.get(key)), model_field, what, notes)
    # An incubator is a beta.gouv.fr id: « DINUM » and « dinum » are one incubator, and
    # « /incubators/anct » (written as a path, like the sponsors) is « anct ».
    incubator = fields["incubator"].lower()
    if incubator.startswith(("/incubators/", "incubators/")):
        incubator = incubator.rstrip("/").rsplit("/", 1)[-1].strip()
    fields["incubator"] = incubator
    for key, (model_field, what) in URL_FIELDS.items():
        fields[model_field] = parse_url(data.get(key), key, what, notes)

    phases = read_phases(data, notes)

    committees: dict[date, list[str]] = {}
    ignored_events = 0
    for entry in as_list(data.get("events")):
        event = text_value(entry.get("name")).lower() if isinstance(entry, dict) else ""
        if event not in COMMITTEE_EVENTS:
            ignored_events += 1
            continue
        if is_absent(entry.get("date")):
            notes.append("Un comité sans date dans le fichier n'a pas été importé.")
            continue
        try:
            day = parse_date(entry.get("date"), "événement « comité »")
        except StartupFileError as error:
            notes.append(f"{capitalised(str(error))} : ce comité n'a pas été importé.")
            continue
        if problem := implausible_note(day, "Comité"):
            notes.append(f"{problem} : ce comité n'a pas été importé.")
            continue
        minutes = committees.setdefault(day, [])
        if comment := text_value(entry.get("comment")):
            minutes.append(comment)

    thematics = []
    for name in _unique(
        map(text_value, as_list(data.get("thematiques"))),
        Thematic._meta.get_field("name").max_length,
    ):
        if slugify(name):
            thematics.append(name)
        else:
            notes.append(f"Thématique « {name} » ignorée : sans lettre ni chiffre.")

    phases = close_open_phases(phases, notes)
    notes.extend(phase_problems([PhaseSpan(p.name, p.start, p.end) for p in phases]))
    return StartupData(
        slug=slug,
        fields=fields,
        sponsors=read_sponsors(data, notes),
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
