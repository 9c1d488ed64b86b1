"""The pre-diagnostic of a mission, computed from real data before any visit: the
collectivité and its EPCI, département and région, the town hall's digital presence, the OPSN
of the département, solutions used nearby, funding it is eligible for, and similar items of
the synergy engine (other missions' needs included, not its own). A read: the service
`prediagnostic_refresh` keeps it as the mission's dated snapshot."""

from fabrique.catalogue.selectors.collectivites import collectivite_from
from fabrique.catalogue.selectors.funding import funding_for
from fabrique.catalogue.selectors.nearby import near_epci, near_you
from fabrique.catalogue.selectors.operators import operators_for_departement
from fabrique.synergies import selectors as synergy_selectors
from fabrique.synergies.access import similar_kinds
from fabrique.synergies.vocabulary import EXTRA_KINDS, ItemKind, item_key, known_kinds

from ..models import Mission
from ..vocabulary import NEED_KIND
from .benchmark import departement_of

PREDIAGNOSTIC_LIMIT = 8


def _territory(value) -> dict | None:
    if value is None:
        return None
    return {"code": value.code, "name": value.name}


def prediagnostic_data(mission: Mission) -> dict:
    """The figures of the pre-diagnostic, computed from the territories, the catalogue and the
    synergy engine (nothing typed)."""
    commune = mission.commune
    territory = commune or mission.epci
    departement = departement_of(mission)
    # The EPCI a commune belongs to; an EPCI's own mission names it once, as the collectivité.
    epci = commune.epci if commune else None
    data = {
        "collectivite": {
            "kind": "commune" if commune else "epci",
            "code": mission.collectivite_code,
            "name": territory.name,
            "population": territory.population,
        },
        "epci": {"siren": epci.siren, "name": epci.name, "population": epci.population}
        if epci
        else None,
        "departement": _territory(departement),
        "region": _territory(departement.region) if departement else None,
        "digital_presence": None,
        "operators": [],
        "nearby": [],
        "funding": [],
        "similar": [],
    }
    if commune:
        presence = commune.digital_presence
        data["digital_presence"] = {
            "website": presence.website,
            "email": presence.email,
            "email_domain": presence.email_domain,
            "email_is_generic": presence.email_is_generic,
            "email_matches_website": presence.email_matches_website,
        }
    # Solutions used nearby: one rule for a commune and for an EPCI (catalogue's `near_you`).
    if commune:
        nearby = near_you(commune, limit=PREDIAGNOSTIC_LIMIT)
    else:
        nearby = near_epci(
            mission.epci, departement.pk if departement else None, limit=PREDIAGNOSTIC_LIMIT
        )
    data["nearby"] = [
        {"name": item.solution.name, "slug": item.solution.slug, "count": item.count,
         "scope": scope, "used_here": item.used_here}
        for scope, items in (("epci", nearby.epci), ("departement", nearby.departement))
        for item in items
    ]  # fmt: skip
    if departement:
        data["operators"] = [
            {"name": operator.name, "slug": operator.slug, "website": operator.website}
            for operator in operators_for_departement(departement.pk)
        ]
    data["funding"] = [
        {"name": match.scheme.name, "slug": match.scheme.slug, "reasons": list(match.reasons)}
        for match in funding_for(collectivite_from(territory))[:PREDIAGNOSTIC_LIMIT]
    ]
    own = {item_key(NEED_KIND, pk) for pk in mission.needs.values_list("pk", flat=True)}
    text = "\n".join([mission.hopes, *mission.needs.values_list("title", flat=True)])
    matches = synergy_selectors.similar_to_text(
        text, kinds=sorted(known_kinds()), limit=PREDIAGNOSTIC_LIMIT + len(own)
    )
    data["similar"] = [
        {"label": match.label, "url": match.url, "kind": match.kind, "place": match.place}
        for match in matches
        if match.key not in own
    ][:PREDIAGNOSTIC_LIMIT]
    return data


def visible_similar(similar: list[dict], user) -> list[dict]:
    """The similar items of a snapshot a viewer may see: other missions' needs (and other
    non-public kinds) are the team's only, as everywhere in the synergy engine; the snapshot
    itself keeps them all."""
    allowed = similar_kinds(user)
    return [match for match in similar if match.get("kind") in allowed]


def similar_for_viewer(prediagnostic, user) -> list[dict]:
    """`visible_similar` of a mission's snapshot, each item with its kind in French."""
    if prediagnostic is None:
        return []
    labels = {**dict(ItemKind.choices), **EXTRA_KINDS}
    return [
        {**match, "kind_label": labels.get(match.get("kind"), "")}
        for match in visible_similar(prediagnostic.data.get("similar", []), user)
    ]
