"""Tables written as spreadsheets (XLSX, ODS, CSV), the same way in every app.

Rows are typed: `date` objects, `Decimal` money, integers, text, `None` when missing. Every
writer protects text cells against formula injection: a cell starting with one of
`FORMULA_STARTS` is written so that the spreadsheet shows it as typed instead of running it.

- XLSX: openpyxl in write-only mode, bold frozen header, filters, widths, French formats.
- ODS: odfpy, typed cells, bold header, French date and money formats.
- CSV: UTF-8 with a byte order mark, `;` separator, dd/mm/yyyy dates, decimal commas: what
  LibreOffice and Excel open right in French.
"""

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

import tablib
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

TEXT, DATE, MONEY, NUMBER = "text", "date", "money", "number"
# A number with one decimal (days in half-days: « 10,5 »), written as a number, never as text.
DECIMAL = "decimal"

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
    decimals = {index for index, column in enumerate(columns) if column.kind == DECIMAL}
    for row in rows:
        dataset.append(
            [
                f"{value:.1f}".replace(".", ",")
                if index in decimals and isinstance(value, Decimal)
                else _csv_cell(value)
                for index, value in enumerate(row)
            ]
        )
    return dataset.export("csv", delimiter=";").encode("utf-8-sig")


def _general_number(value) -> Decimal:
    # A float as LibreOffice shows it (0.1 + 0.2 → 0,3), not its binary expansion.
    return Decimal(f"{value:.15g}") if isinstance(value, float) else Decimal(value)


def ods_shown(kind: str, value) -> str:
    """The text of a number cell as LibreOffice shows it in French, written beside the value
    (`<text:p>`) for readers that do not format numbers themselves: « 1234,5 » (standard
    format: no grouping, as many decimals as needed), « 10,5 » (DECIMAL: one decimal),
    « 1 234,50 € » (MONEY: grouped thousands, two decimals)."""
    if kind == MONEY:
        amount = _general_number(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = f"{abs(amount):,.2f}".replace(",", "\u202f").replace(".", ",")
        return ("-" if amount < 0 else "") + text + "\u00a0€"
    if kind == DECIMAL:
        number = _general_number(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{number:f}".replace(".", ",")
    return f"{_general_number(value).normalize():f}".replace(".", ",")


def to_ods(rows: list[list], columns: list[Column], title: str) -> bytes:
    """An OpenDocument spreadsheet written with odfpy: typed cells, bold header, French formats.

    Written here rather than by tablib, whose writer gives unstyled rows `table:style-name="None"`,
    empty cells the invalid `office:value-type="void"` and the header a paragraph style.
    Every typed cell carries its value and the text LibreOffice shows for it (`ods_shown`, dates
    as dd/mm/yyyy), so that a reader that only reads texts (a preview, a converter) shows them.
    """
    from odf import number, opendocument, style, table, text

    document = opendocument.OpenDocumentSpreadsheet()
    styles = document.automaticstyles

    header_style = style.Style(name="header", family="table-cell")
    header_style.addElement(
        style.TextProperties(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold")
    )
    header_style.addElement(style.TableCellProperties(wrapoption="wrap", verticalalign="top"))
    styles.addElement(header_style)

    date_format = number.DateStyle(name="date-fr")
    date_format.addElement(number.Day(style="long"))
    date_format.addElement(number.Text(text="/"))
    date_format.addElement(number.Month(style="long"))
    date_format.addElement(number.Text(text="/"))
    date_format.addElement(number.Year(style="long"))
    styles.addElement(date_format)
    date_style = style.Style(name="date", family="table-cell", datastylename="date-fr")
    styles.addElement(date_style)

    moment_format = number.DateStyle(name="datetime-fr")
    for part in (
        number.Day(style="long"), number.Text(text="/"), number.Month(style="long"),
        number.Text(text="/"), number.Year(style="long"), number.Text(text=" "),
        number.Hours(style="long"), number.Text(text=":"), number.Minutes(style="long"),
    ):  # fmt: skip
        moment_format.addElement(part)
    styles.addElement(moment_format)
    moment_style = style.Style(name="datetime", family="table-cell", datastylename="datetime-fr")
    styles.addElement(moment_style)

    money_format = number.NumberStyle(name="money-fr")
    money_format.addElement(number.Number(decimalplaces="2", minintegerdigits="1", grouping="true"))
    money_format.addElement(number.Text(text="\u00a0€"))
    styles.addElement(money_format)
    money_style = style.Style(name="money", family="table-cell", datastylename="money-fr")
    styles.addElement(money_style)

    decimal_format = number.NumberStyle(name="decimal-fr")
    decimal_format.addElement(number.Number(decimalplaces="1", minintegerdigits="1"))
    styles.addElement(decimal_format)
    decimal_style = style.Style(name="decimal", family="table-cell", datastylename="decimal-fr")
    styles.addElement(decimal_style)

    sheet = table.Table(name=title)
    for index, column in enumerate(columns):
        column_style = style.Style(name=f"column{index}", family="table-column")
        column_style.addElement(
            style.TableColumnProperties(columnwidth=f"{column.width * 0.2:.1f}cm")
        )
        styles.addElement(column_style)
        sheet.addElement(table.TableColumn(stylename=column_style))

    header = table.TableRow()
    for column in columns:
        cell = table.TableCell(valuetype="string", stylename=header_style)
        cell.addElement(text.P(text=column.header))
        header.addElement(cell)
    sheet.addElement(header)

    kinds = [column.kind for column in columns]
    for values in rows:
        row = table.TableRow()
        for kind, value in zip(kinds, values, strict=True):
            if value is None or value == "":
                cell = table.TableCell()
            elif isinstance(value, bool):
                cell = table.TableCell(
                    valuetype="boolean", booleanvalue="true" if value else "false"
                )
                cell.addElement(text.P(text="oui" if value else "non"))
            elif isinstance(value, datetime):
                moment = value.astimezone().replace(tzinfo=None) if value.tzinfo else value
                cell = table.TableCell(
                    valuetype="date",
                    datevalue=moment.isoformat(timespec="seconds"),
                    stylename=moment_style,
                )
                cell.addElement(text.P(text=moment.strftime("%d/%m/%Y %H:%M")))
            elif isinstance(value, date):
                cell = table.TableCell(
                    valuetype="date", datevalue=value.isoformat(), stylename=date_style
                )
                cell.addElement(text.P(text=value.strftime("%d/%m/%Y")))
            elif isinstance(value, int | float | Decimal):
                styled = {MONEY: money_style, DECIMAL: decimal_style}
                extra = {"stylename": styled[kind]} if kind in styled else {}
                cell = table.TableCell(valuetype="float", value=str(value), **extra)
                cell.addElement(text.P(text=ods_shown(kind, value)))
            else:  # a string cell is never run as a formula
                cell = table.TableCell(valuetype="string")
                cell.addElement(text.P(text=str(value)))
            row.addElement(cell)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)

    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


XLSX_DATE = "DD/MM/YYYY"
XLSX_MONEY = '#,##0.00 "€";[Red]-#,##0.00 "€"'
XLSX_DECIMAL = "0.0"


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
            elif kind == DECIMAL:
                cells.append(formatted(value, XLSX_DECIMAL))
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
    """An HTTP download of typed rows, named with the day it was made (as every table of the
    site: `modules-expertise-2026-12-06.xlsx`); KeyError for an unknown format."""
    content = spreadsheet(rows, fmt, columns, title)
    reply = HttpResponse(content, content_type=FORMATS[fmt])
    day = timezone.localdate().isoformat()
    reply["Content-Disposition"] = f'attachment; filename="{filename}-{day}.{fmt}"'
    return reply


# --- Open data streamed: CSV and JSON files of any size in constant memory -----------------

STREAM_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
# Opens every CSV download of the site, so that spreadsheets (Excel) read it as UTF-8.
CSV_BOM = "\ufeff"
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


def stream_csv(rows, header: list[str] | None = None):
    """Dict rows as CSV lines (header from `header`, else from the first row's keys), with a
    byte order mark so that spreadsheets read UTF-8; every text cell protected against formula
    injection. With `header`, an empty list still gives its header line."""
    writer = csv.writer(_Echo())
    if header is not None:
        yield CSV_BOM + writer.writerow(header)
    first = header is None
    for row in rows:
        if first:
            yield CSV_BOM + writer.writerow(list(row))
            first = False
        yield writer.writerow([open_data_cell(value) for value in row.values()])


def stream_json(rows):
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False, default=str)
    yield "\n]\n"


def stream_response(
    rows, fmt: str, filename: str, header: list[str] | None = None
) -> StreamingHttpResponse:
    """Dict rows as a streamed CSV or JSON download; KeyError for another format."""
    body = stream_csv(rows, header) if fmt == "csv" else stream_json(rows)
    response = StreamingHttpResponse(body, content_type=STREAM_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
