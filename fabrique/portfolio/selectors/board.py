"""The dashboard: every filtered project checked against the follow-up rules.

Built from plain values (`DashboardProject`) read in four queries whatever the number of
projects; only the rows actually shown are read again in detail.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import BooleanField, Case, Max, Q, Sum, Value, When
from django.utils import timezone

from ..models import Committee, Expense, FundingLine, Project
from ..rules import BURN_WINDOW_DAYS, count_phases, is_due_soon
from ..vocabulary import COMMITTEE_MAX_INTERVAL_MONTHS, DUE_SOON_DAYS
from .lists import PortfolioFilters, filter_projects
from .projects import ProjectSummary, annotated_projects, detailed, summarize


@dataclass(slots=True)
class DashboardProject:
    """What the dashboard rules read of a project: plain values, no model instance.

    Thousands of these are built on every dashboard request; the rows shown are read again
    in detail (`detailed`).
    """

    pk: int
    name: str
    slug: str
    kind: str
    review_notes: str
    has_postmortem: bool
    current_phase: str | None = None
    first_start: date | None = None
    abandon_phases: int = 0
    last_committee: date | None = None
    granted: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    spent_recent: Decimal = Decimal(0)

    get_absolute_url = Project.get_absolute_url


# The fields of a `DashboardProject` read with the project itself, in its order.
DASHBOARD_VALUES = ("pk", "name", "slug", "kind", "review_notes", "written",
                    "current_phase", "first_start", "abandon_phases")  # fmt: skip


def _dashboard_projects(filters: PortfolioFilters, today: date) -> list[DashboardProject]:
    """Every filtered project with the figures the dashboard rules need, in 4 queries.

    Phases come from indexed lookups per project; sums and the last committee from grouped
    passes over whole tables, which cost far less than subqueries repeated for every project
    once there are thousands of them. Rows are plain values, not model instances.
    """
    # A post-mortem matters only after an abandon: the texts are read for those projects only.
    written = Case(
        When(
            Q(abandon_phases__gt=0)
            & Q(postmortem_learnings__regex=r"\S")
            & Q(postmortem_reasons__regex=r"\S"),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
    projects = [
        DashboardProject(*values)
        for values in filter_projects(annotated_projects(today, detail=False), filters)
        .annotate(written=written)
        .values_list(*DASHBOARD_VALUES)
    ]
    committees = dict(
        Committee.projects.through.objects.filter(committee__date__lte=today)  # held only
        .order_by()
        .values("project")
        .annotate(last=Max("committee__date"))
        .values_list("project", "last")
    )
    funding = dict(
        FundingLine.objects.order_by().values("project").annotate(total=Sum("amount"))
        .values_list("project", "total")
    )  # fmt: skip
    window = Q(date__gt=today - timedelta(days=BURN_WINDOW_DAYS), date__lte=today)
    expenses = {
        project: (total, recent)
        for project, total, recent in Expense.objects.order_by()
        .values("project")
        .annotate(total=Sum("amount"), recent=Sum("amount", filter=window))
        .values_list("project", "total", "recent")
    }
    zero = Decimal(0)
    for project in projects:
        pk = project.pk
        project.abandon_phases = project.abandon_phases or 0
        project.last_committee = committees.get(pk)
        project.granted = funding.get(pk) or zero
        total, recent = expenses.get(pk, (zero, zero))
        project.spent = total or zero
        project.spent_recent = recent or zero
    return projects


@dataclass
class Dashboard:
    rows: list[ProjectSummary]
    phase_counts: list[tuple[str, str, int]]
    without_committee: list[ProjectSummary]
    budget_ending: list[ProjectSummary]
    committees_due: list[ProjectSummary]
    overdue: list[ProjectSummary]
    postmortems_missing: list[ProjectSummary]
    to_review: list[ProjectSummary]
    today: date

    def sections(self, shown: int) -> list[tuple[str, str, list[ProjectSummary], int]]:
        """The dashboard lists: export name, heading, first `shown` rows in detail, total."""
        lists = [
            ("comites-a-venir", f"Comités dus dans les {DUE_SOON_DAYS} jours", self.committees_due),
            ("en-retard", "Comités en retard", self.overdue),
            (
                "sans-comite",
                f"Sans comité depuis plus de {COMMITTEE_MAX_INTERVAL_MONTHS} mois",
                self.without_committee,
            ),
            ("budget-fin", f"Budget épuisé dans les {DUE_SOON_DAYS} jours", self.budget_ending),
        ]
        shown_rows = [row for _, _, rows in lists for row in rows[:shown]]
        details = (
            {row.pk: row for row in detailed(shown_rows, self.rows[0].today)} if shown_rows else {}
        )
        return [
            (name, heading, [details[row.pk] for row in rows[:shown]], len(rows))
            for name, heading, rows in lists
        ]


def dashboard(filters: PortfolioFilters, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    rows = summarize(_dashboard_projects(filters, today), today)
    phase_counts = count_phases(row.current_phase for row in rows)

    def in_order(items, rule_key):
        """A list in each rule's order (due date, run-out date), or in the order chosen in
        the filters: `rows` already come sorted that way from SQL, and sorts are stable."""
        return list(items) if filters.sort else sorted(items, key=rule_key)

    def by_due(items):
        return in_order(items, lambda row: row.next_committee_due or today)

    return Dashboard(
        rows=rows,
        phase_counts=phase_counts,
        without_committee=[row for row in rows if row.without_committee_for_6_months],
        budget_ending=in_order(
            (row for row in rows if row.budget_ends_soon), lambda row: row.runs_out_on
        ),
        committees_due=by_due(row for row in rows if is_due_soon(row.next_committee_due, today)),
        overdue=by_due(row for row in rows if row.committee_overdue),
        postmortems_missing=[row for row in rows if row.postmortem_missing],
        to_review=[row for row in rows if row.review_notes],
        today=today,
    )
