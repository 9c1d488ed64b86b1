"""Near you: what a collectivité uses, and what is used around it, in its EPCI and in its
département.

One counting rule for a commune and for an EPCI (`_near`): a use is one collectivité using a
solution; the collectivité's own uses are apart (`own`, and `used_here` on each row); the EPCI
level counts the EPCI's member communes and the EPCI itself; the département level counts its
communes, the EPCIs of its communes and the département itself, so it counts at least what the
EPCI level counts (but for the members of an EPCI that crosses the département's border).
Five queries whatever the number of uses: the solutions are ranked in SQL, then read once.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from fabrique.core.text import fold
from fabrique.territories.models import EPCI, Commune

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
    # The collectivité looked at: a commune (the catalogue's page) or an EPCI (a mission's).
    commune: Commune | EPCI
    own: list[Solution]
    epci: list[NearbySolution]
    departement: list[NearbySolution]


def _ranked(uses: QuerySet, limit: int) -> list[tuple[int, int]]:
    rows = uses.values("solution").annotate(n=Count("pk")).order_by("-n", "solution")[:limit]
    return [(row["solution"], row["n"]) for row in rows]


# Membership written as subqueries on the uses' own indexed columns (commune_id, epci_id,
# departement_id), not as conditions on a joined table: OR across a LEFT JOIN makes the
# database read every use (170 ms for 100 000 uses), the subqueries read only the area's.


def _in_epci(epci_id) -> Q:
    return Q(commune_id__in=Commune.objects.filter(epci_id=epci_id).values("pk")) | Q(
        epci_id=epci_id
    )


def _in_departement(departement_id) -> Q:
    communes = Commune.objects.filter(departement_id=departement_id)
    return (
        Q(commune_id__in=communes.values("pk"))
        | Q(epci_id__in=communes.values("epci_id"))
        | Q(departement_id=departement_id)
    )


def _near(collectivite, own: Q, epci_id, departement_id, limit: int) -> NearYou:
    own_ids = set(SolutionUse.objects.filter(own).values_list("solution_id", flat=True))
    epci_rows, examples = [], defaultdict(list)
    if epci_id:
        epci_uses = SolutionUse.objects.filter(_in_epci(epci_id)).exclude(own)
        epci_rows = _ranked(epci_uses, limit)
        # The users named: the EPCI first when it uses the solution itself (else a row would
        # count a user and name none), then its communes in alphabetical order.
        by_epci = set()
        for solution_id, commune_name, epci_name in epci_uses.filter(
            solution_id__in=[pk for pk, _ in epci_rows]
        ).values_list("solution_id", "commune__name", "epci__name"):
            if commune_name:
                examples[solution_id].append(commune_name)
            elif epci_name:
                by_epci.add((solution_id, epci_name))
        for solution_id, names in examples.items():
            examples[solution_id] = sorted(names, key=fold)
        for solution_id, epci_name in by_epci:
            examples[solution_id].insert(0, epci_name)
        for solution_id, names in examples.items():
            examples[solution_id] = names[:NEAR_EXAMPLES]
    departement_rows = []
    if departement_id:
        departement_rows = _ranked(
            SolutionUse.objects.filter(_in_departement(departement_id)).exclude(own), limit
        )
    wanted = own_ids | {pk for pk, _ in epci_rows} | {pk for pk, _ in departement_rows}
    solutions = Solution.objects.only(*LIST_FIELDS).in_bulk(wanted)

    def nearby(rows):
        return [
            NearbySolution(solutions[pk], count, pk in own_ids, examples.get(pk, []))
            for pk, count in rows
            if pk in solutions
        ]

    own_solutions = sorted(
        (solutions[pk] for pk in own_ids if pk in solutions), key=lambda s: s.name
    )
    return NearYou(collectivite, own_solutions, nearby(epci_rows), nearby(departement_rows))


def near_you(commune: Commune, limit: int = NEAR_LIMIT) -> NearYou:
    """What the commune uses, what the other communes of its EPCI and the EPCI itself use, and
    what is used in its département (`_near`). Five queries."""
    return _near(commune, Q(commune_id=commune.pk), commune.epci_id, commune.departement_id, limit)


def near_epci(epci: EPCI, departement_id, limit: int = NEAR_LIMIT) -> NearYou:
    """What the EPCI uses, what its member communes use, and what is used in its département
    (that of its most populated commune, as the mission says): the rule of `near_you`."""
    return _near(epci, Q(epci_id=epci.pk), epci.pk, departement_id, limit)
