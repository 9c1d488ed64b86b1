"""The portfolio's exports, all in this package: a selection of the portfolio as XLSX, ODS,
CSV or a PDF report (the institutional reporting), and the committee and attestation lists as
spreadsheets (`lists`).

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

Typed rows and spreadsheets are in `tabular`, the PDF report in `pdf`, the committee and
attestation tables in `lists`; this module chooses the projects (`select`,
`describe_selection`) and exports them (`export`). Everything is importable from
`fabrique.portfolio.exports`; the views only check access, parse and answer with the file.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from fabrique.accounts.models import User
from fabrique.core.exports import (
    DATE,
    FORMATS,
    FORMULA_STARTS,
    MONEY,
    NUMBER,
    SPREADSHEETS,
    TEXT,
    XLSX_DATE,
    XLSX_MONEY,
    Column,
    spreadsheet,
)

from ..models import Thematic
from ..selectors import Dashboard, PortfolioFilters, ProjectSummary, dashboard, detailed
from ..vocabulary import COMMITTEE_MAX_INTERVAL_MONTHS, DUE_SOON_DAYS, PhaseName, ProjectKind
from .lists import (
    ATTESTATIONS,
    COMMITTEES,
    LIST_FORMATS,
    ListExport,
    attestation_rows,
    attestations_table,
    committee_rows,
    committees_table,
    list_table,
    with_projects,
)
from .pdf import PDF_MAX_PROJECTS, euros, key_figures, render_pdf, report_html, to_pdf
from .tabular import (
    COLUMNS,
    REPORT_COLUMNS,
    SHEET_TITLE,
    choice_label,
    report_rows,
    to_csv,
    to_ods,
    to_xlsx,
)

__all__ = [
    "ATTESTATIONS", "COLUMNS", "COMMITTEES", "DATE", "DEFAULT_LIST", "FORMATS", "FORMULA_STARTS",
    "LISTS", "LIST_FORMATS", "MONEY", "NUMBER", "PDF_MAX_PROJECTS", "REPORT_COLUMNS",
    "SHEET_TITLE", "SPREADSHEETS", "TEXT", "XLSX_DATE", "XLSX_MONEY", "Column", "ListExport",
    "ReportList", "attestation_rows", "attestations_table", "committee_rows", "committees_table",
    "describe_selection", "euros", "export", "key_figures", "list_table",
    "render_pdf", "report_html", "report_rows", "select", "spreadsheet", "to_csv", "to_ods",
    "to_pdf", "to_xlsx", "with_projects",
]  # fmt: skip


# --- Selection and export ----------------------------------------------------------------


@dataclass(frozen=True)
class ReportList:
    label: str
    rows: Callable[[Dashboard], list[ProjectSummary]]


LISTS = {
    "tous": ReportList("tous les projets", lambda board: board.rows),
    "sans-comite": ReportList(
        f"projets sans comité depuis plus de {COMMITTEE_MAX_INTERVAL_MONTHS} mois",
        lambda board: board.without_committee,
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
        parts.append(f"type « {choice_label(ProjectKind, filters.kind)} »")
    if filters.phase:
        parts.append(f"en phase « {choice_label(PhaseName, filters.phase)} »")
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
        content = spreadsheet(report_rows(summaries), fmt, COLUMNS, SHEET_TITLE)
    return content, FORMATS[fmt], f"{name}-{today.isoformat()}.{fmt}"
