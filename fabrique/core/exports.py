"""Tables written as spreadsheets (XLSX, ODS, CSV), the same way in every app.

Rows are typed: `date` objects, `Decimal` money, integers, text, `None` when missing. Every
writer protects text cells against formula injection: a cell starting with one of
`FORMULA_STARTS` is written so that the spreadsheet shows it as typed instead of running it.

- XLSX: openpyxl in write-only mode, bold frozen header, filters, widths, French formats.
- ODS: tablib, typed cells.
- CSV: UTF-8 with a byte order mark, `;` separator, dd/mm/yyyy dates, decimal commas: what
  LibreOffice and Excel open right in French.
"""

import csv
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

import tablib
from django.http import HttpResponse, StreamingHttpResponse

TEXT, DATE, MONEY, NUMBER = "text", "date", "money", "number"

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}
# The spreadsheet formats every table of the site offers, with the label of their button.
TABLE_FORMATS = {"xlsx": "Tableur XLSX", "ods": "Tableur ODS", "csv": "CSV"}
# Cells starting with these characters are run as formulas by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: int = 20


def defuse(text: str) -> str:
    """Text that a spreadsheet shows as typed instead of running it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, float):  # a French spreadsheet reads "1,5", not "1.5" (a date, a text)
        return str(value).replace(".", ",")
    if isinstance(value, str):
        return defuse(value)
    return str(value)


def to_csv(rows: list[list], columns: list[Column], title: str) -> bytes:
    dataset = tablib.Dataset(headers=[column.header for column in columns], title=title)
    for row in rows:
        dataset.append([_csv_cell(value) for value in row])
    return dataset.export("csv", delimiter=";").encode("utf-8-sig")


def to_ods(rows: list[list], columns: list[Column], title: str) -> bytes:
    dataset = tablib.Dataset(headers=[column.header for column in columns], title=title)
    for row in rows:
        dataset.append(row)
    return dataset.export("ods")


XLSX_DATE = "DD/MM/YYYY"
XLSX_MONEY = '#,##0.00 "€";[Red]-#,##0.00 "€"'


def to_xlsx(rows: list[list], columns: list[Column], title: str) -> bytes:
    # openpyxl weighs 175 modules: loaded with the first export, not with every process.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font, cell.alignment = bold, wrap
        header.append(cell)
    sheet.append(header)

    def formatted(value, number_format):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell

    def text(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell

    kinds = [column.kind for column in columns]
    for row in rows:
        cells = []
        for kind, value in zip(kinds, row, strict=True):
            if value is None:
                cells.append(None)
            elif kind == DATE:
                cells.append(formatted(value, XLSX_DATE))
            elif kind == MONEY:
                cells.append(formatted(value, XLSX_MONEY))
            elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cells.append(text(value))
            else:
                cells.append(value)
        sheet.append(cells)

    stream = BytesIO()
    workbook.save(stream)
    return stream.getvalue()


SPREADSHEETS = {"xlsx": to_xlsx, "ods": to_ods, "csv": to_csv}


def spreadsheet(rows: list[list], fmt: str, columns: list[Column], title: str) -> bytes:
    """Typed rows as an XLSX, ODS or CSV file; KeyError for another format."""
    return SPREADSHEETS[fmt](rows, columns, title)


def response(rows: list[list], fmt: str, columns: list[Column], title: str, filename: str):
    """An HTTP download of typed rows; KeyError for an unknown format."""
    content = spreadsheet(rows, fmt, columns, title)
    reply = HttpResponse(content, content_type=FORMATS[fmt])
    reply["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return reply


# --- Open data streamed: CSV and JSON files of any size in constant memory -----------------

STREAM_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
LIST_SEPARATOR = ";"  # several values in a CSV cell, as in the Aides-territoires exports


class _Echo:
    def write(self, value):
        return value


def open_data_cell(value) -> str:
    """A value as a CSV cell: lists joined by `;`, booleans as oui/non, text defused."""
    if isinstance(value, list):
        return defuse(LIST_SEPARATOR.join(str(item) for item in value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    return defuse(str(value))


def stream_csv(rows):
    """Dict rows as CSV lines (header from the first row's keys), with a byte order mark so
    that spreadsheets read UTF-8; every text cell protected against formula injection."""
    writer = csv.writer(_Echo())
    first = True
    for row in rows:
        if first:
            yield "\ufeff" + writer.writerow(list(row))
            first = False
        yield writer.writerow([open_data_cell(value) for value in row.values()])


def stream_json(rows):
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False, default=str)
    yield "\n]\n"


def stream_response(rows, fmt: str, filename: str) -> StreamingHttpResponse:
    """Dict rows as a streamed CSV or JSON download; KeyError for another format."""
    body = stream_csv(rows) if fmt == "csv" else stream_json(rows)
    response = StreamingHttpResponse(body, content_type=STREAM_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
