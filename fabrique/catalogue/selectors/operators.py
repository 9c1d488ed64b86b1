"""Reads on the public digital-service operators (OPSN): the list, one operator, and those that
serve a département (shown on the territory pages). A fixed number of queries each."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from fabrique.territories.models import Departement

from ..models import Operator, Solution


def operators_list(departement: str = "") -> QuerySet[Operator]:
    queryset = Operator.objects.prefetch_related(
        Prefetch("departements", queryset=Departement.objects.order_by("code")),
        Prefetch("solutions", queryset=Solution.objects.only("pk", "name", "slug")),
    ).order_by("name")
    if departement:
        queryset = queryset.filter(departements__code=departement.upper())
    return queryset


def operator_detail(slug: str) -> Operator:
    return get_object_or_404(operators_list(), slug=slug)


def operators_for_departement(departement_id: int) -> list[Operator]:
    """The OPSN that serve a département (one query): shown on the commune page."""
    return list(Operator.objects.filter(departements=departement_id).order_by("name"))


def operators_for_departements(departements: QuerySet[Departement]) -> list[Operator]:
    """The OPSN that serve at least one of these départements, each with `served_here`: those of
    them it serves, by code. Shown on the EPCI and département pages; two queries, whatever the
    number of départements or operators (the départements are read as a subquery)."""
    wanted = Departement.objects.filter(pk__in=departements.values("pk"))
    return list(
        Operator.objects.filter(departements__in=wanted.values("pk"))
        .distinct()
        .prefetch_related(
            Prefetch("departements", queryset=wanted.order_by("code"), to_attr="served_here")
        )
        .order_by("name")
    )
