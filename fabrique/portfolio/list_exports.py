"""The committee and attestation lists as spreadsheets (XLSX, ODS, CSV), whole and in the
order shown on screen.

Rows are typed as in `reporting` (dates as `date`, money as `Decimal`, counts as `int`) and
written by its spreadsheet writers: the same French headers, date and money formats, and
protection against formulas.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from fabrique.core import exports

from .models import Committee, Project, ServiceFait
from .reporting import DATE, MONEY, NUMBER, TEXT, Column, spreadsheet
from .vocabulary import CommitteeKind

# The spreadsheet formats of `reporting`, with the label of their download link.
FORMATS = exports.TABLE_FORMATS


@dataclass(frozen=True)
class ListExport:
    name: str  # start of the file name
    title: str  # sheet title (31 characters at most)
    columns: list[Column]


COMMITTEES = ListExport(
    "comites",
    "Comités",
    [
        Column("Date", DATE, 12),
        Column("Comité", TEXT, 40),
        Column("Type", TEXT, 26),
        Column("Projets à l'ordre du jour (nombre)", NUMBER, 14),
        Column("Décisions (nombre)", NUMBER, 12),
        Column("Montant accordé (€)", MONEY, 16),
        Column("Projets à l'ordre du jour", TEXT, 60),
    ],
)

ATTESTATIONS = ListExport(
    "services-faits",
    "Services faits à attester",
    [
        Column("Statut", TEXT, 22),
        Column("Personne", TEXT, 28),
        Column("Structure", TEXT, 24),
        Column("Projet", TEXT, 36),
        Column("Début de période", DATE, 14),
        Column("Fin de période", DATE, 14),
    ],
)


def with_projects(committees: QuerySet[Committee]) -> QuerySet[Committee]:
    """The committees with the names of their projects (one more query for them all)."""
    return committees.prefetch_related(
        Prefetch("projects", queryset=Project.objects.only("pk", "name").order_by("name"))
    )


def committee_rows(committees: Iterable[Committee]) -> list[list]:
    """One row per committee of `committees_list`, read `with_projects`."""
    return [
        [
            committee.date,
            str(committee),
            CommitteeKind(committee.kind).label if committee.kind in CommitteeKind else None,
            committee.project_count,
            committee.decision_count,
            committee.granted,
            ", ".join(project.name for project in committee.projects.all()) or None,
        ]
        for committee in committees
    ]


def attestation_rows(sections: Iterable[tuple[str, Iterable[ServiceFait]]]) -> list[list]:
    """One row per period, section after section (« En retard », then this month's)."""
    return [
        [
            heading,
            period.member.full_name,
            period.member.company or None,
            period.member.project.name,
            period.period_start,
            period.period_end,
        ]
        for heading, periods in sections
        for period in periods
    ]


def export(rows: list[list], fmt: str, spec: ListExport, today: date) -> tuple[bytes, str]:
    """(content, file name) of a list in a spreadsheet format of `FORMATS`."""
    content = spreadsheet(rows, fmt, spec.columns, spec.title)
    return content, f"{spec.name}-{today.isoformat()}.{fmt}"
