"""Read a file of measurements: CSV (`;`, `,` or tab, detected) or XLSX (first sheet).

The first line names the columns: `indicateur`, `date`, `valeur` and, optionally,
`commentaire` (English names and any case or accents accepted). Line numbers are those a
spreadsheet shows (the header is line 1). The checks of the values themselves are in
`rules.checks.check_rows`; this module only turns bytes into rows.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from fabrique.core.text import UnreadableText, decode_text

from .rules.checks import RawRow, normalise_name

MAX_LINES = 50_000
COLUMNS = {
    "indicator": ("indicateur", "indicator", "nom de l'indicateur", "nom", "id"),
    "date": ("date", "periode", "period", "date de la mesure"),
    "value": ("valeur", "value", "mesure"),
    "comment": ("commentaire", "commentaires", "comment", "note"),
}
REQUIRED = ("indicator", "date", "value")
LABELS = {"indicator": "indicateur", "date": "date", "value": "valeur", "comment": "commentaire"}
HELP = "La première ligne doit nommer les colonnes : indicateur, date, valeur, commentaire."


@dataclass
class Table:
    columns: dict[str, str]  # field -> the column's name as written in the file
    rows: list[RawRow]


def _fields(header) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        name = normalise_name(cell or "")
        for field, aliases in COLUMNS.items():
            if name in aliases and field not in found:
                found[field] = index
    return found


def _table(lines) -> Table:
    """`lines`: (line number, list of cells) in file order."""
    start = next(
        (
            index
            for index, (_, cells) in enumerate(lines)
            if any(str(c or "").strip() for c in cells)
        ),
        None,
    )
    if start is None:
        raise ValidationError({"file": "Le fichier est vide."})
    header = lines[start][1]
    fields = _fields(header)
    missing = [LABELS[field] for field in REQUIRED if field not in fields]
    if missing:
        raise ValidationError(
            {"file": f"Colonne{'s' if len(missing) > 1 else ''} manquante"
             f"{'s' if len(missing) > 1 else ''} : {', '.join(missing)}. {HELP}"}
        )  # fmt: skip
    columns = {field: str(header[index]).strip() for field, index in fields.items()}

    def cell(cells, field):
        index = fields.get(field)
        if index is None or index >= len(cells):
            return None if field == "comment" else ""
        value = cells[index]
        return value if value is not None else ("" if field != "comment" else None)

    rows = []
    for number, cells in lines[start + 1 :]:
        if not any(str(value if value is not None else "").strip() for value in cells):
            continue
        rows.append(
            RawRow(
                where=number,
                indicator=cell(cells, "indicator"),
                date=cell(cells, "date"),
                value=cell(cells, "value"),
                comment=cell(cells, "comment") if "comment" in fields else None,
            )
        )
        if len(rows) > MAX_LINES:
            raise ValidationError(
                {"file": f"Trop de lignes : {MAX_LINES} au plus par fichier. Découpez-le."}
            )
    return Table(columns, rows)


def _decode(data: bytes) -> str:
    """UTF-8, else Windows-1252 (a spreadsheet's CSV saved on Windows): the shared reading."""
    try:
        return decode_text(data)[0]
    except UnreadableText as error:
        raise ValidationError({"file": f"Ce fichier n'est pas un CSV lisible : {error}"}) from None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv(data: bytes) -> Table:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))

    def lines():
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as error:
            raise ValidationError(
                {"file": f"CSV illisible à la ligne {reader.line_num} : {error}."}
            ) from None

    return _table(list(lines()))


def read_xlsx(data: bytes) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValidationError({"file": f"Classeur XLSX illisible ({error})."}) from None
    try:
        sheet = workbook.worksheets[0]
        lines = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_LINES + 2:  # header and limit: `_table` says the file is too long
                break
            lines.append((number, list(cells)))
    finally:
        workbook.close()
    return _table(lines)


def read_table(upload) -> Table:
    """The rows of an uploaded file, recognised by its content (not its name)."""
    upload.seek(0)
    data = upload.read()
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            names = []
        if "xl/workbook.xml" not in names:
            raise ValidationError(
                {"file": "Format non reconnu : déposez un fichier CSV ou un classeur XLSX."}
            )
        return read_xlsx(data)
    return read_csv(data)
