"""Reads on the catalogue: search with facets, a solution's users, "near you", funding match.

Every function runs a fixed number of SQL queries whatever the size of the catalogue. One module
per concern: `search` (filters, facets, order), `nearby` (near you), `operators`,
`collectivites` and `funding` (the schemes and the match), `suggestions`, `exports` (open
data). The reads of a solution's page live here, with `USERS_PER_DEPARTEMENT`, so that a test
can lower that cap on this module. Everything is importable from `fabrique.catalogue.selectors`.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Prefetch, Value, When, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404

from fabrique.core.text import fold

from ..models import Operator, Solution, SolutionUse
from .collectivites import (
    Collectivite,
    collectivite_by_code,
    collectivite_from,
    format_population,
)
from .exports import export_operators, export_schemes, export_solutions, export_uses
from .funding import (
    SCHEME_STATES,
    FundingMatch,
    FundingMatches,
    SchemeFilters,
    funding_for,
    funding_reasons,
    open_schemes,
    scheme_detail,
    schemes_list,
)
from .nearby import NEAR_EXAMPLES, NEAR_LIMIT, NearbySolution, NearYou, near_epci, near_you
from .operators import (
    operator_detail,
    operators_for_departement,
    operators_for_departements,
    operators_list,
)
from .search import (
    FACET_LABELS,
    FACETS,
    LICENCE_FACET_SIZE,
    LIST_FIELDS,
    MAX_QUERY_LENGTH,
    PAGE_PARAMETERS,
    PARAMETER_NAMES,
    CatalogueFilters,
    CatalogueSearch,
    Facet,
    FacetValue,
    facet_counts,
    search_catalogue,
)
from .suggestions import suggestions_for

__all__ = [
    "FACETS", "FACET_LABELS", "LICENCE_FACET_SIZE", "LIST_FIELDS", "MAX_QUERY_LENGTH",
    "NEAR_EXAMPLES", "NEAR_LIMIT", "PAGE_PARAMETERS", "PARAMETER_NAMES", "SCHEME_STATES",
    "USERS_PER_DEPARTEMENT", "CatalogueFilters", "CatalogueSearch", "Collectivite",
    "DepartementUsers", "Facet", "FacetValue", "FundingMatch", "FundingMatches", "NearYou",
    "NearbySolution", "SchemeFilters", "SolutionUsers", "collectivite_by_code",
    "collectivite_from", "export_operators", "export_schemes", "export_solutions", "export_uses",
    "facet_counts", "format_population", "funding_for", "funding_reasons", "near_epci", "near_you",
    "open_schemes", "operator_detail", "operators_for_departement", "operators_for_departements",
    "operators_list", "scheme_detail", "schemes_list",
    "search_catalogue", "solution_detail", "solution_users", "suggestions_for",
]  # fmt: skip

USERS_PER_DEPARTEMENT = 30


def solution_detail(slug: str) -> Solution:
    return get_object_or_404(
        Solution.objects.select_related("project").prefetch_related(
            Prefetch("similar", queryset=Solution.objects.only(*LIST_FIELDS).order_by("name")),
            Prefetch(
                "operators",
                queryset=Operator.objects.prefetch_related("departements").order_by("name"),
            ),
            "references",
        ),
        slug=slug,
    )


@dataclass
class DepartementUsers:
    code: str
    name: str
    count: int
    uses: list[SolutionUse] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.uses)


@dataclass
class SolutionUsers:
    total: int
    by_departement: list[DepartementUsers]
    others: list[SolutionUse]  # EPCI, départements and régions


def project_deployments(solution: Solution) -> int | None:
    """How many collectivités use an incubator service according to its project's deployment
    follow-up (impact), the reference count of an incubator service (market penetration is
    computed from it); None for an entry that is not a project of the incubator."""
    if not solution.project_id:
        return None
    return solution.project.deployments.count()


def solution_users(solution: Solution) -> SolutionUsers:
    """The collectivités that use a solution: communes grouped by département (the first ones
    of each, by name, and the count), then EPCI, départements and régions. Three queries."""
    communes = SolutionUse.objects.filter(solution=solution, commune__isnull=False)
    counts = (
        communes.values("commune__departement__code", "commune__departement__name")
        .annotate(n=Count("pk"))
        .order_by("commune__departement__code")
    )
    groups = {
        row["commune__departement__code"]: DepartementUsers(
            row["commune__departement__code"], row["commune__departement__name"], row["n"]
        )
        for row in counts
    }
    ranked = (
        communes.select_related("commune")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("commune__departement_id")],
                order_by=[F("commune__name").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=USERS_PER_DEPARTEMENT)
        .annotate(departement_code=F("commune__departement__code"))
        .order_by("departement_code", "commune__name")
    )
    for use in ranked:
        groups[use.departement_code].uses.append(use)
    for group in groups.values():  # by name without accents, whatever the collation
        group.uses.sort(key=lambda use: fold(use.commune.name))
    kind_order = Case(
        When(epci__isnull=False, then=Value(0)),
        When(departement__isnull=False, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    others = list(
        SolutionUse.objects.filter(solution=solution, commune__isnull=True)
        .select_related("epci", "departement", "region")
        .annotate(kind_order=kind_order)
        .order_by("kind_order", "epci__name", "departement__code", "region__name")
    )
    total = sum(group.count for group in groups.values()) + len(others)
    return SolutionUsers(total=total, by_departement=list(groups.values()), others=others)
