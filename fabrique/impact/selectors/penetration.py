"""Reads on deployment and market penetration: which collectivités a service targets, which
use it, in number and in population, in total and per département. SQL aggregates on the
reference territories, a fixed number of queries whatever the size of the target."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from fabrique.portfolio.models import Project
from fabrique.territories.models import EPCI, Commune

from .. import rules
from ..models import Deployment, DeploymentTarget
from ..vocabulary import TargetKind


def target_territories(target: DeploymentTarget, departement_ids=None) -> QuerySet:
    """The communes or EPCI a target covers (population strictly under the threshold)."""
    if departement_ids is None:
        departement_ids = list(target.departements.values_list("pk", flat=True))
    if target.kind == TargetKind.EPCI:
        queryset = EPCI.objects.all()
        if target.max_population is not None:
            queryset = queryset.filter(population__lt=target.max_population)
        if departement_ids:
            members = Commune.objects.filter(departement_id__in=departement_ids)
            queryset = queryset.filter(pk__in=members.values("epci_id"))
        if target.region_id:
            members = Commune.objects.filter(departement__region_id=target.region_id)
            queryset = queryset.filter(pk__in=members.values("epci_id"))
        return queryset
    queryset = Commune.objects.all()
    if target.max_population is not None:
        queryset = queryset.filter(population__lt=target.max_population)
    if departement_ids:
        queryset = queryset.filter(departement_id__in=departement_ids)
    if target.region_id:
        queryset = queryset.filter(departement__region_id=target.region_id)
    return queryset


def target_description(target: DeploymentTarget | None, departements=None) -> str:
    if target is None:
        return "Aucune cible déclarée."
    noun = "Les communes" if target.kind == TargetKind.COMMUNES else "Les EPCI"
    parts = [noun]
    if target.max_population is not None:
        parts.append(f"de moins de {rules.format_number(target.max_population)} habitant·es")
    if departements is None:
        departements = list(target.departements.all())
    if departements:
        names = ", ".join(f"{d.name} ({d.code})" for d in departements)
        parts.append(("du département " if len(departements) == 1 else "des départements ") + names)
    if target.region_id:
        parts.append(f"de la région {target.region.name}")
    return " ".join(parts) + "."


def deployed_in_target(project: Project, target: DeploymentTarget, departement_ids=None):
    """The deployments of a project that fall in its target."""
    field = "epci" if target.kind == TargetKind.EPCI else "commune"
    territories = target_territories(target, departement_ids)
    return Deployment.objects.filter(project=project, **{f"{field}__in": territories.values("pk")})


@dataclass
class DepartementRow:
    code: str
    name: str
    target_count: int | None
    target_population: int | None
    users: int
    users_population: int

    @property
    def percent(self) -> Decimal | None:
        return rules.penetration(self.users, self.target_count) if self.target_count else None

    @property
    def population_percent(self) -> Decimal | None:
        if not self.target_population:
            return None
        return rules.penetration(self.users_population, self.target_population)


@dataclass
class PenetrationFigures:
    target: DeploymentTarget | None
    description: str
    target_count: int | None = None
    target_population: int | None = None
    users: int = 0
    users_population: int = 0
    deployments: int = 0
    rows: list[DepartementRow] = field(default_factory=list)
    outside: list[Deployment] = field(default_factory=list)

    @property
    def percent(self) -> Decimal | None:
        return rules.penetration(self.users, self.target_count) if self.target_count else None

    @property
    def population_percent(self) -> Decimal | None:
        if not self.target_population:
            return None
        return rules.penetration(self.users_population, self.target_population)


def _int(value) -> int:
    return int(value or 0)


def project_target(project: Project) -> DeploymentTarget | None:
    """The target of a project, with its region and départements (two queries)."""
    return (
        DeploymentTarget.objects.select_related("region")
        .prefetch_related("departements")
        .filter(project=project)
        .first()
    )


_READ = object()


def penetration_figures(project: Project, target=_READ) -> PenetrationFigures:
    """Target and users, in number of collectivités and population, in total and per
    département: SQL aggregates on the reference territories (six queries at most). A caller
    that has read the target already (`project_target`) passes it, None included."""
    if target is _READ:
        target = project_target(project)
    deployments = Deployment.objects.filter(project=project)
    if target is None:
        return _figures_without_target(project, deployments)
    departements = list(target.departements.all())
    departement_ids = [d.pk for d in departements]
    territories = target_territories(target, departement_ids)
    description = target_description(target, departements)
    if target.kind == TargetKind.COMMUNES:
        deployed = deployments.filter(commune__isnull=False).values("commune_id")
        per_departement = territories.values("departement__code", "departement__name").annotate(
            target_count=Count("pk"),
            target_population=Sum("population"),
            users=Count("pk", filter=Q(pk__in=deployed)),
            users_population=Sum("population", filter=Q(pk__in=deployed)),
        )
        outside = deployments.exclude(commune__in=territories.values("pk"))
    else:
        deployed = deployments.filter(epci__isnull=False).values("epci_id")
        per_departement = (
            Commune.objects.filter(epci__in=territories.values("pk"))
            .values("departement__code", "departement__name")
            .annotate(
                target_count=Count("epci", distinct=True),
                target_population=Sum("population"),
                users=Count("epci", distinct=True, filter=Q(epci__in=deployed)),
                users_population=Sum("population", filter=Q(epci__in=deployed)),
            )
        )
        outside = deployments.exclude(epci__in=territories.values("pk"))
    totals = territories.aggregate(
        target_count=Count("pk"),
        target_population=Sum("population"),
        users=Count("pk", filter=Q(pk__in=deployed)),
        users_population=Sum("population", filter=Q(pk__in=deployed)),
    )
    rows = [
        DepartementRow(
            code=row["departement__code"],
            name=row["departement__name"],
            target_count=row["target_count"],
            target_population=_int(row["target_population"]),
            users=row["users"],
            users_population=_int(row["users_population"]),
        )
        for row in per_departement.order_by("departement__code")
    ]
    return PenetrationFigures(
        target=target,
        description=description,
        target_count=totals["target_count"],
        target_population=_int(totals["target_population"]),
        users=totals["users"],
        users_population=_int(totals["users_population"]),
        deployments=deployments.count(),
        rows=rows,
        outside=list(outside.select_related("commune", "epci")),
    )


def _figures_without_target(project, deployments) -> PenetrationFigures:
    """Without a target, the table counts the collectivités that use the service."""
    communes = (
        deployments.filter(commune__isnull=False)
        .values("commune__departement__code", "commune__departement__name")
        .annotate(users=Count("pk"), users_population=Sum("commune__population"))
    )
    by_code: dict[str, DepartementRow] = {}
    for row in communes:
        by_code[row["commune__departement__code"]] = DepartementRow(
            code=row["commune__departement__code"],
            name=row["commune__departement__name"],
            target_count=None,
            target_population=None,
            users=row["users"],
            users_population=_int(row["users_population"]),
        )
    epcis = (
        Commune.objects.filter(epci__in=deployments.filter(epci__isnull=False).values("epci_id"))
        .values("departement__code", "departement__name")
        .annotate(users=Count("epci", distinct=True), users_population=Sum("population"))
    )
    for row in epcis:
        current = by_code.setdefault(
            row["departement__code"],
            DepartementRow(row["departement__code"], row["departement__name"], None, None, 0, 0),
        )
        current.users += row["users"]
        current.users_population += _int(row["users_population"])
    rows = sorted(by_code.values(), key=lambda row: row.code)
    # An EPCI astride two départements is a user in each row, and one user in the total.
    counts = deployments.aggregate(
        total=Count("pk"), communes=Count("commune"), epcis=Count("epci")
    )
    return PenetrationFigures(
        target=None,
        description=target_description(None),
        users=counts["communes"] + counts["epcis"],
        users_population=sum(row.users_population for row in rows),
        deployments=counts["total"],
        rows=rows,
    )


def project_deployments(project: Project) -> QuerySet[Deployment]:
    return project.deployments.select_related("commune__departement", "epci").order_by(
        "since", "pk"
    )
