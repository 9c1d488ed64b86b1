"""Open produced documents back, as a reader would: the text of a PDF (pypdf) and of an ODT,
the cells of an ODS."""

import io
import zipfile
from datetime import date, datetime

from odf import table, teletype, text
from odf.opendocument import load
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def odt_text(data: bytes) -> str:
    """The text of an ODT document: headings, then paragraphs (table cells included)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    document = load(io.BytesIO(data))
    blocks = [
        teletype.extractText(element)
        for kind in (text.H, text.P)
        for element in document.text.getElementsByType(kind)
    ]
    return " ".join(" ".join(blocks).split())


def _ods_value(cell):
    kind = cell.getAttribute("valuetype")
    if kind == "float":
        return float(cell.getAttribute("value"))
    if kind == "date":
        value = cell.getAttribute("datevalue")
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if kind == "boolean":
        return cell.getAttribute("booleanvalue") == "true"
    return teletype.extractText(cell)


def ods_cells(data: bytes) -> list[list[tuple]]:
    """The rows of the first sheet of an ODS file: (typed value, text shown) for each cell,
    the value read from its attributes as LibreOffice does (tablib's reader parses the shown
    text of a number, « 1 234,50 € », and fails), "" for an empty cell."""
    sheet = load(io.BytesIO(data)).spreadsheet.getElementsByType(table.Table)[0]
    return [
        [
            (_ods_value(cell), teletype.extractText(cell))
            for cell in row.getElementsByType(table.TableCell)
        ]
        for row in sheet.getElementsByType(table.TableRow)
    ]


def ods_rows(data: bytes) -> list[list]:
    """The typed values of the first sheet of an ODS file, header row first."""
    return [[value for value, _ in row] for row in ods_cells(data)]
