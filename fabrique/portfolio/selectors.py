"""Reads on the portfolio: one annotated query gives every figure of a list of projects.

Each list page runs a fixed number of queries whatever the number of projects: figures come
from correlated subqueries, and what depends on today's date is derived in Python
(`ProjectSummary`).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.core.sorting import Sort, ordering

from .models import (
    Committee,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    Project,
    ProjectPartner,
    ServiceFait,
    TeamMember,
)
from .rules import BURN_WINDOW_DAYS, budget_status, next_committee_due
from .vocabulary import (
    COMMITTEE_MAX_INTERVAL_DAYS,
    DUE_SOON_DAYS,
    TERMINAL_PHASES,
    CommitteeKind,
    MaturityAxis,
    PhaseName,
)

# Roles who see the details of the projects they work on.
DETAIL_ROLES = frozenset({Role.COACH, Role.SERVICE_OWNER})
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)
SORTS = {
    "nom": "name",
    "type": "kind",
    "phase": "current_phase",
    "debut": "phase_start",
    "charge": "manager__last_name",
    "comite": "last_committee",
    "reste": "remaining",
    "equipe": "team_size",
}
# What the public project list shows, hence may be sorted by; the rest is for the staff.
PUBLIC_SORTS = frozenset({"nom", "type", "phase", "debut"})


def _latest_phase_start():
    latest_phase = Phase.objects.filter(project=OuterRef("pk")).order_by("-start", "-pk")
    return Subquery(latest_phase.values("start")[:1])


def _active_team_size(today: date):
    active_team = (
        TeamMember.objects.filter(project=OuterRef("pk"), start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(active_team, output_field=IntegerField()), Value(0))


def _sum(model, field="amount", **filters):
    rows = (
        model.objects.filter(project=OuterRef("pk"), **filters)
        .order_by()
        .values("project")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=MONEY_FIELD), Value(Decimal(0)), output_field=MONEY_FIELD
    )


def annotated_projects(today: date | None = None, *, detail: bool = True) -> QuerySet[Project]:
    """Projects with what the dashboard rules need: current phase, committees, budget.

    With `detail`, also what lists and reports show: phase start, last decision, team size
    and latest maturity scores (ten more lookups per row, so only for rows actually shown).
    """
    today = today or timezone.localdate()
    latest_phase = Phase.objects.filter(project=OuterRef("pk")).order_by("-start", "-pk")
    last_committee = Committee.objects.filter(projects=OuterRef("pk")).order_by("-date")
    queryset = Project.objects.select_related("manager").annotate(
        current_phase=Subquery(latest_phase.values("name")[:1]),
        first_start=Subquery(
            Phase.objects.filter(project=OuterRef("pk")).order_by("start").values("start")[:1]
        ),
        abandon_phases=Subquery(
            Phase.objects.filter(project=OuterRef("pk"), name=PhaseName.ABANDONED)
            .order_by()
            .values("project")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        last_committee=Subquery(last_committee.values("date")[:1]),
        granted=_sum(FundingLine),
        spent=_sum(Expense),
        spent_recent=_sum(
            Expense, date__gt=today - timedelta(days=BURN_WINDOW_DAYS), date__lte=today
        ),
    )
    if not detail:
        return queryset
    last_decision = Decision.objects.filter(project=OuterRef("pk")).order_by(
        "-committee__date", "-pk"
    )
    latest_review = MaturityReview.objects.filter(project=OuterRef("pk")).order_by("-date")
    return queryset.annotate(
        phase_start=_latest_phase_start(),
        last_outcome=Subquery(last_decision.values("outcome")[:1]),
        last_decision_date=Subquery(last_decision.values("committee__date")[:1]),
        team_size=_active_team_size(today),
        maturity_date=Subquery(latest_review.values("date")[:1]),
        **{
            f"maturity_{axis}": Subquery(latest_review.values(axis)[:1])
            for axis in MaturityAxis.values
        },
    )


def detailed(rows: list["ProjectSummary"], today: date | None = None) -> list["ProjectSummary"]:
    """The same rows, in the same order, with every figure lists and reports show (1 query)."""
    today = today or timezone.localdate()
    by_pk = {
        project.pk: project
        for project in annotated_projects(today).filter(pk__in=[row.pk for row in rows])
    }
    return [ProjectSummary(by_pk[row.pk], today) for row in rows if row.pk in by_pk]


class ProjectSummary:
    """A project row with what depends on today's date, computed once when it is built."""

    def __init__(self, project, today: date):
        self.project = project
        self.today = today
        self.is_closed = project.current_phase in TERMINAL_PHASES
        self.budget = budget_status(project.granted, project.spent, project.spent_recent)
        self.runs_out_on = self.budget.runs_out_on(today)
        self.next_committee_due = (
            None
            if self.is_closed
            else next_committee_due(project.last_committee, self.runs_out_on, project.first_start)
        )

    def __getattr__(self, name):
        return getattr(self.project, name)

    @property
    def remaining(self) -> Decimal:
        return self.budget.remaining

    @property
    def committee_overdue(self) -> bool:
        due = self.next_committee_due
        return bool(due and due < self.today)

    @property
    def without_committee_for_6_months(self) -> bool:
        if self.is_closed:
            return False
        reference = self.project.last_committee or self.project.first_start
        return bool(reference and (self.today - reference).days > COMMITTEE_MAX_INTERVAL_DAYS)

    @property
    def budget_ends_soon(self) -> bool:
        runout = self.runs_out_on
        return bool(
            not self.is_closed and runout and runout <= self.today + timedelta(DUE_SOON_DAYS)
        )

    @property
    def postmortem_missing(self) -> bool:
        return bool(self.project.abandon_phases) and not self.project.has_postmortem

    @property
    def current_phase_label(self) -> str:
        return PhaseName(self.project.current_phase).label if self.project.current_phase else "—"

    @property
    def maturity(self) -> dict[str, int | None]:
        return {axis: getattr(self.project, f"maturity_{axis}") for axis in MaturityAxis.values}


def summarize(projects, today: date | None = None) -> list[ProjectSummary]:
    today = today or timezone.localdate()
    return [ProjectSummary(project, today) for project in projects]


@dataclass(frozen=True)
class PortfolioFilters:
    kind: str = ""
    phase: str = ""
    manager: int | None = None
    thematic: str = ""
    region: str = ""
    departement: str = ""
    sort: str = ""  # a key of SORTS; empty: by name on lists, each rule's order on the dashboard
    descending: bool = False


def _territory_q(field: str, code: str) -> Q:
    """Projects with a partner in a région or département, whatever the partner's level."""
    paths = {
        "departement": [
            "partners__commune__departement__code",
            "partners__departement__code",
            "partners__epci__communes__departement__code",
        ],
        "region": [
            "partners__commune__departement__region__code",
            "partners__departement__region__code",
            "partners__region__code",
            "partners__epci__communes__departement__region__code",
        ],
    }[field]
    query = Q()
    for path in paths:
        query |= Q(**{path: code})
    return query


def filter_projects(queryset: QuerySet[Project], filters: PortfolioFilters) -> QuerySet[Project]:
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.phase:
        queryset = queryset.filter(current_phase=filters.phase)
    if filters.manager:
        queryset = queryset.filter(manager_id=filters.manager)
    if filters.thematic:
        queryset = queryset.filter(thematics__slug=filters.thematic)
    for field in ("region", "departement"):
        code = getattr(filters, field)
        if code:
            matching = Project.objects.filter(_territory_q(field, code)).values("pk")
            queryset = queryset.filter(pk__in=matching)
    order = SORTS.get(filters.sort, "name")
    if order not in queryset.query.annotations:
        # The light query of the dashboard (`detail=False`) lacks some sorted columns.
        missing = {
            "remaining": lambda: F("granted") - F("spent"),
            "phase_start": _latest_phase_start,
            "team_size": lambda: _active_team_size(timezone.localdate()),
        }.get(order)
        if missing:
            queryset = queryset.annotate(**{order: missing()})
    expression = (
        F(order).desc(nulls_last=True) if filters.descending else F(order).asc(nulls_last=True)
    )
    return queryset.order_by(expression, "name")


def projects_for_user(user) -> QuerySet[Project]:
    """The projects whose details a user may see: all for the team, their own for the others."""
    if is_incubator_staff(user):
        return Project.objects.all()
    if not (user and user.is_authenticated and user.role in DETAIL_ROLES):
        return Project.objects.none()
    return Project.objects.filter(team__user=user).distinct()


def portfolio(filters: PortfolioFilters, today: date | None = None) -> list[ProjectSummary]:
    return summarize(filter_projects(annotated_projects(today), filters), today)


def portfolio_queryset(filters: PortfolioFilters, today: date | None = None) -> QuerySet[Project]:
    """The filtered, sorted projects with all their figures, to paginate in SQL."""
    return filter_projects(annotated_projects(today), filters)


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
    has_postmortem = Q(postmortem_learnings__regex=r"\S") & Q(postmortem_reasons__regex=r"\S")
    projects = [
        DashboardProject(*values)
        for values in filter_projects(annotated_projects(today, detail=False), filters)
        .annotate(written=ExpressionWrapper(has_postmortem, output_field=BooleanField()))
        .values_list(*DASHBOARD_VALUES)
    ]
    committees = dict(
        Committee.projects.through.objects.order_by()
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
            ("comites-a-venir", "Comités dus dans les 60 jours", self.committees_due),
            ("en-retard", "Comités en retard", self.overdue),
            ("sans-comite", "Sans comité depuis plus de 6 mois", self.without_committee),
            ("budget-fin", "Budget épuisé dans les 60 jours", self.budget_ending),
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
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    counts = {}
    for row in rows:
        counts[row.current_phase] = counts.get(row.current_phase, 0) + 1
    phase_counts = [(name, label, counts.get(name, 0)) for name, label in PhaseName.choices]
    if counts.get(None):
        phase_counts.append(("", "Sans phase", counts[None]))

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
        committees_due=by_due(
            row
            for row in rows
            if row.next_committee_due and today <= row.next_committee_due <= horizon
        ),
        overdue=by_due(row for row in rows if row.committee_overdue),
        postmortems_missing=[row for row in rows if row.postmortem_missing],
        to_review=[row for row in rows if row.review_notes],
        today=today,
    )


def project_detail(slug: str) -> Project:
    partners = ProjectPartner.objects.select_related(
        "commune__departement", "epci", "departement", "region"
    )
    return get_object_or_404(
        Project.objects.select_related("manager").prefetch_related(
            "thematics", "sponsors", Prefetch("partners", queryset=partners), "phases"
        ),
        slug=slug,
    )


def project_summary(project: Project, today: date | None = None) -> ProjectSummary:
    return summarize([annotated_projects(today).get(pk=project.pk)], today)[0]


def project_committees(project: Project) -> QuerySet[Committee]:
    return project.committees.prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.filter(project=project))
    ).order_by("-date")


def project_team(project: Project) -> QuerySet[TeamMember]:
    return project.team.select_related("user").prefetch_related("attestations")


def project_reviews(project: Project) -> QuerySet[MaturityReview]:
    return project.maturity_reviews.order_by("date")


# Sortable columns of the attestation list: query key → fields.
ATTESTATION_SORTS = {
    "personne": ("member__full_name", "period_end"),
    "projet": ("member__project__name", "period_end"),
    "periode": ("period_end", "period_start"),
}
ATTESTATION_DEFAULT_SORT = Sort("periode")


def attestations_to_issue(
    today: date | None = None, sort: Sort = ATTESTATION_DEFAULT_SORT
) -> dict[str, list[ServiceFait]]:
    """Service-fait periods not attested yet: late (ended before this month) or due this month.

    Each list in `sort` order (2 queries whatever the number of periods).
    """
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    pending = (
        ServiceFait.objects.filter(attested_at__isnull=True)
        .select_related("member__project")
        .order_by(*ordering(sort, ATTESTATION_SORTS), "pk")
    )
    return {
        "late": list(pending.filter(period_end__lt=month_start)),
        "due": list(pending.filter(period_end__gte=month_start, period_end__lt=next_month)),
    }


# Sortable columns of the committee list: query key → fields (annotations of
# `committees_list`).
COMMITTEE_SORTS = {
    "date": "date",
    "comite": ("label", "date"),
    "type": ("kind_label", "date"),
    "projets": "project_count",
    "decisions": "decision_count",
    "montant": "granted",
}
COMMITTEE_DEFAULT_SORT = Sort("date", descending=True)


def committees_list(sort: Sort = COMMITTEE_DEFAULT_SORT) -> QuerySet[Committee]:
    """Committees with their counts and granted total, sorted (1 query, plus 1 to count)."""
    kind_label = Case(
        *(When(kind=value, then=Value(label)) for value, label in CommitteeKind.choices),
        default="kind",
        output_field=CharField(),
    )
    granted = (
        Decision.objects.filter(committee=OuterRef("pk"))
        .order_by()
        .values("committee")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    granted = Coalesce(
        Subquery(granted, output_field=MONEY_FIELD), Value(Decimal(0)), output_field=MONEY_FIELD
    )
    committees = Committee.objects.defer("attendees", "minutes").annotate(
        project_count=Count("projects", distinct=True),
        decision_count=Count("decisions", distinct=True),
        granted=granted,
        kind_label=kind_label,
        # What `str(committee)` starts with: its title, or its kind.
        label=Coalesce(NullIf("title", Value("")), kind_label),
    )
    return committees.order_by(*ordering(sort, COMMITTEE_SORTS), "-date", "-pk")


def committee_detail(pk: int) -> Committee:
    return get_object_or_404(
        Committee.objects.prefetch_related(
            "projects",
            "documents",
            Prefetch("decisions", queryset=Decision.objects.select_related("project")),
        ),
        pk=pk,
    )


def phases_by_project(project_ids) -> dict[int, list[tuple[str, date, date | None]]]:
    """The phases of several projects in one query, for the portfolio timeline."""
    result: dict[int, list] = {}
    rows = (
        Phase.objects.filter(project_id__in=list(project_ids))
        .order_by("start", "pk")
        .values_list("project_id", "name", "start", "end")
    )
    for project_id, name, start, end in rows:
        result.setdefault(project_id, []).append((name, start, end))
    return result
