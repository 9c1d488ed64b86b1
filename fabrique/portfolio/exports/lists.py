"""The committee and attestation lists as spreadsheets (XLSX, ODS, CSV), whole and in the
order shown on screen.

Rows are typed as in the portfolio report (dates as `date`, money as `Decimal`, counts as
`int`) and written by the spreadsheet writers of `core.exports`: the same French headers, date
and money formats, and protection against formulas.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from fabrique.core.exports import (
    DATE,
    FORMATS,
    MONEY,
    NUMBER,
    TABLE_FORMATS,
    TEXT,
    Column,
    spreadsheet,
)

from ..models import Committee, Project, ServiceFait
from ..vocabulary import CommitteeKind

# The spreadsheet formats of the lists, with the label of their download link.
LIST_FORMATS = TABLE_FORMATS


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


def list_table(rows: list[list], fmt: str, spec: ListExport, today: date) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a list in a format of `LIST_FORMATS`."""
    content = spreadsheet(rows, fmt, spec.columns, spec.title)
    return content, FORMATS[fmt], f"{spec.name}-{today.isoformat()}.{fmt}"


def committees_table(
    committees: QuerySet[Committee], fmt: str, today: date
) -> tuple[bytes, str, str]:
    """Every committee of `committees_list`, in its order (one more query for the projects)."""
    return list_table(committee_rows(with_projects(committees)), fmt, COMMITTEES, today)


def attestations_table(
    sections: Iterable[tuple[str, Iterable[ServiceFait]]], fmt: str, today: date
) -> tuple[bytes, str, str]:
    """Both lists of periods to attest, late ones first, in the order shown."""
    return list_table(attestation_rows(sections), fmt, ATTESTATIONS, today)
