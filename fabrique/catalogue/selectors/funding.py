"""Reads on funding schemes: the list with its filters, one scheme, and the match of a
collectivité with the open schemes it is eligible for, each with its reasons in French.

Funding schemes, fewer than solutions, are matched on their folded `search_text`
(`LIKE '% mot%'`). The match runs four queries for a page: count, schemes, their perimeters.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fabrique.core.queries import text_query
from fabrique.core.text import search_alternatives
from fabrique.territories.models import Departement, Region

from .. import vocabulary
from ..models import FundingScheme
from ..rules import number
from ..vocabulary import BENEFICIARY_PLURAL, CATEGORY_THEMES, AidType, Category, Theme
from .collectivites import Collectivite


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
    queryset = FundingScheme.objects.filter(text_query(search_alternatives(filters.q)))
    closed = Q(is_closed=True) | Q(deadline__lt=today)
    if filters.state == "ouverts":
        queryset = queryset.exclude(closed)
    elif filters.state == "clos":
        queryset = queryset.filter(closed)
    if filters.aid_type:
        queryset = queryset.filter(vocabulary.has("aid_types", filters.aid_type))
    if filters.beneficiary:
        queryset = queryset.filter(vocabulary.has("beneficiaries", filters.beneficiary))
    if filters.theme:
        queryset = queryset.filter(vocabulary.has("themes", filters.theme))
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
    queryset = open_schemes(today).filter(vocabulary.has("beneficiaries", collectivite.beneficiary))
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
        queryset = queryset.filter(vocabulary.has_any("themes", wanted))
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
    themes = vocabulary.decode(scheme.themes)
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
    reasons.append(f"type : {_lower_labels(vocabulary.decode(scheme.aid_types), AidType)}")
    if scheme.deadline:
        reasons.append(f"clôture le {scheme.deadline:%d/%m/%Y}")
    else:
        reasons.append("sans date de clôture")
    if scheme.is_call_for_projects:
        reasons.append("sur appel à projets")
    return reasons
