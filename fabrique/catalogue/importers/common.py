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

from fabrique.core.text import json_problem


class CatalogueImportError(Exception):
    """A file cannot be imported; the message, in French, says which file, which line, why."""


def fail(path: Path, line: int | None, message: str):
    where = f"{path.name}, ligne {line}" if line else path.name
    raise CatalogueImportError(f"{where} : {message}")


def read_text(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CatalogueImportError(f"{path} : fichier introuvable.") from None
    except IsADirectoryError:
        raise CatalogueImportError(f"{path} : c'est un dossier, un fichier est attendu.") from None
    except UnicodeDecodeError:
        raise CatalogueImportError(
            f"{path.name} : caractères illisibles (encodage attendu : UTF-8)."
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        fail(path, line, "caractère nul (octet 0) : le fichier est binaire ou abîmé.")
    return text


def json_records(path: Path, what: str) -> Iterator[tuple[int, object]]:
    """The items of the JSON array in `path`, each with the line where it starts."""
    text = read_text(path)
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
        fail(path, line, f"clé(s) obligatoire(s) absente(s) : {', '.join(missing)}.")
    return record


def csv_rows(path: Path, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a comma-separated file with a header; cells may span several lines."""
    text = read_text(path)
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    line = 1
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            fail(path, None, "le fichier est vide.")
        header = [cell.strip() for cell in header]
        missing = [column for column in required if column not in header]
        if missing:
            hint = ""
            if len(header) == 1 and ";" in header[0]:
                hint = " Les colonnes doivent être séparées par des virgules."
            fail(path, 1, f"colonne(s) obligatoire(s) absente(s) : {', '.join(missing)}.{hint}")
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
        fail(path, line, f"ligne CSV illisible ({error}).")


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
    """A JSON value read as text: null and absent become ""."""
    if value is None:
        return ""
    return str(value).strip()


def assign(instance, values: dict) -> bool:
    """Set the fields that differ; True when at least one did."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed
