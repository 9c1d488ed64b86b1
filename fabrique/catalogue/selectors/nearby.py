"""Near you: what a commune uses, and what the communes of its EPCI and its département use.

Five queries whatever the number of uses: the solutions used around the commune are ranked in
SQL, then read once.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from fabrique.core.text import fold
from fabrique.territories.models import Commune

from ..models import Solution, SolutionUse
from .search import LIST_FIELDS

NEAR_LIMIT = 15
NEAR_EXAMPLES = 5


@dataclass
class NearbySolution:
    solution: Solution
    count: int
    used_here: bool
    examples: list[str] = field(default_factory=list)


@dataclass
class NearYou:
    commune: Commune
    own: list[Solution]
    epci: list[NearbySolution]
    departement: list[NearbySolution]


def _ranked(uses: QuerySet, limit: int) -> list[tuple[int, int]]:
    rows = uses.values("solution").annotate(n=Count("pk")).order_by("-n", "solution")[:limit]
    return [(row["solution"], row["n"]) for row in rows]


def near_you(commune: Commune, limit: int = NEAR_LIMIT) -> NearYou:
    """What the commune uses, what the other communes of its EPCI (and the EPCI itself) use,
    and what the communes of its département (and the département) use. Five queries."""
    own_ids = set(SolutionUse.objects.filter(commune=commune).values_list("solution_id", flat=True))
    epci_rows, examples = [], defaultdict(list)
    if commune.epci_id:
        neighbours = Commune.objects.filter(epci_id=commune.epci_id).exclude(pk=commune.pk)
        epci_uses = SolutionUse.objects.filter(
            Q(commune_id__in=neighbours.values("pk")) | Q(epci_id=commune.epci_id)
        )
        epci_rows = _ranked(epci_uses, limit)
        for solution_id, name in epci_uses.filter(
            solution_id__in=[pk for pk, _ in epci_rows], commune__isnull=False
        ).values_list("solution_id", "commune__name"):
            examples[solution_id].append(name)
        for solution_id, names in examples.items():
            examples[solution_id] = sorted(names, key=fold)[:NEAR_EXAMPLES]
    departement_communes = Commune.objects.filter(departement_id=commune.departement_id).exclude(
        pk=commune.pk
    )
    departement_rows = _ranked(
        SolutionUse.objects.filter(
            Q(commune_id__in=departement_communes.values("pk"))
            | Q(departement_id=commune.departement_id)
        ),
        limit,
    )
    wanted = own_ids | {pk for pk, _ in epci_rows} | {pk for pk, _ in departement_rows}
    solutions = Solution.objects.only(*LIST_FIELDS).in_bulk(wanted)

    def nearby(rows):
        return [
            NearbySolution(solutions[pk], count, pk in own_ids, examples.get(pk, []))
            for pk, count in rows
            if pk in solutions
        ]

    own = sorted((solutions[pk] for pk in own_ids if pk in solutions), key=lambda s: s.name)
    return NearYou(commune, own, nearby(epci_rows), nearby(departement_rows))
