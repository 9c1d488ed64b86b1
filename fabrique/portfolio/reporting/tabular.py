"""The report as a table: typed columns and rows, and the spreadsheets written from them.

`report_rows` turns project summaries into one typed row per project (dates, `Decimal`
money, integers, `None` when missing) in the order of `COLUMNS`; `to_xlsx`, `to_ods` and
`to_csv` (or `spreadsheet` for other tables, such as the list exports) write such rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

import tablib

from ..selectors import ProjectSummary
from ..vocabulary import MaturityAxis, Outcome, PhaseName, ProjectKind

TEXT, DATE, MONEY, NUMBER = "text", "date", "money", "number"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str
    width: int


COLUMNS = [
    Column("Projet", TEXT, 36),
    Column("Type", TEXT, 20),
    Column("Chargé·e de portefeuille", TEXT, 24),
    Column("Phase", TEXT, 16),
    Column("Phase depuis le", DATE, 12),
    Column("Début du projet", DATE, 12),
    Column("Dernier comité", DATE, 12),
    Column("Dernière décision", TEXT, 14),
    Column("Date de la dernière décision", DATE, 14),
    Column("Prochain comité attendu", DATE, 14),
    Column("Budget accordé (€)", MONEY, 15),
    Column("Dépensé (€)", MONEY, 15),
    Column("Reste (€)", MONEY, 15),
    Column("Budget épuisé le (estimation)", DATE, 14),
    Column("Dernière revue de maturité", DATE, 14),
    *(Column(f"{label} (0 à 3)", NUMBER, 11) for label in MaturityAxis.labels),
    Column("Équipe (personnes)", NUMBER, 11),
]
REPORT_COLUMNS = [column.header for column in COLUMNS]

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}
SHEET_TITLE = "Portefeuille"
# Cells starting with these characters are run as formulas by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _label(choices, value) -> str | None:
    if not value:
        return None
    try:
        return choices(value).label
    except ValueError:
        return value


def report_rows(summaries: Iterable[ProjectSummary]) -> list[list]:
    """One typed row per project, in the order of `REPORT_COLUMNS`."""
    rows = []
    for summary in summaries:
        budget = summary.budget
        manager = summary.manager
        rows.append(
            [
                summary.name,
                _label(ProjectKind, summary.kind),
                manager.display_name if manager else None,
                _label(PhaseName, summary.current_phase),
                summary.phase_start,
                summary.first_start,
                summary.last_committee,
                _label(Outcome, summary.last_outcome),
                summary.last_decision_date,
                summary.next_committee_due,
                budget.granted,
                budget.spent,
                budget.remaining,
                summary.runs_out_on,
                summary.maturity_date,
                *summary.maturity.values(),
                summary.team_size,
            ]
        )
    return rows


# --- Spreadsheets ------------------------------------------------------------------------


def _defuse(text: str) -> str:
    """Text that a spreadsheet shows as typed instead of running it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, str):
        return _defuse(value)
    return str(value)


def to_csv(rows: list[list], columns: list[Column] = COLUMNS, title: str = SHEET_TITLE) -> bytes:
    dataset = tablib.Dataset(headers=[column.header for column in columns], title=title)
    for row in rows:
        dataset.append([_csv_cell(value) for value in row])
    return dataset.export("csv", delimiter=";").encode("utf-8-sig")


def to_ods(rows: list[list], columns: list[Column] = COLUMNS, title: str = SHEET_TITLE) -> bytes:
    dataset = tablib.Dataset(headers=[column.header for column in columns], title=title)
    for row in rows:
        dataset.append(row)
    return dataset.export("ods")


XLSX_DATE = "DD/MM/YYYY"
XLSX_MONEY = '#,##0.00 "€";[Red]-#,##0.00 "€"'


def to_xlsx(rows: list[list], columns: list[Column] = COLUMNS, title: str = SHEET_TITLE) -> bytes:
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
            elif kind == TEXT and value.startswith("="):
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
