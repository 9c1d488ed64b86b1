"""Impact of the demo portfolio, loaded by `load_demo` after the projects.

For each demo project past investigation: the seven indicators of the starter set, realistic
series since construction (monthly active users growing along an S-curve with a summer and a
Christmas dip, transactions, quarterly surveys, hours saved), baselines and targets, a
deployment target and the collectivités using the service (real communes of the partners'
départements, when the reference territories are imported). Three services are off track
(targets out of reach), three have stopped sending values (stale), the others are on track.

Deterministic (one `random.Random` per project, dates relative to `today`), idempotent and
never destructive: a project that already has indicators is left exactly as it is.
"""

import math
import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from fabrique.portfolio.demo import SLUGS
from fabrique.portfolio.models import Project
from fabrique.portfolio.vocabulary import PhaseName
from fabrique.territories.models import Commune, Departement

from . import rules, services
from .models import Deployment, Indicator, Measurement
from .rules.checks import CheckedRow
from .selectors import cost_points
from .vocabulary import ACTIVE_USERS, PENETRATION, Direction, Frequency, Source, TargetKind

SEED = 2026
OFF_TRACK = frozenset({"navette-rurale", "menu-local", "dossier-travaux"})
STALE = frozenset({"canopee-communale", "toits-solaires", "encombrants-sur-rendez-vous"})
STALE_MONTHS = 5  # the stale services sent their last monthly value that long ago
# Share of usual activity by month: summer holidays and Christmas are quiet in town halls.
SEASON = (0.97, 1.0, 1.04, 1.02, 1.0, 0.97, 0.82, 0.62, 1.0, 1.05, 1.03, 0.86)
MEASURED = (PhaseName.CONSTRUCTION, PhaseName.ACCELERATION, PhaseName.CONSOLIDATION)
STARTED = (*MEASURED, PhaseName.TRANSFERRED, PhaseName.OPERATED, PhaseName.ABANDONED)


def _decimal(value: float, places: str = "1") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _months(first: date, last: date) -> list[date]:
    return rules.periods_between(first, last, Frequency.MONTHLY) if first <= last else []


def _quarters(first: date, last: date) -> list[date]:
    return rules.periods_between(first, last, Frequency.QUARTERLY) if first <= last else []


def _rows(indicator: Indicator, series) -> list[CheckedRow]:
    return [
        CheckedRow(0, indicator.pk, period, value, "")
        for period, value in series
        if value is not None
    ]


def _set_goal(indicator: Indicator, series, today: date, rng: random.Random, off: bool):
    """Baseline a year before the latest value (the same month or quarter: the seasons cancel
    out, whatever today's date), target 6 to 12 months ahead, placed so that the latest value
    is ahead of the linear path (on track) or well behind it (off track)."""
    if len(series) < 2:
        return
    frequency = indicator.frequency
    latest_period, latest_value = series[-1]
    horizon = latest_period - timedelta(days=365)
    base_period, base_value = min(series, key=lambda point: abs((point[0] - horizon).days))
    if latest_period <= base_period:
        base_period, base_value = series[0]
    baseline_date = base_period
    target_date = today + timedelta(days=rng.randint(180, 360))
    measured_on = min(rules.period_end(latest_period, frequency), today)
    expected = rules.expected_progress(measured_on, baseline_date, target_date) or 0.5
    if off:
        progress = max(expected - rng.uniform(0.3, 0.4), 0.08)
    else:
        progress = expected + rng.uniform(0.05, 0.2)
    sign = 1 if indicator.direction == Direction.UP else -1
    gain = sign * float(latest_value - base_value)
    if gain <= 0:  # the series went the wrong way: aim 10 % better than the baseline
        gain = max(abs(float(base_value)) * 0.1, 1.0) * progress
    target = float(base_value) + sign * gain / progress
    if indicator.unit == "pourcentage":
        target = min(target, 99.0)
    if target <= 0:  # lower is better and the value already fell a lot: aim a bit lower still
        target = float(latest_value) * 0.85
    if sign * (target - float(base_value)) <= 0:
        return
    indicator.baseline_value, indicator.baseline_date = base_value, baseline_date
    indicator.target_value, indicator.target_date = _decimal(target), target_date
    indicator.save(update_fields=["baseline_value", "baseline_date", "target_value", "target_date"])


def _active_users(rng, start, last, off) -> list[tuple[date, Decimal]]:
    capacity = rng.uniform(400, 6000) * (0.45 if off else 1.0)
    midpoint = rng.uniform(10, 20)  # months after the first value
    steepness = rng.uniform(0.18, 0.3)
    months = _months(start, last)
    series = []
    for index, month in enumerate(months):
        trend = capacity / (1 + math.exp(-steepness * (index - midpoint)))
        if off and index > len(months) - 9:  # users drift away over the last months
            trend *= 1 - 0.04 * (index - len(months) + 9)
        value = max(trend * SEASON[month.month - 1] * rng.uniform(0.93, 1.07), 5)
        series.append((month, _decimal(value, "1")))
    return series


def _surveys(rng, start, last, low, high, cap) -> list[tuple[date, Decimal]]:
    quarters = _quarters(start, last)
    series = []
    for index, quarter in enumerate(quarters):
        share = index / max(len(quarters) - 1, 1)
        value = low + (high - low) * (1 - (1 - share) ** 2) + rng.uniform(-3, 3)
        series.append((quarter, _decimal(min(value, cap))))
    return series


def _hours_saved(transactions, minutes: float) -> list[tuple[date, Decimal]]:
    by_quarter: dict[date, float] = {}
    for month, count in transactions:
        quarter = rules.period_start(month, Frequency.QUARTERLY)
        by_quarter[quarter] = by_quarter.get(quarter, 0.0) + float(count) * minutes / 60
    return [(quarter, _decimal(hours, "1")) for quarter, hours in sorted(by_quarter.items())]


def _deploy(project: Project, start: date, today: date, rng: random.Random, off: bool) -> None:
    """A target (small communes of the partners' départements) and the communes using it."""
    partners = list(project.partners.select_related("commune"))
    departement_ids = sorted(
        {p.commune.departement_id for p in partners if p.commune}
        | {p.departement_id for p in partners if p.departement_id}
    )
    if not departement_ids:
        return
    services.deployment_target_save(
        project=project,
        kind=TargetKind.COMMUNES,
        max_population=3500,
        departements=Departement.objects.filter(pk__in=departement_ids),
        today=today,
    )
    small = list(
        Commune.objects.filter(departement_id__in=departement_ids, population__lt=3500)
        .order_by("insee")
        .values_list("pk", flat=True)
    )
    chosen = {p.commune_id for p in partners if p.commune_id}
    share = rng.uniform(0.02, 0.05) if off else rng.uniform(0.06, 0.2)
    chosen |= set(rng.sample(small, min(len(small), int(len(small) * share))))
    communes = Commune.objects.in_bulk(list(chosen))
    span = max((today - start).days, 1)
    entries = []
    for pk in sorted(chosen):
        # Adoption follows the S-curve too: few early adopters, then the many.
        since = start + timedelta(days=int(span * rng.betavariate(2.2, 1.6)))
        entries.append((communes[pk], min(since, today)))
    services.deployments_add_many(project=project, entries=entries, today=today)


def create_impact(project: Project, today: date) -> int:
    """Indicators and values of one demo project; returns the number of values written."""
    rng = random.Random(f"{SEED}-impact-{project.slug}")
    phases = list(project.phases.order_by("start").values_list("name", "start"))
    build = next((start for name, start in phases if name in MEASURED), None)
    if build is None:
        return 0
    closed = next((start for name, start in phases if name == PhaseName.ABANDONED), None)
    off, stale = project.slug in OFF_TRACK, project.slug in STALE
    services.starter_set_add(project=project, today=today)
    indicators = {indicator.key: indicator for indicator in project.indicators.all()}

    first = rules.add_months(build, 3)
    last = rules.add_months(today, -(STALE_MONTHS + 1 if stale else 1))
    if closed:
        last = min(last, rules.add_months(closed, -1))
    users = _active_users(rng, first, last, off)
    ratio = rng.uniform(1.3, 3.5)
    transactions = [
        (month, _decimal(float(value) * ratio * rng.uniform(0.9, 1.1), "1"))
        for month, value in users
    ]
    quarter_last = rules.shift_period(
        rules.period_start(last, Frequency.QUARTERLY), Frequency.QUARTERLY, -1
    )
    ease = _surveys(rng, first, quarter_last, rng.uniform(52, 62), rng.uniform(70, 82), 100)
    satisfaction = _surveys(rng, first, quarter_last, rng.uniform(62, 72), rng.uniform(80, 92), 99)
    impact = _hours_saved(transactions, rng.uniform(4, 15))
    impact = [point for point in impact if point[0] <= quarter_last]

    written = 0
    for key, series, source in (
        (ACTIVE_USERS, users, Source.API),
        ("transactions-mensuelles", transactions, Source.API),
        ("facilite-utilisation", ease, Source.FORM),
        ("satisfaction", satisfaction, Source.FORM),
        ("impact-genere", impact, Source.FILE),
    ):
        indicator = indicators[key]
        rows = _rows(indicator, series)
        services.measurements_upsert(rows=rows, source=source, reason="Données de démonstration")
        written += len(rows)
        _set_goal(
            indicator, series, today, rng, off and key in (ACTIVE_USERS, "transactions-mensuelles")
        )

    _deploy(project, build, closed or today, rng, off)
    penetration = indicators[PENETRATION]
    series = list(penetration.measurements.order_by("period").values_list("period", "value"))
    _set_goal(penetration, series, today, rng, off)
    cost = indicators["cout-par-usage"]
    _set_goal(cost, cost_points(project.pk, users), today, rng, off)
    return written + len(series)


def load_demo_impact(today: date | None = None) -> dict[str, int]:
    """Create the impact data of the demo projects that have no indicator yet."""
    today = today or timezone.localdate()
    projects = Project.objects.filter(slug__in=SLUGS, phases__name__in=STARTED).distinct()
    done = set(
        Indicator.objects.filter(project__slug__in=SLUGS).values_list("project_id", flat=True)
    )
    created = values = 0
    for project in projects.order_by("slug"):
        if project.pk in done:
            continue
        with transaction.atomic():
            values += create_impact(project, today)
        created += 1
    demo = Project.objects.filter(slug__in=SLUGS)
    return {
        "projects": demo.filter(indicators__isnull=False).distinct().count(),
        "created": created,
        "indicators": Indicator.objects.filter(project__in=demo).count(),
        "measurements": Measurement.objects.filter(indicator__project__in=demo).count(),
        "deployments": Deployment.objects.filter(project__in=demo).count(),
        "written": values,
    }
