"""The report as a table: typed columns and rows, and the spreadsheets written from them.

`report_rows` turns project summaries into one typed row per project (dates, `Decimal`
money, integers, `None` when missing) in the order of `COLUMNS`; `to_xlsx`, `to_ods` and
`to_csv` (or `spreadsheet` for other tables, such as the list exports) write such rows.
"""

from collections.abc import Iterable

from fabrique.core import exports as core_exports
from fabrique.core.exports import (
    DATE,
    MONEY,
    NUMBER,
    TEXT,
    Column,
)

from ..selectors import ProjectSummary
from ..vocabulary import MaturityAxis, Outcome, PhaseName, ProjectKind

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

SHEET_TITLE = "Portefeuille"


def choice_label(choices, value) -> str | None:
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
                choice_label(ProjectKind, summary.kind),
                manager.display_name if manager else None,
                choice_label(PhaseName, summary.current_phase),
                summary.phase_start,
                summary.first_start,
                summary.last_committee,
                choice_label(Outcome, summary.last_outcome),
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


# --- The report's spreadsheets ------------------------------------------------------------


def to_csv(rows: list[list], columns: list[Column] = COLUMNS, title: str = SHEET_TITLE) -> bytes:
    return core_exports.to_csv(rows, columns, title)


def to_ods(rows: list[list], columns: list[Column] = COLUMNS, title: str = SHEET_TITLE) -> bytes:
    return core_exports.to_ods(rows, columns, title)


def to_xlsx(rows: list[list], columns: list[Column] = COLUMNS, title: str = SHEET_TITLE) -> bytes:
    return core_exports.to_xlsx(rows, columns, title)
