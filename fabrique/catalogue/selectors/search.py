"""Search of the catalogue: facets, order, and the page (the query string is read by
`filters.SolutionFilter`).

Search is accent-insensitive: each solution's folded words are stored in an inverted index
(`SolutionWord`) and every word typed must start one of them, looked up as a range of that
indexed column (the same on SQLite and PostgreSQL). Facets, total and order are computed from the
narrow rows that match the text, read in one query from a covering index (see `_match`; measured
by `bench/catalogue.py` at 5,000 solutions): two queries whatever the size of the catalogue.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from django.db.models import Q

from fabrique.core.text import search_alternatives
from fabrique.core.wordindex import matching_q

from .. import vocabulary
from ..models import Solution, SolutionWord
from ..vocabulary import Category, CostModel, Hosting, Origin

MAX_QUERY_LENGTH = 200
LICENCE_FACET_SIZE = 12
LIST_FIELDS = ("pk", "name", "slug", "origin", "summary", "categories", "licence", "website",
               "cost_model", "yearly_cost", "hosting", "maturity", "user_count")  # fmt: skip

# facet -> (vocabulary, multi-valued)
FACETS = {
    "categories": (Category, True),
    "origin": (Origin, False),
    "cost_model": (CostModel, False),
    "hosting": (Hosting, True),
    "licence": (None, False),
}
FACET_LABELS = {
    "categories": "Catégorie",
    "origin": "Origine",
    "cost_model": "Modèle de coût",
    "hosting": "Hébergement",
    "licence": "Licence",
}


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    categories: tuple[str, ...] = ()
    origin: tuple[str, ...] = ()
    cost_model: tuple[str, ...] = ()
    hosting: tuple[str, ...] = ()
    licence: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return any(getattr(self, facet) for facet in FACETS)


PARAMETER_NAMES = {
    "categories": ("categorie", "category"),
    "origin": ("origine",),
    "cost_model": ("cout",),
    "hosting": ("hebergement",),
    "licence": ("license",),
}
# The names the pages use (the API uses the facet names themselves); `filters.SolutionFilter`
# reads every one of them.
PAGE_PARAMETERS = {
    "categories": "categorie",
    "origin": "origine",
    "cost_model": "cout",
    "hosting": "hebergement",
    "licence": "licence",
}


def _facet_q(filters: CatalogueFilters, facet: str) -> Q:
    values = getattr(filters, facet)
    if not values:
        return Q()
    if FACETS[facet][1]:
        return vocabulary.has_any(facet, values)
    return Q(**{f"{facet}__in": values})


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    parameter: str
    values: list[FacetValue]
    links: list[tuple[FacetValue, str]] = field(default_factory=list)  # filled by the page


_FACET_COLUMNS = tuple(FACETS)  # origin, cost_model… as read by `_candidates`
_ROW = {name: index for index, name in enumerate(("pk", "user_count", "name_key", *FACETS))}


def _candidates(tokens: list[tuple[str, ...]]) -> list[tuple]:
    """The solutions that match the text, as narrow rows read from the covering index: one
    query, the inverted index looked up once."""
    return list(
        Solution.objects.filter(matching_q(SolutionWord, "solution", tokens)).values_list(
            "pk", "user_count", "name_key", *_FACET_COLUMNS
        )
    )


def _facet_values(facet: str, counts: Counter, selected: set[str]) -> list[FacetValue]:
    choices = FACETS[facet][0]
    if choices is not None:
        return [
            FacetValue(value, label, counts[value], value in selected)
            for value, label in choices.choices
        ]
    counts.pop("", None)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = ranked[:LICENCE_FACET_SIZE] + [
        item for item in ranked[LICENCE_FACET_SIZE:] if item[0] in selected
    ]
    values = [FacetValue(value, value, n, value in selected) for value, n in shown]
    return values + [FacetValue(value, value, 0, True) for value in selected - set(counts)]


def _match(filters: CatalogueFilters) -> tuple[list[int], list[Facet]]:
    """The identifiers of the solutions found, in order, and the facets.

    For each facet, how many solutions each value would give with the other filters kept (the
    usual faceted search). Counted here over the rows that match the text: one query whatever
    the filters, and the counting runs at C speed (`Counter`) when no facet is selected.
    """
    tokens = search_alternatives(filters.q)
    rows = _candidates(tokens)
    selected = {facet: set(getattr(filters, facet)) for facet in FACETS}
    # For each selected facet, whether each row passes it (C-speed maps where possible).
    passes = {}
    for facet, (_, multi) in FACETS.items():
        wanted = selected[facet]
        if not wanted:
            continue
        values = map(itemgetter(_ROW[facet]), rows)
        if multi:
            passes[facet] = [not wanted.isdisjoint(value.split()) for value in values]
        else:
            passes[facet] = list(map(wanted.__contains__, values))

    def kept(excluded: str = "") -> list[bool] | None:
        """Whether each row passes every selected facet but `excluded` (None: all rows do)."""
        lists = [flags for facet, flags in passes.items() if facet != excluded]
        if not lists:
            return None
        return lists[0] if len(lists) == 1 else [all(flags) for flags in zip(*lists, strict=True)]

    everywhere = kept()
    found = rows if everywhere is None else list(compress(rows, everywhere))

    facets = []
    for facet, (_, multi) in FACETS.items():
        values = map(itemgetter(_ROW[facet]), rows)
        mask = kept(facet)
        counts = Counter(values if mask is None else compress(values, mask))
        if multi:
            split = Counter()
            for combination, n in counts.items():
                for value in combination.split():
                    split[value] += n
            counts = split
        facets.append(
            Facet(facet, FACET_LABELS[facet], PAGE_PARAMETERS[facet],
                  _facet_values(facet, counts, selected[facet]))
        )  # fmt: skip

    # Names that match first, then the most used, then by name (folded: accents do not count).
    # Stable sorts on plain keys run at C speed.
    name_key, user_count, pk = itemgetter(_ROW["name_key"]), _ROW["user_count"], _ROW["pk"]
    groups = [found]
    if tokens:
        words = [[f" {form}" for form in forms] for forms in tokens]
        hit = [all(any(w in name_key(row) for w in forms) for forms in words) for row in found]
        groups = [
            [row for row, matched in zip(found, hit, strict=True) if matched],
            [row for row, matched in zip(found, hit, strict=True) if not matched],
        ]
    ordered = []
    for group in groups:
        group.sort(key=itemgetter(_ROW["name_key"], pk))
        group.sort(key=itemgetter(user_count), reverse=True)
        ordered += group
    return [row[pk] for row in ordered], facets


def facet_counts(filters: CatalogueFilters) -> list[Facet]:
    return _match(filters)[1]


class CatalogueSearch:
    """A search of the catalogue: its facets, and results that a paginator slices.

    Two queries whatever the size of the catalogue and the filters: the narrow rows that match
    the text (facets, total and order are computed from them), then one page's solutions.
    """

    def __init__(self, filters: CatalogueFilters):
        self.filters = filters
        self.ids, self.facets = _match(filters)
        self.total = len(self.ids)

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        ids = self.ids[window]
        found = Solution.objects.only(*LIST_FIELDS).in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def search_catalogue(filters: CatalogueFilters) -> CatalogueSearch:
    return CatalogueSearch(filters)
