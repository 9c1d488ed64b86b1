"""Reads on the catalogue: search with facets, a solution's users, "near you", funding match.

Every function runs a fixed number of SQL queries whatever the size of the catalogue. Search is
accent-insensitive: each solution's folded words are stored in an inverted index (`SolutionWord`)
and every word typed must start one of them, looked up as a range of that indexed column (the
same on SQLite and PostgreSQL). Facets, total and order are computed from the narrow rows that
match the text, read in one query from a covering index (see `_match`; measured by
`bench/catalogue.py` at 5,000 solutions). Funding schemes, fewer, are matched on their folded
`search_text` (`LIKE '% mot%'`).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import compress
from operator import itemgetter

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fabrique.core.text import fold, search_tokens
from fabrique.territories.models import EPCI, Commune, Departement, Region
from fabrique.territories.selectors import search_territories

from . import tags
from .models import (
    FundingScheme,
    Operator,
    Solution,
    SolutionSuggestion,
    SolutionUse,
    SolutionWord,
)
from .rules import number
from .vocabulary import (
    BENEFICIARY_PLURAL,
    CATEGORY_THEMES,
    AidType,
    Beneficiary,
    Category,
    CostModel,
    Hosting,
    Origin,
    Theme,
)

MAX_QUERY_LENGTH = 200
LICENCE_FACET_SIZE = 12
USERS_PER_DEPARTEMENT = 30
NEAR_LIMIT = 15
NEAR_EXAMPLES = 5
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


# --- Search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    categories: tuple[str, ...] = ()
    origin: tuple[str, ...] = ()
    cost_model: tuple[str, ...] = ()
    hosting: tuple[str, ...] = ()
    licence: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params) -> "CatalogueFilters":
        """Read `?q=&categorie=&origine=&cout=&hebergement=&licence=` (or the API's English
        names); unknown values are dropped."""
        values = {}
        for facet, (choices, _) in FACETS.items():
            names = {facet, *PARAMETER_NAMES[facet]}
            raw = [value for name in names for value in params.getlist(name)]
            if choices is not None:
                raw = [value for value in raw if value in choices.values]
            else:
                raw = [value[:200] for value in raw if value]
            values[facet] = tuple(dict.fromkeys(raw))
        return cls(q=(params.get("q") or "")[:MAX_QUERY_LENGTH].strip(), **values)

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
# The names the pages use (the API uses the facet names themselves).
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
        return tags.has_any(facet, values)
    return Q(**{f"{facet}__in": values})


def _text_q(tokens: list[str], column: str = "search_text") -> Q:
    query = Q()
    for token in tokens:
        query &= Q(**{f"{column}__contains": f" {token}"})
    return query


_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"  # folded words are made of these


def _prefix_q(token: str) -> Q:
    """Words that start with `token`, as a range of the indexed column: `>= 'carto' AND <
    'cartp'`. The bound is computed in the folded alphabet (digits before letters), which every
    collation orders the same way, so it works on SQLite and PostgreSQL alike."""
    query = Q(word__gte=token)
    stem = token.rstrip("z")
    if stem:
        following = _ALPHABET[_ALPHABET.index(stem[-1]) + 1] if stem[-1] in _ALPHABET else None
        if following:
            query &= Q(word__lt=stem[:-1] + following)
    return query


def _words_q(tokens: list[str]) -> Q:
    """Solutions with, for every token, a word that starts with it (the inverted index)."""
    query = Q()
    for token in tokens:
        words = SolutionWord.objects.filter(_prefix_q(token)).values("solution_id")
        query &= Q(pk__in=words)
    return query


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


def _candidates(tokens: list[str]) -> list[tuple]:
    """The solutions that match the text, as narrow rows read from the covering index: one
    query, the inverted index looked up once."""
    return list(
        Solution.objects.filter(_words_q(tokens)).values_list(
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
    tokens = search_tokens(filters.q)
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
        words = [f" {token}" for token in tokens]
        hit = [all(word in name_key(row) for word in words) for row in found]
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


# --- A solution -----------------------------------------------------------------------------


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


# --- Near you -------------------------------------------------------------------------------


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


# --- Operators ------------------------------------------------------------------------------


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


# --- Funding --------------------------------------------------------------------------------


def open_schemes(today: date | None = None) -> QuerySet[FundingScheme]:
    today = today or timezone.localdate()
    return FundingScheme.objects.filter(is_closed=False).filter(
        Q(deadline__isnull=True) | Q(deadline__gte=today)
    )


@dataclass(frozen=True)
class SchemeFilters:
    q: str = ""
    state: str = "ouverts"  # ouverts, clos, tous
    aid_type: str = ""
    beneficiary: str = ""
    theme: str = ""


SCHEME_STATES = {"ouverts": "Ouverts", "clos": "Clos", "tous": "Tous"}


def schemes_list(filters: SchemeFilters, today: date | None = None) -> QuerySet[FundingScheme]:
    today = today or timezone.localdate()
    queryset = FundingScheme.objects.filter(_text_q(search_tokens(filters.q)))
    closed = Q(is_closed=True) | Q(deadline__lt=today)
    if filters.state == "ouverts":
        queryset = queryset.exclude(closed)
    elif filters.state == "clos":
        queryset = queryset.filter(closed)
    if filters.aid_type:
        queryset = queryset.filter(tags.has("aid_types", filters.aid_type))
    if filters.beneficiary:
        queryset = queryset.filter(tags.has("beneficiaries", filters.beneficiary))
    if filters.theme:
        queryset = queryset.filter(tags.has("themes", filters.theme))
    return queryset.defer("search_text", "description").order_by(
        F("deadline").asc(nulls_last=True), "name"
    )


def scheme_detail(slug: str) -> FundingScheme:
    return get_object_or_404(
        FundingScheme.objects.prefetch_related(
            Prefetch("departements", queryset=Departement.objects.order_by("code")),
            Prefetch("regions", queryset=Region.objects.order_by("name")),
        ),
        slug=slug,
    )


@dataclass(frozen=True)
class Collectivite:
    """What the funding match needs to know about a collectivité."""

    kind: str  # commune, epci, departement, region
    code: str
    name: str
    population: int | None
    departement_ids: frozenset[int]
    region_ids: frozenset[int]
    territory: object

    @property
    def beneficiary(self) -> str:
        return {
            "commune": Beneficiary.COMMUNE,
            "epci": Beneficiary.EPCI,
            "departement": Beneficiary.DEPARTEMENT,
            "region": Beneficiary.REGION,
        }[self.kind].value

    @property
    def kind_label(self) -> str:
        return {"commune": "Commune", "epci": "EPCI", "departement": "Département",
                "region": "Région"}[self.kind]  # fmt: skip

    @property
    def url(self) -> str:
        return self.territory.get_absolute_url() if self.kind != "region" else ""


def collectivite_from(territory) -> Collectivite:
    if isinstance(territory, Commune):
        departement = territory.departement
        return Collectivite("commune", territory.insee, territory.name, territory.population,
                            frozenset({departement.pk}), frozenset({departement.region_id}),
                            territory)  # fmt: skip
    if isinstance(territory, EPCI):
        rows = list(
            Departement.objects.filter(communes__epci=territory)
            .values_list("pk", "region_id")
            .distinct()
        )
        return Collectivite("epci", territory.siren, territory.name, territory.population,
                            frozenset(pk for pk, _ in rows),
                            frozenset(region for _, region in rows), territory)  # fmt: skip
    if isinstance(territory, Departement):
        return Collectivite("departement", territory.code, territory.name, territory.population,
                            frozenset({territory.pk}), frozenset({territory.region_id}),
                            territory)  # fmt: skip
    if isinstance(territory, Region):
        return Collectivite("region", territory.code, territory.name, None, frozenset(),
                            frozenset({territory.pk}), territory)  # fmt: skip
    raise TypeError(f"Not a collectivité: {territory!r}")


def collectivite_by_code(kind: str, code: str) -> Collectivite:
    """The collectivité with this natural code, or Http404 (with a French message)."""
    code = (code or "").strip().upper()
    lookups = {
        "commune": (Commune.objects.select_related("departement"), "insee", "code Insee"),
        "epci": (EPCI.objects.all(), "siren", "SIREN"),
        "departement": (Departement.objects.all(), "code", "code"),
        "region": (Region.objects.all(), "code", "code"),
    }
    queryset, field_name, label = lookups[kind]
    territory = queryset.filter(**{field_name: code}).first()
    if territory is None:
        article = {"commune": "Aucune commune", "epci": "Aucun EPCI",
                   "departement": "Aucun département", "region": "Aucune région"}[kind]  # fmt: skip
        raise Http404(f"{article} ne porte le {label} « {code} ».")
    return collectivite_from(territory)


def resolve_collectivite(text: str) -> Collectivite | None:
    """A collectivité typed in a form: a code Insee, a SIREN, a département code or a name
    (the best match of the territory search)."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return None
    hits = search_territories(text, limit=1)
    if not hits:
        return None
    hit = hits[0]
    try:
        return collectivite_by_code(hit.kind, hit.code)
    except Http404:
        return None


@dataclass
class FundingMatch:
    scheme: FundingScheme
    reasons: list[str]


def _wanted_themes(categories) -> set[str]:
    wanted = {theme.value for category in categories for theme in CATEGORY_THEMES[category]}
    return wanted | {Theme.GENERAL.value} if wanted else set()


class FundingMatches:
    """The schemes a collectivité is eligible for, in order, sliced by a paginator: a count, then
    only the schemes of the page are read, with their perimeter, and given their reasons."""

    def __init__(self, queryset: QuerySet, collectivite: Collectivite, wanted: set[str]):
        self._queryset, self.collectivite, self._wanted = queryset, collectivite, wanted
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        schemes = self._queryset[window].prefetch_related(
            Prefetch("departements", queryset=Departement.objects.order_by("code")),
            Prefetch("regions", queryset=Region.objects.order_by("name")),
        )
        return [
            FundingMatch(scheme, funding_reasons(scheme, self.collectivite, self._wanted))
            for scheme in schemes
        ]

    def __iter__(self):
        return iter(self[:])


def funding_for(
    collectivite: Collectivite, *, categories=(), today: date | None = None
) -> FundingMatches:
    """The open schemes a collectivité is eligible for, for one or more needs (categories),
    each with its reasons: beneficiary kind, population, theme, perimeter, aid types, deadline.

    Eligible: open (not closed, deadline not passed), the collectivité's kind among the
    beneficiaries, its population within the bounds (unknown population: only schemes without
    condition), the perimeter national or covering it, and a theme that serves the need (or a
    general-purpose scheme). Four queries for a page: count, schemes, their perimeters.
    """
    today = today or timezone.localdate()
    categories = [value for value in categories if value in Category.values]
    queryset = open_schemes(today).filter(tags.has("beneficiaries", collectivite.beneficiary))
    population = collectivite.population
    if population is None:
        queryset = queryset.filter(population_min__isnull=True, population_max__isnull=True)
    else:
        queryset = queryset.filter(
            Q(population_min__isnull=True) | Q(population_min__lte=population),
            Q(population_max__isnull=True) | Q(population_max__gte=population),
        )
    by_departement = FundingScheme.departements.through.objects.filter(
        fundingscheme_id=OuterRef("pk")
    )
    by_region = FundingScheme.regions.through.objects.filter(fundingscheme_id=OuterRef("pk"))
    queryset = queryset.filter(
        (~Exists(by_departement) & ~Exists(by_region))
        | Exists(by_departement.filter(departement_id__in=collectivite.departement_ids))
        | Exists(by_region.filter(region_id__in=collectivite.region_ids))
    )
    wanted = _wanted_themes(categories)
    if wanted:
        queryset = queryset.filter(tags.has_any("themes", wanted))
    queryset = queryset.defer("search_text", "description").order_by(
        F("deadline").asc(nulls_last=True), "name", "pk"
    )
    return FundingMatches(queryset, collectivite, wanted)


def _lower_labels(values: list[str], choices) -> str:
    names = dict(choices.choices)
    return ", ".join(names[value].lower() if value in names else value for value in values)


def funding_reasons(scheme: FundingScheme, collectivite: Collectivite, wanted: set[str]):
    """Why a collectivité is eligible to a scheme, in French, one short phrase per criterion."""
    reasons = [f"ouvert aux {BENEFICIARY_PLURAL[collectivite.beneficiary]}"]
    low, high, population = scheme.population_min, scheme.population_max, collectivite.population
    if low is None and high is None:
        reasons.append("sans condition de population")
    elif low is not None and high is not None:
        reasons.append(f"population {number(low)} ≤ {number(population)} ≤ {number(high)}")
    elif high is not None:
        reasons.append(f"population {number(population)} ≤ {number(high)}")
    else:
        reasons.append(f"population {number(population)} ≥ {number(low)}")
    themes = tags.decode(scheme.themes)
    if wanted:
        matched = [theme for theme in themes if theme in wanted and theme != Theme.GENERAL]
        if matched:
            reasons.append(f"thème : {_lower_labels(matched, Theme)}")
        else:
            reasons.append("aide généraliste : tous projets")
    elif themes:
        reasons.append(f"thème : {_lower_labels(themes, Theme)}")
    departements = [
        d for d in scheme.departements.all() if d.pk in collectivite.departement_ids
    ]  # prefetched
    regions = [r for r in scheme.regions.all() if r.pk in collectivite.region_ids]
    if departements:
        reasons.append("périmètre : " + ", ".join(f"{d.name} ({d.code})" for d in departements))
    elif regions:
        reasons.append("périmètre : " + ", ".join(region.name for region in regions))
    else:
        reasons.append("aide nationale")
    reasons.append(f"type : {_lower_labels(tags.decode(scheme.aid_types), AidType)}")
    if scheme.deadline:
        reasons.append(f"clôture le {scheme.deadline:%d/%m/%Y}")
    else:
        reasons.append("sans date de clôture")
    if scheme.is_call_for_projects:
        reasons.append("sur appel à projets")
    return reasons


# --- Suggestions ----------------------------------------------------------------------------


def suggestions_for(user, *, staff: bool) -> QuerySet[SolutionSuggestion]:
    queryset = SolutionSuggestion.objects.select_related("submitted_by", "solution")
    if not staff:
        queryset = queryset.filter(submitted_by=user)
    pending_first = Case(
        When(status="en-attente", then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return queryset.annotate(pending_first=pending_first).order_by(
        "pending_first", "-submitted_at", "-pk"
    )


# --- Open data ------------------------------------------------------------------------------


def export_solutions():
    """Every solution as a flat row: the public catalogue as open data."""
    queryset = (
        Solution.objects.select_related("project")
        .prefetch_related(
            Prefetch("similar", queryset=Solution.objects.only("pk", "slug")),
            Prefetch("operators", queryset=Operator.objects.only("pk", "slug")),
        )
        .order_by("slug")
    )
    for solution in queryset:
        yield {
            "identifiant": solution.slug,
            "nom": solution.name,
            "origine": solution.origin,
            "resume": solution.summary,
            "description": solution.description,
            "categories": solution.category_list,
            "licence": solution.licence,
            "site": solution.website,
            "code_source": solution.repository_url,
            "modele_de_cout": solution.cost_model,
            "cout_annuel_indicatif": (
                float(solution.yearly_cost) if solution.yearly_cost is not None else None
            ),
            "hebergement": solution.hosting_list,
            "maturite": solution.maturity,
            "projet": solution.project.slug if solution.project else "",
            "similaires": sorted(other.slug for other in solution.similar.all()),
            "operateurs": sorted(operator.slug for operator in solution.operators.all()),
            "collectivites_utilisatrices": solution.user_count,
        }


def export_uses():
    """Who uses what: one row per (solution, collectivité), streamed."""
    rows = (
        SolutionUse.objects.order_by("solution__slug", "pk")
        .values_list(
            "solution__slug",
            "commune__insee",
            "commune__name",
            "epci__siren",
            "epci__name",
            "departement__code",
            "departement__name",
            "region__code",
            "region__name",
            "since",
        )
        .iterator(chunk_size=5000)
    )
    for slug, insee, commune, siren, epci, dep_code, dep, reg_code, reg, since in rows:
        kind, code, name = (
            ("commune", insee, commune) if insee else
            ("epci", siren, epci) if siren else
            ("departement", dep_code, dep) if dep_code else
            ("region", reg_code, reg)
        )  # fmt: skip
        yield {
            "solution": slug,
            "type": kind,
            "code": code,
            "nom": name,
            "depuis": since.isoformat() if since else "",
        }


def export_schemes(today: date | None = None):
    today = today or timezone.localdate()
    queryset = FundingScheme.objects.prefetch_related(
        Prefetch("departements", queryset=Departement.objects.order_by("code")),
        Prefetch("regions", queryset=Region.objects.order_by("code")),
    ).order_by("slug")
    for scheme in queryset:
        yield {
            "identifiant": scheme.slug,
            "nom": scheme.name,
            "lien": scheme.url,
            "financeurs": scheme.funder_list,
            "types_d_aide": tags.decode(scheme.aid_types),
            "beneficiaires": tags.decode(scheme.beneficiaries),
            "population_min": scheme.population_min,
            "population_max": scheme.population_max,
            "themes": tags.decode(scheme.themes),
            "recurrence": scheme.recurrence,
            "appel_a_projets": scheme.is_call_for_projects,
            "date_cloture": scheme.deadline.isoformat() if scheme.deadline else "",
            "ouvert": scheme.is_open(today),
            "departements": [d.code for d in scheme.departements.all()],
            "regions": [r.code for r in scheme.regions.all()],
        }


def export_operators():
    for operator in operators_list():
        yield {
            "identifiant": operator.slug,
            "nom": operator.name,
            "statut": operator.status,
            "site": operator.website,
            "siret": operator.siret,
            "departements": [d.code for d in operator.departements.all()],
            "solutions": sorted(solution.slug for solution in operator.solutions.all()),
        }


def format_population(value: int | None) -> str:
    return number(value) if value is not None else "inconnue"
