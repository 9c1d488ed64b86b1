"""Institutional reporting: a selection of the portfolio as XLSX, ODS, CSV or a PDF report.

Every format is built from the same typed rows (`report_rows`): dates are `date` objects,
money is `Decimal`, scores and team sizes are integers, missing values are `None`. Each
format then renders them its own way:

- XLSX is written with openpyxl in write-only mode (fast, constant memory): bold frozen
  header, filter buttons, column widths, dates as dd/mm/yyyy, money as `1 234,50 €`.
- ODS goes through tablib: typed cells (numbers, dates), bold header.
- CSV is what LibreOffice and Excel open right in French: UTF-8 with a byte order mark,
  `;` as separator, dates as dd/mm/yyyy and decimal commas.
- PDF is a readable report (summary page, then one block per project) rendered by
  WeasyPrint from `portfolio/report_pdf.html`, with no network access.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

import tablib
from django.template.loader import render_to_string

from fabrique.accounts.models import User

from .models import Thematic
from .selectors import Dashboard, PortfolioFilters, ProjectSummary, dashboard, detailed
from .vocabulary import DUE_SOON_DAYS, MaturityAxis, Outcome, PhaseName, ProjectKind

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


# --- PDF report --------------------------------------------------------------------------


# WeasyPrint lays out about 30 to 70 ms per project block: beyond this many projects, the
# report details the first ones only (the figures still cover the whole selection), so that
# a request stays well under the 30 s worker timeout. The spreadsheets always hold everything.
PDF_MAX_PROJECTS = 200


def euros(amount) -> str:
    """French money, to the euro: `1 234 567 €` (narrow no-break spaces)."""
    rounded = int(Decimal(amount or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{rounded:,}".replace(",", "\u202f").replace("-", "−") + "\u00a0€"


def number(value: int) -> str:
    """A French count: `2 000`."""
    return f"{value:,}".replace(",", "\u202f")


def _committees_due(row: ProjectSummary, today: date) -> bool:
    due = row.next_committee_due
    return bool(due and today <= due <= today + timedelta(days=DUE_SOON_DAYS))


def key_figures(summaries: list[ProjectSummary], today: date) -> dict:
    """The figures of the summary page, with the same rules as the dashboard lists."""
    counts: dict[str | None, int] = {}
    for row in summaries:
        counts[row.current_phase] = counts.get(row.current_phase, 0) + 1
    phases = [(label, counts[name]) for name, label in PhaseName.choices if counts.get(name)]
    if counts.get(None):
        phases.append(("Sans phase", counts[None]))
    budgets = [row.budget for row in summaries]
    granted = sum((budget.granted for budget in budgets), Decimal(0))
    spent = sum((budget.spent for budget in budgets), Decimal(0))
    attention = {
        "without_committee": sum(row.without_committee_for_6_months for row in summaries),
        "budget_ending": sum(row.budget_ends_soon for row in summaries),
        "committees_due": sum(_committees_due(row, today) for row in summaries),
        "overdue": sum(row.committee_overdue for row in summaries),
        "postmortems_missing": sum(row.postmortem_missing for row in summaries),
    }
    return {
        "count": len(summaries),
        "count_text": number(len(summaries)),
        "phases": [(label, number(count)) for label, count in phases],
        "granted": euros(granted),
        "spent": euros(spent),
        "remaining": euros(granted - spent),
        **{key: number(count) for key, count in attention.items()},
    }


def _card(row: ProjectSummary) -> dict:
    """What the PDF shows about one project, already worded and formatted."""
    budget = row.budget
    granted = budget.granted
    maturity = []
    if row.maturity_date:
        for axis, label in MaturityAxis.choices:
            score = row.maturity[axis]
            bar = "▰" * (score or 0) + "▱" * (3 - (score or 0))
            maturity.append({"label": label, "score": score, "bar": bar})
    return {
        "name": row.name,
        "kind": _label(ProjectKind, row.kind),
        "manager": row.manager.display_name if row.manager else None,
        "phase": _label(PhaseName, row.current_phase),
        "phase_start": row.phase_start,
        "first_start": row.first_start,
        "closed": row.is_closed,
        "last_committee": row.last_committee,
        "outcome": _label(Outcome, row.last_outcome),
        "decision_date": row.last_decision_date,
        "next_due": row.next_committee_due,
        "overdue": row.committee_overdue,
        "without_committee": row.without_committee_for_6_months,
        "granted": euros(granted),
        "spent": euros(budget.spent),
        "remaining": euros(budget.remaining),
        "overspent": budget.remaining < 0,
        "spent_percent": round(budget.spent * 100 / granted) if granted > 0 else 0,
        "runs_out_on": row.runs_out_on,
        "budget_ends_soon": row.budget_ends_soon,
        "maturity_date": row.maturity_date,
        "maturity": maturity,
        "team_size": row.team_size,
        "postmortem_missing": row.postmortem_missing,
    }


def report_html(
    summaries: list[ProjectSummary], title: str, filters_description: str, today: date
) -> str:
    """The HTML the PDF is printed from (also what tests read, no PDF reader being installed)."""
    detailed = summaries[:PDF_MAX_PROJECTS]
    omitted = len(summaries) - len(detailed)
    return render_to_string(
        "portfolio/report_pdf.html",
        {
            "title": title,
            "filters_description": filters_description,
            "today": today,
            "figures": key_figures(summaries, today),
            "cards": [_card(row) for row in detailed],
            "omitted": number(omitted) if omitted else "",
            "due_soon_days": DUE_SOON_DAYS,
        },
    )


def render_pdf(html: str):
    """A laid-out WeasyPrint document (`.pages`, `.write_pdf()`); nothing is fetched."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).render()


def to_pdf(
    summaries: list[ProjectSummary], title: str, filters_description: str, today: date
) -> bytes:
    return render_pdf(report_html(summaries, title, filters_description, today)).write_pdf()


# --- Selection and export ----------------------------------------------------------------


@dataclass(frozen=True)
class ReportList:
    label: str
    rows: Callable[[Dashboard], list[ProjectSummary]]


LISTS = {
    "tous": ReportList("tous les projets", lambda board: board.rows),
    "sans-comite": ReportList(
        "projets sans comité depuis plus de 6 mois", lambda board: board.without_committee
    ),
    "budget-fin": ReportList(
        f"budgets épuisés d'ici {DUE_SOON_DAYS} jours", lambda board: board.budget_ending
    ),
    "comites-a-venir": ReportList(
        f"comités à tenir d'ici {DUE_SOON_DAYS} jours", lambda board: board.committees_due
    ),
    "en-retard": ReportList("comités en retard", lambda board: board.overdue),
}
DEFAULT_LIST = "tous"


def select(
    filters: PortfolioFilters, list_key: str = DEFAULT_LIST, today: date | None = None
) -> list[ProjectSummary]:
    """The projects of one dashboard list, in that list's order. Unknown list: KeyError."""
    report_list = LISTS[list_key]
    return detailed(report_list.rows(dashboard(filters, today)), today)


def describe_selection(filters: PortfolioFilters, list_key: str = DEFAULT_LIST) -> str:
    """The selection in words, for the report: « Startup d'État, phase Construction… »."""
    parts = [LISTS[list_key].label.capitalize()]
    if filters.kind:
        parts.append(f"type « {_label(ProjectKind, filters.kind)} »")
    if filters.phase:
        parts.append(f"en phase « {_label(PhaseName, filters.phase)} »")
    if filters.manager:
        manager = User.objects.filter(pk=filters.manager).first()
        parts.append(f"suivis par {manager.display_name if manager else 'un compte supprimé'}")
    if filters.thematic:
        thematic = Thematic.objects.filter(slug=filters.thematic).first()
        parts.append(f"thématique « {thematic.name if thematic else filters.thematic} »")
    if filters.region:
        parts.append(f"avec un partenaire dans la région {filters.region}")
    if filters.departement:
        parts.append(f"avec un partenaire dans le département {filters.departement}")
    return ", ".join(parts) + "."


def export(
    summaries: list[ProjectSummary],
    fmt: str,
    *,
    title: str,
    filters_description: str,
    today: date,
    name: str = "portefeuille",
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the selection in a format; ValueError if unknown."""
    if fmt not in FORMATS:
        raise ValueError(f"Format d'export inconnu : {fmt}")
    if fmt == "pdf":
        content = to_pdf(summaries, title, filters_description, today)
    else:
        content = SPREADSHEETS[fmt](report_rows(summaries))
    return content, FORMATS[fmt], f"{name}-{today.isoformat()}.{fmt}"
