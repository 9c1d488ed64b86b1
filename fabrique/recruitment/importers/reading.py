"""Finding the offer files of a folder and reading their front matter, with the drift of real
files (a header under a heading, its closing `---` forgotten, a « : » left unquoted): what is
not an offer is listed with its reason, what has nothing usable raises `OfferFileError`.
"""

import re
from collections.abc import Iterable
from pathlib import Path

from fabrique.core import importing
from fabrique.core.frontmatter import (
    FrontMatterError,
    UnclosedFrontMatter,
    key_name,
    load_yaml,
    opens_with_front_matter,
    read,
    read_allowing_unclosed,
    split_front_matter,
)
from fabrique.core.importing import Item

EXTENSIONS = (".md", ".markdown", ".txt")
MAX_FILE_BYTES = 512 * 1024
# Every key Fabrique reads, under its canonical name.
KNOWN_KEYS = {
    "title": "title", "titre": "title",
    "role": "role", "roles": "role", "poste": "role",
    "equipe": "team", "startup": "team", "team": "team",
    "friend": "friend", "type": "type",
    "contrat": "contract", "contract": "contract", "type_contrat": "contract",
    "junior": "junior",
    "open": "open", "status": "status", "brouillon": "draft", "draft": "draft", "statut": "status",
    "poste_pourvu": "filled", "pourvu": "filled",
    "poste_ouvert": "opens", "date": "opens", "ouverture": "opens",
    "poste_ferme": "closes", "depublication_date": "closes", "cloture": "closes",
    "contact": "contact",
    "externalurl": "external_url", "external_url": "external_url", "lien": "external_url",
    "techno": "techno", "technos": "techno", "stack": "techno",
    "domaines": "domains", "domaine": "domains", "domains": "domains",
    "lieu": "place", "localisation": "place", "location": "place",
    "teletravail": "remote", "remote": "remote",
    "jours_par_semaine": "days", "jours": "days",
    "duree": "duration", "duration": "duration",
    "porteur_du_contrat": "holder",
}  # fmt: skip
_HEADER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*?))?\s*$")
_LIST_ITEM = re.compile(r"^\s+-\s+(.*?)\s*$")
# The one YAML mistake read anyway: a « : » inside a value left without quotes
# (`title: Le service recrute : un·e dev`), whose meaning is plain; Jekyll only warns about it.
_COLON_IN_VALUE = "« : » inattendu"
# Blank lines and Markdown headings only, then a front matter: `# Titre\n\n---\nroles: …\n---`.
_HEADING_THEN_HEADER = re.compile(r"^((?:[ \t]*\n|#[^\n]*\n)+)(---[ \t]*\n.*)$", re.S)


class OfferFileError(Exception):
    """A file with nothing usable in it; the message, in French, says why."""


def _line_value(raw: str):
    try:
        value = load_yaml(f"v: {raw}")["v"]
    except FrontMatterError:
        return raw.strip()
    return value


def _header_line_by_line(header: str) -> dict:
    """A header whose only fault is a « : » inside an unquoted value, read one line at a time:
    `key: value` lines (the value as written when YAML cannot read it) and `  - item` lists."""
    values: dict[str, object] = {}
    last = None
    for line in header.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if match := _HEADER_LINE.match(line):
            last = match[1]
            values[last] = _line_value(match[2]) if match[2] else None
        elif (item := _LIST_ITEM.match(line)) and last is not None:
            previous = values[last]
            values[last] = [*(previous if isinstance(previous, list) else []), item[1]]
        else:
            raise FrontMatterError(f"ligne d'en-tête illisible « {line.strip()[:60]} ».")
    return values


def _header_after_heading(text: str, notes: list[str]) -> tuple[dict, str] | None:
    """A front matter placed under a heading (`# Développeur·euse` then `---` … `---`), which
    Jekyll does not read: its fields when they are fields of an offer, the heading kept at the
    top of the text; None otherwise (a heading followed by a horizontal rule)."""
    match = _HEADING_THEN_HEADER.match(text.removeprefix("\ufeff").replace("\r\n", "\n"))
    if match is None or not match[1].strip():
        return None
    try:
        header, body = read(match[2])
    except FrontMatterError:
        return None
    if not any(key_name(key) in KNOWN_KEYS for key in header):
        return None
    notes.append(
        "En-tête YAML placé sous un intertitre (le fichier doit commencer par « --- ») : lu "
        "quand même, l'intertitre gardé en tête du texte."
    )
    return header, f"{match[1].strip()}\n\n{body}"


def read_header(text: str, notes: list[str]) -> tuple[dict, str]:
    """(header, body) of an offer file; a file without front matter has an empty header."""
    if not text.lstrip("\ufeff \r\n\t").startswith("---"):
        return _header_after_heading(text, notes) or ({}, text.removeprefix("\ufeff"))
    try:
        return read(text)
    except FrontMatterError as error:
        if "en-tête YAML vide" in str(error):
            return {}, split_front_matter(text)[1]
        if isinstance(error, UnclosedFrontMatter):
            try:
                return read_allowing_unclosed(text, notes)
            except FrontMatterError:
                pass
        if _COLON_IN_VALUE not in str(error):
            raise OfferFileError(str(error)) from error
        header_text, body = split_front_matter(text)
        try:
            header = _header_line_by_line(header_text)
        except FrontMatterError:
            raise OfferFileError(str(error)) from error
        notes.append(
            f"{str(error)[0].upper()}{str(error)[1:]} Lu ligne par ligne, chaque valeur telle "
            "qu'écrite : à vérifier."
        )
        return header, body


# Files that may begin with `---` without being offers: YAML data files.
DATA_EXTENSIONS = (".yml", ".yaml")


def is_offer_file(path: Path) -> bool:
    """`.md`, `.markdown`, `.txt`, and any other file that begins with a front matter `---`
    (no extension, a dot in the name as in `15.04_Bizdev`, a Jekyll `.html` page), except
    YAML data files."""
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return True
    return suffix not in DATA_EXTENSIONS and opens_with_front_matter(path)


REFUSED = (
    "ni .md, ni .markdown, ni .txt, et ne commence pas par « --- » : pas lu comme une offre "
    "(une offre est un fichier Markdown)."
)
REFUSED_NO_EXTENSION = (
    "sans extension et ne commence pas par un en-tête « --- » : pas lu comme une offre ; si "
    "c'en est une, ajoutez-lui l'extension .md."
)
REFUSED_DATA = "fichier de données YAML (.yml, .yaml) : pas une offre."


def refusal(path: Path) -> str:
    if path.suffix.lower() in DATA_EXTENSIONS:
        return REFUSED_DATA
    return REFUSED_NO_EXTENSION if not path.suffix or " " in path.suffix else REFUSED


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Item]]:
    """Files named or found (recursively, sorted) under the folders given, and the files not
    read, each with its reason: the bad paths named, and the files of a folder that are not
    offers (a README, an image), so that every file of a folder is accounted for."""
    paths = list(paths)
    files, problems = importing.collect_files(paths, is_offer_file, refused=REFUSED, recursive=True)
    problems = [
        Item(where, refusal(Path(where))) if reason == REFUSED else Item(where, reason)
        for where, reason in problems
    ]
    accounted = {str(path) for path in files} | {where for where, _ in problems}
    for raw in paths:
        if Path(raw).is_dir():
            problems.extend(
                Item(str(child), refusal(child))
                for child in sorted(Path(raw).rglob("*"))
                if str(child) not in accounted
                and not child.name.startswith(".")
                and child.is_file()
                and not any(part.startswith(".") for part in child.relative_to(raw).parts)
            )
    return files, problems
