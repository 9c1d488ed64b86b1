"""What the three catalogue imports share: French errors with the line, JSON arrays read with the
line of each record, the report of `core.importing`, and field-by-field upserts that write (and add
to the history) only when something changed.

Each import reads and checks the whole file before writing, then writes in one transaction:
a file with one bad line leaves the database as it was.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from fabrique.core.importing import ImportReport
from fabrique.core.numbers import agree
from fabrique.core.text import UnreadableText, decode_text, fold, json_problem


class CatalogueImportError(Exception):
    """A file cannot be imported; the message, in French, says which file, which line, why."""


def fail(path: Path, line: int | None, message: str):
    where = f"{path.name}, ligne {line}" if line else path.name
    raise CatalogueImportError(f"{where} : {message}")


def read_text(path: Path, report: ImportReport | None = None) -> str:
    """The file's text: UTF-8, or Windows-1252 as a spreadsheet on Windows saves it (said in
    the `report`'s warnings); binary content is refused with its line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CatalogueImportError(f"{path} : fichier introuvable.") from None
    except IsADirectoryError:
        raise CatalogueImportError(f"{path} : c'est un dossier, un fichier est attendu.") from None
    except OSError:
        raise CatalogueImportError(f"{path} : impossible de lire ce fichier (droits ?).") from None
    try:
        text, note = decode_text(raw)
    except UnreadableText as error:
        raise CatalogueImportError(f"{path.name} : {error}") from None
    if note and report is not None:
        report.warn("", note)
    return text


def json_records(
    path: Path, what: str, report: ImportReport | None = None
) -> Iterator[tuple[int, object]]:
    """The items of the JSON array in `path`, each with the line where it starts."""
    text = read_text(path, report)
    if not text.strip():
        fail(path, None, "le fichier est vide.")
    decoder = json.JSONDecoder()
    position = _skip(text, 0)
    if position >= len(text) or text[position] != "[":
        try:
            json.loads(text)
        except RecursionError:
            fail(path, 1, "JSON imbriqué trop profondément : ce n'est pas un export attendu.")
        except json.JSONDecodeError as error:
            fail(
                path,
                error.lineno,
                f"ce n'est pas un fichier JSON valide ({json_problem(error.msg)}).",
            )
        fail(path, 1, f"une liste JSON de {what} est attendue ([{{…}}, {{…}}]).")
    position = _skip(text, position + 1)
    if position < len(text) and text[position] == "]":
        return
    while True:
        line = text.count("\n", 0, position) + 1
        try:
            item, position = decoder.raw_decode(text, position)
        except RecursionError:
            fail(path, line, "élément JSON imbriqué trop profondément.")
        except json.JSONDecodeError as error:
            fail(path, error.lineno, f"JSON invalide ({json_problem(error.msg)}).")
        yield line, item
        position = _skip(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip(text, position + 1)
            continue
        if position < len(text) and text[position] == "]":
            if _skip(text, position + 1) < len(text):
                fail(path, text.count("\n", 0, position) + 1, "texte après la fin de la liste.")
            return
        fail(
            path,
            text.count("\n", 0, position) + 1,
            "JSON invalide (virgule ou crochet fermant attendu) : fichier tronqué ?",
        )


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def require_keys(path: Path, line: int, record, keys: Iterable[str], what: str) -> dict:
    if not isinstance(record, dict):
        fail(path, line, f"chaque élément doit être un objet JSON décrivant {what}.")
    missing = [key for key in keys if key not in record]
    if missing:
        fail(
            path,
            line,
            f"{agree(len(missing), 'clé obligatoire absente', 'clés obligatoires absentes')} : "
            f"{', '.join(missing)}.",
        )
    return record


DELIMITERS = (",", ";", "\t")


def _header(first_line: str, columns: tuple[str, ...]) -> tuple[str, list[str]]:
    """The delimiter of a file and its header cells, each named as in `columns` when it is one
    of them written in another case or without its accents (« DATE CLOTURE »). The delimiter
    is the one under which the header names the most columns: a comma as exported, a semicolon
    or a tab as a French spreadsheet saves it (a cell's own `;` are inside quotes)."""
    names = {fold(column): column for column in columns}
    best = None
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        cells = [names.get(fold(cell), cell.strip()) for cell in cells]
        found = sum(cell in columns for cell in cells)
        if best is None or found > best[0]:
            best = (found, delimiter, cells)
    return best[1], best[2]


def csv_rows(
    path: Path,
    required: Iterable[str],
    optional: Iterable[str] = (),
    report: ImportReport | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a file with a header; cells may span several lines. Columns separated
    by commas, semicolons or tabs; header names read whatever their case and accents."""
    required = tuple(required)
    text = read_text(path, report)
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].strip():
        fail(path, None, "le fichier est vide.")
    delimiter, header = _header(lines[0], required + tuple(optional))
    reader = csv.reader(lines, strict=True, delimiter=delimiter)
    line = 1
    try:
        next(reader, None)
        missing = [column for column in required if column not in header]
        if missing:
            fail(
                path,
                1,
                agree(len(missing), "colonne obligatoire absente", "colonnes obligatoires absentes")
                + f" : {', '.join(missing)}.",
            )
        while True:
            line = reader.line_num + 1
            values = next(reader, None)
            if values is None:
                return
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                fail(path, line, f"{len(values)} valeurs au lieu de {len(header)}.")
            yield line, dict(zip(header, values, strict=True))
    except csv.Error as error:
        fail(path, line, f"ligne CSV illisible ({csv_problem(error)}).")


def csv_problem(error: csv.Error) -> str:
    """Python's CSV error, said in French."""
    text = str(error)
    if "NUL" in text:
        return "caractère nul : le fichier est binaire ou abîmé"
    if "field larger than field limit" in text:
        return "cellule trop longue"
    if "unexpected end of data" in text or "EOF" in text:
        return "guillemet non fermé"
    if "expected" in text and "after" in text:
        return "guillemet mal placé dans une cellule"
    return "format CSV invalide"


_URL = URLValidator(schemes=["http", "https"])


def clean_url(value, path: Path, line: int, label: str) -> str:
    value = (value or "").strip() if isinstance(value, str) else ""
    if not value:
        return ""
    try:
        _URL(value)
    except ValidationError:
        fail(path, line, f"{label} « {value[:100]} » n'est pas une adresse web valide.")
    return value


def text(value) -> str:
    """A JSON value read as text: null and absent become "", a list its texts joined by
    commas (not Python's « ['a', 'b'] »)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(item for item in map(text, value) if item)
    return str(value).strip()


def assign(instance, values: dict) -> bool:
    """Set the fields that differ; True when at least one did."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed
