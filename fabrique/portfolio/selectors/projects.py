"""Reads on projects: the annotated query behind every list, and one project's details.

`annotated_projects` gives each project the figures lists and reports show (current phase,
committees, budget, team, maturity) as correlated subqueries; `ProjectSummary` adds what
depends on today's date. Also here: who may see which projects, one project's page, its
maturity reviews, and the phases of several projects at once for the timelines.
"""

import threading
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    CASCADE,
    Case,
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    Committee,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    Project,
    TeamMember,
)
from ..rules import (
    BURN_WINDOW_DAYS,
    Dependent,
    budget_ends_soon,
    budget_status,
    is_overdue,
    next_committee_due,
    too_long_without_committee,
)
from ..vocabulary import (
    PHASE_ORDER,
    TERMINAL_PHASES,
    MaturityAxis,
    PhaseName,
)

# Roles who see the details of the projects they work on.
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


def latest_phase_start():
    latest_phase = Phase.objects.filter(project=OuterRef("pk")).order_by("-start", "-pk")
    return Subquery(latest_phase.values("start")[:1])


def active_team_size(today: date):
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


def phase_rank(field: str = "name") -> Case:
    """The place of a phase in a project's life (`PHASE_ORDER`), in SQL."""
    return Case(
        *(When(**{field: name}, then=Value(rank)) for name, rank in PHASE_ORDER.items()),
        default=Value(None),
        output_field=IntegerField(),
    )


def current_phase_subquery() -> Subquery:
    """The current phase of the project of the outer query, by the rule `rules.phase_recency`:
    the phase that started last, and on the same day the later one in a project's life."""
    latest = Phase.objects.filter(project=OuterRef("pk")).order_by(
        "-start", phase_rank().desc(nulls_last=True), "-pk"
    )
    return Subquery(latest.values("name")[:1])


def annotated_projects(today: date | None = None, *, detail: bool = True) -> QuerySet[Project]:
    """Projects with what the dashboard rules need: current phase, committees, budget.

    With `detail`, also what lists and reports show: phase start, last decision, team size
    and latest maturity scores (ten more lookups per row, so only for rows actually shown).

    Building the twenty subqueries costs more than running them on a page of projects: the
    query is built once per day and kind *in each thread*, then copied (`all()`). Never shared
    between threads: compiling a copy completes the joins of the subqueries it shares with the
    original, and two threads doing it at once wrote over each other's joins (seen under load:
    « missing FROM-clause entry »). One thread compiles one query at a time, as Django does when
    it compiles a QuerySet twice.
    """
    today = today or timezone.localdate()
    built = getattr(_built_queries, "by_key", None)
    if built is None:
        built = _built_queries.by_key = {}
    if (today, detail) not in built:
        if len(built) >= 4:  # yesterday's queries
            built.clear()
        built[today, detail] = _annotated_projects(today, detail)
    return built[today, detail].all()


_built_queries = threading.local()


def _annotated_projects(today: date, detail: bool) -> QuerySet[Project]:
    # Held committees only (rules.is_held): one planned later is « prochain comité prévu ».
    last_committee = Committee.objects.filter(projects=OuterRef("pk"), date__lte=today).order_by(
        "-date"
    )
    next_planned = Committee.objects.filter(projects=OuterRef("pk"), date__gt=today).order_by(
        "date"
    )
    queryset = Project.objects.select_related("manager", "postmortem_by").annotate(
        current_phase=current_phase_subquery(),
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
        next_planned_committee=Subquery(next_planned.values("date")[:1]),
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
        phase_start=latest_phase_start(),
        last_outcome=Subquery(last_decision.values("outcome")[:1]),
        last_decision_date=Subquery(last_decision.values("committee__date")[:1]),
        team_size=active_team_size(today),
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
        return is_overdue(self.next_committee_due, self.today)

    @property
    def without_committee_for_6_months(self) -> bool:
        return not self.is_closed and too_long_without_committee(
            self.project.last_committee, self.project.first_start, self.today
        )

    @property
    def budget_ends_soon(self) -> bool:
        return not self.is_closed and budget_ends_soon(self.runs_out_on, self.today)

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


def project_summary(project: Project, today: date | None = None) -> ProjectSummary:
    return summarize([annotated_projects(today).get(pk=project.pk)], today)[0]


def project_reviews(project: Project) -> QuerySet[MaturityReview]:
    return project.maturity_reviews.order_by("date")


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


def project_dependents(project: Project) -> list[Dependent]:
    """Every kind of row that depends on `project`, in any app, with its count (one query per
    kind, for a confirmation page). Read through the model's public `_meta` API, so that the
    portfolio imports no app that builds on it."""
    dependents = []
    for relation in Project._meta.related_objects:
        if relation.many_to_many:
            continue
        model = relation.related_model
        count = model._default_manager.filter(**{relation.field.name: project}).count()
        dependents.append(
            Dependent(
                label=model._meta.label,
                singular=str(model._meta.verbose_name),
                plural=str(model._meta.verbose_name_plural),
                count=count,
                cascade=relation.on_delete is CASCADE,
            )
        )
    return dependents
