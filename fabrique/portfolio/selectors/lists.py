"""The project lists: their filters and sort keys, and the filtered, sorted projects.

`PortfolioFilters` is what the list and dashboard forms give; `filter_projects` applies it to
an annotated query (territory filters go through the partners, whatever their level).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from fabrique.core.sorting import Sort, french, ordering

from ..models import Project
from .projects import (
    ProjectSummary,
    active_team_size,
    annotated_projects,
    latest_phase_start,
    phase_rank,
    summarize,
)

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
# Sorted in French alphabetical order (« Étals du coin » among the E).
NAMES = frozenset({"name", "manager__last_name"})
# What the public project list shows, hence may be sorted by; the rest is for the staff.
PUBLIC_SORTS = frozenset({"nom", "type", "phase", "debut"})


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
            "phase_start": latest_phase_start,
            "team_size": lambda: active_team_size(timezone.localdate()),
        }.get(order)
        if missing:
            queryset = queryset.annotate(**{order: missing()})
    if order == "current_phase":  # the order of a project's life, not the alphabet
        queryset = queryset.annotate(phase_rank=phase_rank("current_phase"))
        order = "phase_rank"
    return queryset.order_by(
        *ordering(Sort(order, filters.descending), {order: order}, text=NAMES), french("name")
    )


def portfolio(filters: PortfolioFilters, today: date | None = None) -> list[ProjectSummary]:
    return summarize(filter_projects(annotated_projects(today), filters), today)


def portfolio_queryset(filters: PortfolioFilters, today: date | None = None) -> QuerySet[Project]:
    """The filtered, sorted projects with all their figures, to paginate in SQL."""
    return filter_projects(annotated_projects(today), filters)
