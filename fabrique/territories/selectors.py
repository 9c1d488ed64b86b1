"""Reads on territories: eligibility, search and the figures of the territory pages."""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from fabrique.core.text import search_alternatives, search_tokens

from . import rules
from .models import EPCI, Commune, Departement
from .rules import GENERIC_EMAIL_PROVIDERS

MAX_QUERY_LENGTH = 200

# --- Eligibility to the accompagnement sur-mesure -----------------------------------------


def eligible_communes_q(prefix: str = "") -> Q:
    """Communes under the threshold in force (3,500 inhabitants at first); a commune without a
    known population is not eligible."""
    return Q(**{f"{prefix}population__lt": rules.thresholds().commune})


def eligible_epcis_q(prefix: str = "") -> Q:
    """EPCI under the threshold in force (15,000 inhabitants at first; sum of the municipal
    populations of their communes)."""
    return Q(**{f"{prefix}population__lt": rules.thresholds().epci})


def communes_list(*, eligible: bool | None = None, departement: str = "") -> QuerySet[Commune]:
    queryset = Commune.objects.select_related("departement", "epci").order_by("insee")
    if eligible is not None:
        queryset = (
            queryset.filter(eligible_communes_q())
            if eligible
            else queryset.exclude(eligible_communes_q())
        )
    if departement:
        queryset = queryset.filter(departement__code=departement.upper())
    return queryset


def epcis_list(*, eligible: bool | None = None, departement: str = "") -> QuerySet[EPCI]:
    queryset = EPCI.objects.order_by("siren")
    if eligible is not None:
        queryset = (
            queryset.filter(eligible_epcis_q())
            if eligible
            else queryset.exclude(eligible_epcis_q())
        )
    if departement:
        queryset = queryset.filter(communes__departement__code=departement.upper()).distinct()
    return queryset


def eligible_communes() -> QuerySet[Commune]:
    return communes_list(eligible=True)


def eligible_epcis() -> QuerySet[EPCI]:
    return epcis_list(eligible=True)


# --- Pages --------------------------------------------------------------------------------


def commune_detail(insee: str) -> Commune:
    return get_object_or_404(
        Commune.objects.select_related("departement__region", "epci"), insee=insee.upper()
    )


def epci_detail(siren: str) -> EPCI:
    return get_object_or_404(EPCI, siren=siren)


def epci_members(epci: EPCI) -> QuerySet[Commune]:
    return epci.communes.select_related("departement").order_by(
        F("population").desc(nulls_last=True), "name"
    )


def epci_departements(epci: EPCI) -> QuerySet[Departement]:
    return Departement.objects.filter(communes__epci=epci).distinct().order_by("code")


def departement_detail(code: str) -> Departement:
    return get_object_or_404(Departement.objects.select_related("region"), code=code.upper())


def _generic_email_q() -> Q:
    return reduce(or_, (Q(email__iendswith=f"@{domain}") for domain in GENERIC_EMAIL_PROVIDERS))


def departement_figures(departement: Departement) -> dict:
    """Counts of a département's communes and EPCI, eligible ones, and town-hall email providers."""
    communes = Commune.objects.filter(departement=departement).aggregate(
        communes=Count("pk"),
        eligible_communes=Count("pk", filter=eligible_communes_q()),
        with_email=Count("pk", filter=~Q(email="")),
        generic_email=Count("pk", filter=_generic_email_q()),
        with_website=Count("pk", filter=~Q(website="")),
    )
    epcis = EPCI.objects.filter(communes__departement=departement).aggregate(
        epcis=Count("pk", distinct=True),
        eligible_epcis=Count("pk", distinct=True, filter=eligible_epcis_q()),
    )
    figures = communes | epcis
    total = figures["communes"] or 1
    figures["generic_email_share"] = figures["generic_email"] / total
    figures["with_website_share"] = figures["with_website"] / total
    return figures


def departement_epcis(departement: Departement) -> QuerySet[EPCI]:
    return (
        EPCI.objects.filter(communes__departement=departement)
        .annotate(members_here=Count("communes"))
        .order_by("-population")
    )


# --- Search -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TerritoryHit:
    kind: str  # "commune", "epci" or "departement"
    code: str
    name: str
    departement: str  # the code (the API's field); empty for an EPCI
    population: int | None
    url: str
    exact: bool
    # What the results table shows: the code, or the départements of an EPCI's communes.
    departement_label: str = ""

    @property
    def kind_label(self) -> str:
        return {"commune": "Commune", "epci": "EPCI", "departement": "Département"}[self.kind]


# A code typed alone: one to five digits (a spreadsheet drops the leading zero of « 01004 »),
# a Corsican code or a SIREN.
CODE_QUERY = re.compile(r"^(\d{1,5}|2[ab]|2[ab]\d{3}|\d{9})$")

# kind -> (model, code field, departement field, page prefix)
_SEARCHED = {
    "commune": (Commune, "insee", "departement__code", "/territoires/communes/"),
    "epci": (EPCI, "siren", None, "/territoires/epci/"),
    "departement": (Departement, "code", "code", "/territoires/departements/"),
}


def _epci_departements(queryset: QuerySet) -> QuerySet:
    """The first and last codes of the départements of each EPCI's communes, and how many: in
    the same query (correlated subqueries), not one query per row."""

    def of_members(aggregate):
        members = (
            Commune.objects.filter(epci=OuterRef("pk"))
            .order_by()
            .values("epci")
            .annotate(result=aggregate)
            .values("result")
        )
        return Subquery(members)

    return queryset.annotate(
        departement_first=of_members(Min("departement__code")),
        departement_last=of_members(Max("departement__code")),
        departement_count=of_members(Count("departement", distinct=True)),
    )


def _hits(kind: str, queryset: QuerySet, limit: int) -> list[TerritoryHit]:
    _, code_field, departement_field, prefix = _SEARCHED[kind]
    fields = {code_field, "name", "population", "exact"} | ({departement_field} - {None})
    if kind == "epci":
        queryset = _epci_departements(queryset)
        fields |= {"departement_first", "departement_last", "departement_count"}
    hits = []
    for row in queryset.values(*fields)[:limit]:
        departement = row[departement_field] if departement_field else ""
        label = departement
        if kind == "epci":
            label = rules.departements_text(
                row["departement_first"], row["departement_last"], row["departement_count"] or 0
            )
        hits.append(
            TerritoryHit(
                kind=kind,
                code=row[code_field],
                name=row["name"],
                departement=departement,
                population=row["population"],
                url=f"{prefix}{row[code_field]}/",
                exact=bool(row["exact"]),
                departement_label=label,
            )
        )
    return hits


def _code_hits(code: str) -> list[TerritoryHit]:
    code = rules.territory_code(code)
    kind = {9: "epci", 5: "commune"}.get(len(code), "departement")
    model, code_field, _, _ = _SEARCHED[kind]
    queryset = model.objects.filter(**{code_field: code}).annotate(exact=Value(1))
    return _hits(kind, queryset, 1)


def _name_hits(kind: str, tokens: list[tuple[str, ...]], limit: int) -> list[TerritoryHit]:
    """Rows whose name has every token (one of its forms) at the start of a word: exact names
    first, then largest."""
    queryset = _SEARCHED[kind][0].objects.all()
    for forms in tokens:
        starts = Q()
        for form in forms:
            starts |= Q(search_key__contains=f" {form}")
        queryset = queryset.filter(starts)
    exact = Case(
        When(search_key=" " + " ".join(forms[0] for forms in tokens), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    queryset = queryset.annotate(exact=exact).order_by(
        "-exact", F("population").desc(nulls_last=True), "pk"
    )
    return _hits(kind, queryset, limit)


def search_territories(query: str, limit: int = 20) -> list[TerritoryHit]:
    """Communes, EPCI and départements matching a name, an Insee code or a SIREN.

    Case, accents, hyphens and apostrophes are ignored; "st"/"ste" read as "saint"/"sainte"
    or as the start of a name ("Stains");
    every word typed must start a word of the name. Exact names come first, then the most
    populated. Three queries at most, whatever the size of the reference.
    """
    tokens = search_tokens((query or "")[:MAX_QUERY_LENGTH])
    if not tokens:
        return []
    if len(tokens) == 1 and CODE_QUERY.match(tokens[0]):
        hits = _code_hits(tokens[0])
        if hits:
            return hits
    expanded = rules.expand_epci_kinds(tokens)
    # « st » also starts « Stains » or « Strasbourg » (`search_alternatives`); a query with an
    # EPCI kind (« cc st martin ») is read as before, the abbreviation as its full word.
    forms = (
        [(word,) for word in expanded]
        if expanded != tokens
        else search_alternatives((query or "")[:MAX_QUERY_LENGTH])
    )
    hits = [hit for kind in _SEARCHED for hit in _name_hits(kind, forms, limit)]
    hits.sort(key=lambda hit: (not hit.exact, -(hit.population or 0)))
    return hits[:limit]


def reference_summary() -> dict:
    """Counts shown on the home page: one aggregate query per table."""
    communes = Commune.objects.aggregate(
        communes=Count("pk"), eligible_communes=Count("pk", filter=eligible_communes_q())
    )
    epcis = EPCI.objects.aggregate(
        epcis=Count("pk"), eligible_epcis=Count("pk", filter=eligible_epcis_q())
    )
    return communes | epcis
