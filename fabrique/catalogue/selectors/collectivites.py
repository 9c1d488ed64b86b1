"""The collectivité a funding match is for: a commune, an EPCI, a département or a région, read
by its natural code (code Insee, SIREN, code) or typed in a form, with what the match needs to
know of it (kind, population, the départements and régions it lies in)."""

from dataclasses import dataclass

from django.http import Http404

from fabrique.territories.models import EPCI, Commune, Departement, Region
from fabrique.territories.rules import territory_code

from ..rules import number
from ..vocabulary import Beneficiary


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
    code = territory_code(code)
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


def format_population(value: int | None) -> str:
    return number(value) if value is not None else "inconnue"
