"""The national view of the accompagnement sur-mesure, for the team: missions by région and
département, needs by theme, most recommended solutions, days used per mission, deliverables
late. A fixed number of queries whatever the number of missions."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from fabrique.core.queries import sum_subquery
from fabrique.territories.models import Commune, Departement

from .. import rules
from ..models import Candidate, Mission, Need, TimeEntry
from ..vocabulary import FOLLOW_UP_STATUSES, OPEN_STATUSES, MissionStatus, NeedTheme

REQUESTS = (MissionStatus.REQUESTED, MissionStatus.OUT_OF_CRITERIA)


@dataclass
class DepartementRow:
    region: str
    code: str
    name: str
    requested: int
    running: int
    delivered: int
    closed: int

    @property
    def total(self) -> int:
        return self.requested + self.running + self.delivered + self.closed


def _departement_of_mission():
    """A commune's département; an EPCI's: that of its most populated commune."""
    of_epci = (
        Commune.objects.filter(epci=OuterRef("epci"))
        .order_by("-population")
        .values("departement_id")[:1]
    )
    return Coalesce("commune__departement_id", Subquery(of_epci), output_field=IntegerField())


def by_departement() -> list[DepartementRow]:
    """Two queries: the counts by département, then the départements' names."""
    counts = (
        Mission.objects.annotate(dep=_departement_of_mission())
        .values("dep")
        .annotate(
            requested=Count("pk", filter=Q(status__in=REQUESTS)),
            running=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            delivered=Count("pk", filter=Q(status__in=FOLLOW_UP_STATUSES)),
            closed=Count("pk", filter=Q(status=MissionStatus.CLOSED)),
        )
        .order_by()
    )
    counts = {row["dep"]: row for row in counts}
    departements = Departement.objects.filter(pk__in=[pk for pk in counts if pk]).select_related(
        "region"
    )
    rows = [
        DepartementRow(
            departement.region.name,
            departement.code,
            departement.name,
            *(
                counts[departement.pk][key]
                for key in ("requested", "running", "delivered", "closed")
            ),
        )
        for departement in departements
    ]
    return sorted(rows, key=lambda row: (row.region, row.code))


def by_region(rows: list[DepartementRow]) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.region] = totals.get(row.region, 0) + row.total
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def needs_by_theme() -> list[tuple[str, str, int, int]]:
    """(slug, label, needs, missions) for every theme, most frequent first. One query."""
    counts = {
        row["theme"]: row
        for row in Need.objects.values("theme")
        .annotate(needs=Count("pk"), missions=Count("mission", distinct=True))
        .order_by()
    }
    rows = [
        (slug, label, counts.get(slug, {}).get("needs", 0), counts.get(slug, {}).get("missions", 0))
        for slug, label in NeedTheme.choices
    ]
    return sorted(rows, key=lambda row: (-row[2], row[1]))


RECOMMENDED_LIMIT = 20


def most_recommended(limit: int | None = RECOMMENDED_LIMIT) -> list[tuple[str, str, int, int]]:
    """(name, catalogue URL or "", recommendations, missions) of the solutions recommended most
    often across missions, by catalogue solution (or by name for offers outside it). One query."""
    rows = (
        Candidate.objects.filter(recommended=True)
        .values("solution__slug", "name")
        .annotate(times=Count("pk"), missions=Count("need__mission", distinct=True))
        .order_by("-times", "-missions", "name")
    )
    merged: dict[str, list] = {}
    for row in rows:
        key = row["solution__slug"] or row["name"].casefold()
        if key in merged:
            merged[key][2] += row["times"]
            merged[key][3] += row["missions"]
            continue
        url = (
            reverse("catalogue:solution", args=[row["solution__slug"]])
            if row["solution__slug"]
            else ""
        )
        merged[key] = [row["name"], url, row["times"], row["missions"]]
    ranked = sorted(merged.values(), key=lambda row: (-row[2], -row[3], row[0].casefold()))
    return [tuple(row) for row in (ranked[:limit] if limit else ranked)]


def with_days(missions: QuerySet[Mission]) -> QuerySet[Mission]:
    """Missions with `half_days_used` (None without any entry): a correlated sum, computed for
    the rows a sorted, limited page shows only."""
    return missions.annotate(
        half_days_used=sum_subquery(TimeEntry.objects.filter(mission=OuterRef("pk")), "half_days")
    )


@dataclass
class MissionRow:
    mission: Mission
    days: Decimal  # a number in the exports
    late: bool

    @property
    def days_text(self) -> str:
        """« 10,5 »: the days as the page writes them."""
        return rules.days_number(self.days)


def missions_days(today: date | None = None, limit: int | None = None) -> list[MissionRow]:
    """The missions in progress or delivered, the earliest planned end first (so the late ones
    lead), with their days used and whether the deliverable is late (planned end passed, not
    delivered). One query; `limit` for the page, all of them for the exports."""
    today = today or timezone.localdate()
    missions = (
        with_days(Mission.objects.filter(status__in=(*OPEN_STATUSES, *FOLLOW_UP_STATUSES)))
        .select_related("commune", "epci", "consultant")
        .order_by("planned_end", "pk")
    )
    if limit is not None:
        missions = missions[:limit]
    return [
        MissionRow(
            mission,
            rules.days(mission.half_days_used or 0),
            bool(
                mission.status in OPEN_STATUSES
                and mission.planned_end
                and mission.planned_end < today
            ),
        )
        for mission in missions
    ]


def missions_counts(today: date | None = None) -> dict:
    """How many missions are in progress or delivered, and how many deliverables are late."""
    today = today or timezone.localdate()
    return Mission.objects.aggregate(
        followed=Count("pk", filter=Q(status__in=(*OPEN_STATUSES, *FOLLOW_UP_STATUSES))),
        late=Count("pk", filter=Q(status__in=OPEN_STATUSES, planned_end__lt=today)),
    )


# --- Open data: needs by theme and size of collectivité, aggregated -----------------------

SIZE_CLASSES = (
    # (slug, label, kind, lowest population, highest)
    ("commune-moins-500", "commune de moins de 500 habitants", "commune", 0, 499),
    ("commune-500-999", "commune de 500 à 999 habitants", "commune", 500, 999),
    ("commune-1000-3499", "commune de 1 000 à 3 499 habitants", "commune", 1000, 3499),
    ("commune-3500-plus", "commune de 3 500 habitants ou plus", "commune", 3500, None),
    ("epci-moins-5000", "EPCI de moins de 5 000 habitants", "epci", 0, 4999),
    ("epci-5000-14999", "EPCI de 5 000 à 14 999 habitants", "epci", 5000, 14999),
    ("epci-15000-plus", "EPCI de 15 000 habitants ou plus", "epci", 15000, None),
)
OPEN_DATA_FIELDS = [
    ("theme", "string", "Thème du besoin (identifiant du vocabulaire commun au catalogue)"),
    ("theme_libelle", "string", "Thème du besoin, en clair"),
    ("taille", "string", "Classe de taille de la collectivité accompagnée"),
    ("taille_libelle", "string", "Classe de taille, en clair"),
    ("besoins", "integer", "Nombre de besoins relevés (vide sous secret statistique)"),
    ("missions", "integer", "Nombre de missions où ce thème a été relevé (vide sous secret)"),
    ("secret_statistique", "boolean", "Vrai quand moins de 3 missions : les nombres sont tus"),
]


def _size_class(kind: str, population: int) -> str:
    return next(
        slug
        for slug, _label, of_kind, low, high in SIZE_CLASSES
        if of_kind == kind and population >= low and (high is None or population <= high)
    )


def open_data_rows() -> list[dict]:
    """Every theme × size class, with counts (zero included): no name, no code, nothing that
    points at one collectivité — a cell of one or two missions keeps its counts secret
    (`rules.OPEN_DATA_MIN_MISSIONS`). One query."""
    counts: dict[tuple[str, str], list] = {}
    rows = Need.objects.exclude(
        mission__status__in=(MissionStatus.DECLINED, *REQUESTS)
    ).values_list(
        "theme", "mission_id", "mission__commune__population", "mission__epci__population"
    )
    for theme, mission_id, commune_population, epci_population in rows:
        kind = "commune" if commune_population is not None else "epci"
        size = _size_class(kind, commune_population or epci_population or 0)
        cell = counts.setdefault((theme, size), [0, set()])
        cell[0] += 1
        cell[1].add(mission_id)
    labels = dict(NeedTheme.choices)
    rows = []
    for theme in NeedTheme.values:
        for size, size_label, *_ in SIZE_CLASSES:
            needs, missions = counts.get((theme, size), [0, set()])
            secret = rules.open_data_secret(len(missions))
            rows.append(
                {
                    "theme": theme,
                    "theme_libelle": labels[theme],
                    "taille": size,
                    "taille_libelle": size_label,
                    "besoins": None if secret else needs,
                    "missions": None if secret else len(missions),
                    "secret_statistique": secret,
                }
            )
    return rows


def open_data_schema() -> dict:
    """A Table Schema (frictionless) of the file."""
    return {
        "name": "besoins-accompagnement-sur-mesure",
        "title": "Besoins numériques des petites collectivités accompagnées, par thème et taille",
        "fields": [
            {"name": name, "type": kind, "description": description}
            for name, kind, description in OPEN_DATA_FIELDS
        ],
    }
