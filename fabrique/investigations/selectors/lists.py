"""Lists of the programme: team view, coach view, a call's problems; constant queries."""

from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from fabrique.core.sorting import french_key
from fabrique.portfolio.models import Committee

from ..models import (
    Call,
    DayEntry,
    Investigation,
    InvestigationPhase,
    Problem,
    ProblemCollectivite,
    Review,
)
from ..rules import (
    average_and_spread,
    conversion,
    days_left_text,
    missing_artefacts,
    phase_label,
)
from ..vocabulary import ARTEFACT_LABELS, FUNDED_DAYS, Decision, StaffRole


def open_calls(today=None):
    today = today or timezone.localdate()
    return Call.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on")


def scoring_open_q(today) -> Q:
    """The problems whose scoring and decision are open today: their call is closed, or they have
    none (the team attaches them first). The SQL version of `rules.scoring_wait_problem`, for the
    team's « to examine » count and the list filter: a problem of a call still open cannot be
    examined before its closing day."""
    return Q(call__isnull=True) | Q(call__closes_on__lt=today)


def _collectivites_prefetch():
    return Prefetch(
        "problem__collectivites",
        queryset=ProblemCollectivite.objects.select_related(
            "commune", "epci", "departement", "region"
        ),
    )


def late_only(queryset, *, today=None):
    """Investigations with a phase still open past its planned end."""
    today = today or timezone.localdate()
    return queryset.filter(
        Exists(
            InvestigationPhase.objects.filter(
                investigation=OuterRef("pk"), closed_on__isnull=True, planned_end__lt=today
            )
        ),
        decision="",
    )


def investigation_page(queryset, *, page_number, page_size: int, today=None):
    """One page of the team's list: the count and the page's ids on the bare table, then the
    annotated rows of that page only (the subqueries never run over the whole programme)."""
    paginator = Paginator(
        queryset.order_by("-start", "-pk").values_list("pk", flat=True), page_size
    )
    page = paginator.get_page(page_number)
    rows = {
        row.pk: row for row in investigation_rows(queryset.filter(pk__in=list(page)), today=today)
    }
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    return page


def public_investigation_page(queryset, *, page_number, page_size: int, today=None):
    """One page of the public list (the investigations the team marked public): the team's
    page, each row with the phase said as in the open data (`rules.phase_label`)."""
    page = investigation_page(queryset, page_number=page_number, page_size=page_size, today=today)
    for row in page.object_list:
        row.phase = phase_label(row.current_step)
    return page


def investigation_rows(queryset, *, today=None):
    """Investigations annotated with current step, lateness and days used."""
    today = today or timezone.localdate()
    open_phases = InvestigationPhase.objects.filter(
        investigation=OuterRef("pk"), closed_on__isnull=True
    )
    days = (
        DayEntry.objects.filter(investigation=OuterRef("pk"))
        .values("investigation")
        .annotate(total=Sum("days"))
        .values("total")
    )
    next_committee = Committee.objects.filter(
        investigations=OuterRef("pk"), date__gte=today
    ).order_by("date")
    return (
        queryset.select_related("problem__call", "coach", "designer", "project")
        .prefetch_related(_collectivites_prefetch())
        .annotate(
            current_step=Subquery(open_phases.order_by("step").values("step")[:1]),
            is_late=Exists(open_phases.filter(planned_end__lt=today)),
            days_used=Coalesce(
                Subquery(days, output_field=DecimalField()),
                Value(0),
                output_field=DecimalField(),
            ),
            next_committee=Subquery(next_committee.values("date")[:1]),
        )
        .order_by("-start", "-pk")
    )


def coach_rows(user, *, today=None):
    """A coach's investigations, with the days left for them on each."""
    rows = investigation_rows(
        Investigation.objects.filter(Q(coach=user) | Q(designer=user), decision=""), today=today
    ).annotate(
        my_days=Coalesce(
            Subquery(
                DayEntry.objects.filter(investigation=OuterRef("pk"), person=user)
                .values("investigation")
                .annotate(total=Sum("days"))
                .values("total"),
                output_field=DecimalField(),
            ),
            Value(0),
            output_field=DecimalField(),
        )
    )
    rows = list(rows)
    phases = {
        (p.investigation_id, p.step): p
        for p in InvestigationPhase.objects.filter(investigation__in=[r.pk for r in rows])
    }
    for row in rows:
        role = StaffRole.COACH if row.coach_id == user.pk else StaffRole.DESIGNER
        # Decimal all the way: 10 − 1.3 in floats would read « 8,69999999999999928… jours ».
        row.funded_days = FUNDED_DAYS[role]
        row.days_left = Decimal(row.funded_days) - Decimal(row.my_days or 0)
        row.days_left_text = days_left_text(row.days_left)
        phase = phases.get((row.pk, row.current_step))
        row.missing = missing_for_current_phase(phase) if phase else []
    return rows


def missing_for_current_phase(phase: InvestigationPhase) -> list[str]:
    values = {name: getattr(phase, name) for name in ARTEFACT_LABELS}
    return [ARTEFACT_LABELS[name] for name in missing_artefacts(phase.step, values)]


def call_problem_rows(call: Call, *, visible, with_scores: bool) -> list:
    """Problems of a call (among `visible`); for the team, average and spread of the reviewers'
    totals, best first (`rules.average_and_spread`)."""
    rows = (
        call.problems.filter(pk__in=visible.values("pk"))
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch(
                "collectivites",
                queryset=ProblemCollectivite.objects.select_related(
                    "commune", "epci", "departement", "region"
                ),
            )
        )
        .order_by("pk")
    )
    if not with_scores:
        return list(rows)
    rows = list(
        rows.prefetch_related(
            Prefetch("reviews", queryset=Review.objects.only("problem_id", "total"))
        )
    )
    for row in rows:
        totals = [review.total for review in row.reviews.all()]
        row.average, row.spread = average_and_spread(totals)
        row.review_count = len(totals)
    return sorted(rows, key=lambda row: (row.average is None, -(row.average or 0), row.pk))


def _region_counts(links) -> list[tuple[str, int]]:
    """Problems per région, through their collectivités (an EPCI has no région of its own)."""
    rows = (
        links.annotate(
            region_name=Coalesce(
                "commune__departement__region__name",
                "departement__region__name",
                "region__name",
            )
        )
        .exclude(region_name=None)
        .values("region_name")
        .annotate(n=Count("problem_id", distinct=True))
    )
    return sorted(
        ((r["region_name"], r["n"]) for r in rows), key=lambda i: (-i[1], french_key(i[0]))
    )


def programme_stats(*, call: Call | None = None) -> dict:
    """Problems by theme and by région, conversion problems → investigations → go."""
    problems = Problem.objects.exclude(status="fusionne")
    investigations = Investigation.objects.all()
    if call is not None:
        problems = problems.filter(call=call)
        investigations = investigations.filter(problem__call=call)
    totals = investigations.aggregate(
        count=Count("pk"),
        gos=Count("pk", filter=Q(decision=Decision.GO)),
    )
    problem_count = problems.count()
    to_investigation, to_go = conversion(problem_count, totals["count"], totals["gos"])
    # Grouped on the plain column, then put in French order here (as the régions are): a SQL
    # French collation compared 20 000 themes in Python inside SQLite (119 of 190 ms).
    themes = sorted(
        problems.order_by().values("theme").annotate(n=Count("pk")),
        key=lambda row: (-row["n"], french_key(row["theme"])),
    )
    return {
        "problems": problem_count,
        "investigations": totals["count"],
        "gos": totals["gos"],
        "to_investigation": to_investigation,
        "to_go": to_go,
        "themes": [(row["theme"] or "Sans thème", row["n"]) for row in themes],
        "regions": _region_counts(
            ProblemCollectivite.objects.filter(problem__in=problems.values("pk"))
        ),
    }
