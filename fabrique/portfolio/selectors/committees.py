"""Reads on committees: a project's committees, the sortable committee list, one committee."""

from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from fabrique.core.queries import count_subquery
from fabrique.core.sorting import Sort, ordering

from ..models import Committee, Decision, Project
from ..vocabulary import CommitteeKind
from .projects import MONEY_FIELD


def project_committees(project: Project) -> QuerySet[Committee]:
    return project.committees.prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.filter(project=project))
    ).order_by("-date")


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
        project_count=count_subquery(
            Committee.projects.through.objects.filter(committee=OuterRef("pk"))
        ),
        decision_count=count_subquery(Decision.objects.filter(committee=OuterRef("pk"))),
        granted=granted,
        kind_label=kind_label,
        # What `str(committee)` starts with: its title, or its kind.
        label=Coalesce(NullIf("title", Value("")), kind_label),
    )
    return committees.order_by(*ordering(sort, COMMITTEE_SORTS), "-date", "-pk")
