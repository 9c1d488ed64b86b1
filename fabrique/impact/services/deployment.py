"""Writes on deployment: the target, the collectivités that use the service, and the market
penetration series computed from them."""

from bisect import bisect_right
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from fabrique.portfolio.models import Project
from fabrique.territories.models import EPCI, Commune

from .. import rules
from ..models import Deployment, DeploymentTarget, Indicator, Measurement
from ..selectors.penetration import deployed_in_target, target_territories
from ..vocabulary import Computation, Source, TargetKind
from .measurements import BATCH, refresh_latest


@transaction.atomic
def deployment_target_save(
    *,
    project: Project,
    kind: str,
    max_population: int | None = None,
    departements=(),
    region=None,
    today: date | None = None,
) -> DeploymentTarget:
    errors = {}
    if kind not in TargetKind.values:
        errors["kind"] = f"Type de cible inconnu « {kind} »."
    departements = list(departements or ())
    if region is not None and departements:
        outside = [d for d in departements if d.region_id != region.pk]
        if len(outside) == len(departements):
            errors["departements"] = (
                f"Aucun des départements choisis n'est dans la région {region.name}."
            )
    if max_population is not None and max_population <= 0:
        errors["max_population"] = "Le seuil de population doit être positif."
    if errors:
        raise ValidationError(errors)
    target, _ = DeploymentTarget.objects.update_or_create(
        project=project,
        defaults={"kind": kind, "max_population": max_population, "region": region},
    )
    target.departements.set(departements)
    penetration_refresh(project=project, today=today)
    return target


@transaction.atomic
def deployment_add(
    *, project: Project, territory, since: date, today: date | None = None
) -> Deployment:
    """Record that a commune or an EPCI uses the service since a date."""
    today = today or timezone.localdate()
    if not isinstance(territory, Commune | EPCI):
        raise ValidationError({"territory": "Seules une commune ou un EPCI peuvent être déclarés."})
    errors = {}
    problem = _since_problem(since, today)
    if problem:
        errors["since"] = problem
    field_name = Deployment.field_for(territory)
    if Deployment.objects.filter(project=project, **{field_name: territory}).exists():
        errors["territory"] = f"{territory} utilise déjà le service."
    if errors:
        raise ValidationError(errors)
    deployment = Deployment.objects.create(project=project, since=since, **{field_name: territory})
    penetration_refresh(project=project, today=today)
    return deployment


@transaction.atomic
def deployment_save(
    *, deployment: Deployment, since: date, today: date | None = None
) -> Deployment:
    """Correct the date since which a collectivité uses the service (same rule as when it was
    declared: not in the future, not before 2000); the penetration is recomputed."""
    today = today or timezone.localdate()
    if problem := _since_problem(since, today):
        raise ValidationError({"since": problem})
    deployment.since = since
    deployment.save(update_fields=["since"])
    penetration_refresh(project=deployment.project, today=today)
    return deployment


@transaction.atomic
def deployment_remove(*, deployment: Deployment, today: date | None = None) -> None:
    project = deployment.project
    deployment.delete()
    penetration_refresh(project=project, today=today)


def _since_problem(since: date, today: date) -> str | None:
    if since > today:
        return "La date d'adoption ne peut pas être dans le futur."
    if since < rules.EARLIEST_DATE:
        return f"Date hors de toute période plausible (pas avant {rules.EARLIEST_DATE:%Y})."
    return None


@transaction.atomic
def deployments_add(*, project: Project, territories, since: date, today: date | None = None):
    """Several communes or EPCI that use the service since the same date (the form): those
    already declared are left as they are; one recomputation of the penetration. Returns how
    many were added."""
    today = today or timezone.localdate()
    problem = _since_problem(since, today)
    if problem:
        raise ValidationError({"since": problem})
    others = [t for t in territories if not isinstance(t, Commune | EPCI)]
    if others:
        raise ValidationError(
            {"territory": "Seules des communes ou des EPCI peuvent être déclarés."}
        )
    return deployments_add_many(
        project=project, entries=[(t, since) for t in territories], today=today
    )


def deployments_add_many(*, project: Project, entries, today: date | None = None) -> int:
    """Many collectivités at once (demo, scripts): [(territory, since)], those already declared
    skipped, one recomputation of the penetration at the end. Returns how many were added."""
    today = today or timezone.localdate()
    with transaction.atomic():
        existing = Deployment.objects.filter(project=project)
        communes = set(existing.values_list("commune_id", flat=True))
        epcis = set(existing.values_list("epci_id", flat=True))
        new = []
        for territory, since in entries:
            field_name = Deployment.field_for(territory)
            seen = communes if field_name == "commune" else epcis
            if field_name not in ("commune", "epci") or territory.pk in seen:
                continue
            seen.add(territory.pk)
            new.append(
                Deployment(project=project, since=min(since, today), **{field_name: territory})
            )
        bulk_create_with_history(new, Deployment)
        penetration_refresh(project=project, today=today)
    return len(new)


@transaction.atomic
def penetration_refresh(*, project: Project, today: date | None = None) -> int:
    """Rewrite the market penetration series from the target and the deployments: one value per
    period from the first adoption in the target to today. Returns the number of values."""
    today = today or timezone.localdate()
    indicator = project.indicators.filter(computed=Computation.PENETRATION).first()
    if indicator is None:
        return 0
    indicator.measurements.all().delete()
    target = DeploymentTarget.objects.filter(project=project).first()
    count = _penetration_series(project, indicator, target, today) if target else 0
    refresh_latest(indicator_ids=[indicator.pk])
    return count


def _penetration_series(project, indicator, target, today) -> int:
    departement_ids = list(target.departements.values_list("pk", flat=True))
    total = target_territories(target, departement_ids).count()
    adoptions = sorted(
        deployed_in_target(project, target, departement_ids).values_list("since", flat=True)
    )
    if not total or not adoptions:
        return 0
    frequency = indicator.frequency
    values = []
    for period in rules.periods_between(adoptions[0], today, frequency):
        users = bisect_right(adoptions, rules.period_end(period, frequency))
        values.append(
            Measurement(
                indicator=indicator,
                period=period,
                value=rules.penetration(users, total),
                source=Source.COMPUTED,
                comment=f"{users} sur {total} collectivités de la cible",
            )
        )
    Measurement.objects.bulk_create(values, batch_size=BATCH)
    return len(values)


def refresh_penetrations(sender, **kwargs) -> None:
    """New populations or EPCI members change every target's size: rewrite the series.

    The receiver of `territories_changed` (connected in `ImpactConfig.ready()`)."""
    projects = {
        indicator.project
        for indicator in Indicator.objects.filter(computed=Computation.PENETRATION).select_related(
            "project"
        )
    }
    for project in projects:
        penetration_refresh(project=project)
