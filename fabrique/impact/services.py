"""Writes on impact measurement: each function is one transaction and validates before it writes.

Validation errors are `ValidationError`s with French messages keyed by field, so that a form
shows each next to its field; the measurement checks (`check_rows`) say which line or item and
which column is wrong, and nothing is written while any row is wrong.
"""

import hashlib
import secrets
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from fabrique.portfolio.models import Project
from fabrique.territories.models import EPCI, Commune

from . import rules
from .models import (
    ONE_NORTH_STAR,
    Deployment,
    DeploymentTarget,
    Indicator,
    Measurement,
    MeasurementImport,
    ProjectToken,
)
from .selectors import deployed_in_target, target_territories
from .starter import ACTIVE_USERS, STARTER_SET
from .vocabulary import Computation, Direction, Source, TargetKind

TOKEN_PREFIX = "fab_"  # noqa: S105 - not a secret: the visible start of every project token
IMPORT_TTL = timedelta(hours=6)
MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_COMMENT = 2000
BATCH = 500

# --- Indicators ---------------------------------------------------------------------------


def _value_errors(indicator: Indicator) -> dict:
    errors = {}
    pairs = (
        ("baseline_value", "baseline_date", "la valeur de référence"),
        ("target_value", "target_date", "la cible"),
    )
    for value_field, date_field, label in pairs:
        value, day = getattr(indicator, value_field), getattr(indicator, date_field)
        if (value is None) != (day is None):
            missing = date_field if day is None else value_field
            errors[missing] = f"Donnez la valeur et la date de {label}, ou aucune des deux."
        if value is not None:
            problem = rules.value_problem(Decimal(value), indicator.unit)
            if problem:
                errors[value_field] = problem
    if not errors and indicator.baseline_date and indicator.target_date:
        if indicator.target_date <= indicator.baseline_date:
            errors["target_date"] = "L'échéance de la cible doit suivre la date de référence."
        baseline, target = indicator.baseline_value, indicator.target_value
        if indicator.direction == Direction.UP and target <= baseline:
            errors["target_value"] = (
                "Plus c'est haut, mieux c'est : la cible doit dépasser la valeur de référence."
            )
        if indicator.direction == Direction.DOWN and target >= baseline:
            errors["target_value"] = (
                "Plus c'est bas, mieux c'est : la cible doit être sous la valeur de référence."
            )
    return errors


@transaction.atomic
def indicator_save(indicator: Indicator) -> Indicator:
    """Create or change an indicator (fields already set on the instance)."""
    errors = _value_errors(indicator)
    others = Indicator.objects.filter(project=indicator.project_id).exclude(pk=indicator.pk)
    if others.filter(name__iexact=indicator.name.strip()).exists():
        errors["name"] = "Ce projet a déjà un indicateur de ce nom."
    if indicator.is_north_star and others.filter(is_north_star=True).exists():
        errors["is_north_star"] = ONE_NORTH_STAR
    if indicator.pk:
        before = Indicator.objects.get(pk=indicator.pk)
        if before.frequency != indicator.frequency and before.measurements.exists():
            errors["frequency"] = (
                "La fréquence ne peut plus changer : l'indicateur a déjà des valeurs, rangées "
                "par période. Créez un autre indicateur."
            )
        if before.computed and (before.unit, before.frequency, before.direction) != (
            indicator.unit,
            indicator.frequency,
            indicator.direction,
        ):
            errors["unit"] = "L'unité, la fréquence et le sens d'un indicateur calculé sont fixes."
    if errors:
        raise ValidationError(errors)
    indicator.name = indicator.name.strip()
    indicator.full_clean()
    indicator.save()
    refresh_latest([indicator.pk])  # the copy loaded with the form may predate a new value
    return indicator


@transaction.atomic
def starter_set_add(project: Project, today: date | None = None) -> list[Indicator]:
    """Add the seven indicators every service tracks; those already there (same key or same
    name) are left as they are. The active users become the North Star when the project has
    none. Returns the indicators created."""
    existing = project.indicators.all()
    keys = set(existing.values_list("key", flat=True))
    names = {name.lower() for name in existing.values_list("name", flat=True)}
    has_star = existing.filter(is_north_star=True).exists()
    created = []
    for position, item in enumerate(STARTER_SET, start=1):
        if item.key in keys or item.name.lower() in names:
            continue
        indicator = Indicator(
            project=project,
            key=item.key,
            name=item.name,
            definition=item.definition,
            level=item.level,
            kind=item.kind,
            unit=item.unit,
            direction=item.direction,
            frequency=item.frequency,
            data_source=item.data_source,
            computed=item.computed,
            position=position,
            is_north_star=item.key == ACTIVE_USERS and not has_star,
        )
        indicator.full_clean()
        indicator.save()
        created.append(indicator)
    if any(indicator.computed == Computation.PENETRATION for indicator in created):
        penetration_refresh(project, today)
    return created


@transaction.atomic
def north_star_set(indicator: Indicator) -> Indicator:
    """Make this indicator the project's North Star (the previous one loses it)."""
    for other in indicator.project.indicators.filter(is_north_star=True).exclude(pk=indicator.pk):
        other.is_north_star = False
        other.save(update_fields=["is_north_star", "updated_at"])
    indicator.is_north_star = True
    indicator.save(update_fields=["is_north_star", "updated_at"])
    return indicator


@transaction.atomic
def indicator_delete(indicator: Indicator) -> None:
    indicator.delete()


# --- Measurements: checks -----------------------------------------------------------------


@dataclass(frozen=True)
class RawRow:
    """A value as received: from a file line (`where` = line number) or an API item (index)."""

    where: int
    indicator: object
    date: object
    value: object
    comment: object = None  # None: not given (an existing comment is kept)


@dataclass(frozen=True)
class RowError:
    where: int
    field: str  # indicator, date, value, comment
    message: str


@dataclass(frozen=True)
class CheckedRow:
    where: int
    indicator_id: int
    period: date
    value: Decimal
    comment: str | None


def normalise_name(text) -> str:
    """`Usagers actifs  mensuels` and `usagers actifs mensuels` are the same name."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("\u2019", "'").casefold().split())


class IndicatorResolver:
    """Find a project's indicator by id, by name (case and accents ignored) or by its key."""

    def __init__(self, indicators):
        self.indicators = list(indicators)
        self.by_id = {indicator.pk: indicator for indicator in self.indicators}
        self.by_name = {}
        for indicator in self.indicators:
            self.by_name.setdefault(normalise_name(indicator.name), indicator)
            if indicator.key:
                self.by_name.setdefault(indicator.key, indicator)

    def names(self) -> str:
        return ", ".join(f"« {indicator.name} »" for indicator in self.indicators[:12]) or "aucun"

    def resolve(self, raw) -> tuple[Indicator | None, str]:
        if isinstance(raw, bool) or raw is None or str(raw).strip() == "":
            return None, "Indicateur manquant."
        if isinstance(raw, int) or str(raw).strip().isdigit():
            indicator = self.by_id.get(int(raw))
            if indicator is None:
                return None, (
                    f"Aucun indicateur n° {int(raw)} dans ce projet (indicateurs : {self.names()})."
                )
            return indicator, ""
        indicator = self.by_name.get(normalise_name(raw))
        if indicator is None:
            return None, (
                f"Indicateur inconnu « {str(raw).strip()} » : les indicateurs du projet sont "
                f"{self.names()}."
            )
        return indicator, ""


def check_rows(
    indicators, rows: list[RawRow], *, today: date, where_text=lambda where: f"la ligne {where}"
) -> tuple[list[CheckedRow], list[RowError]]:
    """Check every row; return the clean rows and every error (nothing is written here)."""
    resolver = IndicatorResolver(indicators)
    checked, errors = [], []
    seen: dict[tuple[int, date], int] = {}
    for row in rows:
        row_errors = []
        indicator, problem = resolver.resolve(row.indicator)
        if problem:
            row_errors.append(RowError(row.where, "indicator", problem))
        elif indicator.computed:
            row_errors.append(
                RowError(
                    row.where,
                    "indicator",
                    f"« {indicator.name} » est calculé par Fabrique : sa valeur ne se saisit pas.",
                )
            )
        day = value = None
        try:
            day = rules.parse_date(row.date)
        except ValueError as error:
            row_errors.append(RowError(row.where, "date", str(error)))
        try:
            value = rules.parse_number(row.value)
        except ValueError as error:
            row_errors.append(RowError(row.where, "value", str(error)))
        comment = None if row.comment is None else str(row.comment).strip()
        if comment and len(comment) > MAX_COMMENT:
            row_errors.append(
                RowError(
                    row.where,
                    "comment",
                    f"Commentaire trop long : {MAX_COMMENT} caractères au plus.",
                )
            )
        if indicator is not None and not indicator.computed:
            if day is not None:
                problem = rules.date_problem(day, indicator.frequency, today)
                if problem:
                    row_errors.append(RowError(row.where, "date", problem))
            if value is not None:
                problem = rules.value_problem(value, indicator.unit)
                if problem:
                    row_errors.append(RowError(row.where, "value", problem))
        if row_errors:
            errors.extend(row_errors)
            continue
        period = rules.period_start(day, indicator.frequency)
        first = seen.get((indicator.pk, period))
        if first is not None:
            errors.append(
                RowError(
                    row.where,
                    "date",
                    f"Même période ({rules.period_label(period, indicator.frequency)}) que "
                    f"{where_text(first)} pour « {indicator.name} » : une seule valeur par "
                    "période.",
                )
            )
            continue
        seen[(indicator.pk, period)] = row.where
        checked.append(
            CheckedRow(row.where, indicator.pk, period, rules.clean_value(value), comment)
        )
    return checked, errors


# --- Measurements: writes -----------------------------------------------------------------


@dataclass
class UpsertReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    results: list = field(default_factory=list)  # (CheckedRow, outcome, measurement pk)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        def plural(count, one, many):
            return f"{count} {one if count <= 1 else many}"

        return (
            f"{plural(self.created, 'nouvelle valeur', 'nouvelles valeurs')}, "
            f"{plural(self.updated, 'valeur modifiée', 'valeurs modifiées')}, "
            f"{plural(self.unchanged, 'valeur identique', 'valeurs identiques')}."
        )


@transaction.atomic
def measurements_upsert(
    rows: list[CheckedRow], *, source: str, user=None, reason: str = "", latest_periods=None
):
    """Write checked rows: a value for a period that has one replaces it (idempotent when the
    same value comes again). One transaction, a few bulk statements, with history.

    `latest_periods` ({indicator id: latest period}, when the caller has just read them) spares
    the refresh of indicators whose latest value is not touched."""
    report = UpsertReport()
    if not rows:
        return report
    now = timezone.now()
    periods = [row.period for row in rows]
    existing = {
        (indicator_id, period): (pk, value, comment, created_at)
        for indicator_id, period, pk, value, comment, created_at in Measurement.objects.filter(
            indicator_id__in={row.indicator_id for row in rows},
            period__gte=min(periods),
            period__lte=max(periods),
        )
        .order_by()
        .values_list("indicator_id", "period", "pk", "value", "comment", "created_at")
    }
    created, updated, outcomes = [], [], []
    for row in rows:
        current = existing.get((row.indicator_id, row.period))
        comment = row.comment if row.comment is not None else (current[2] if current else "")
        if current is not None and current[1] == row.value and current[2] == comment:
            report.unchanged += 1
            outcomes.append((row, "unchanged", current[0]))
            continue
        measurement = Measurement(
            indicator_id=row.indicator_id,
            period=row.period,
            value=row.value,
            comment=comment,
            source=source,
            recorded_by=user,
        )
        if current is None:
            created.append(measurement)
            outcomes.append((row, "created", measurement))
        else:
            measurement.created_at = current[3]
            updated.append(measurement)
            outcomes.append((row, "updated", measurement))
    written = created + updated
    if written:
        Measurement.objects.bulk_create(
            written,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["indicator", "period"],
            update_fields=["value", "comment", "source", "recorded_by", "updated_at"],
        )
        history = Measurement.history
        user = user if user and user.is_authenticated else None
        for objects, update in ((created, False), (updated, True)):
            if objects:
                history.bulk_history_create(
                    objects, batch_size=BATCH, update=update, default_user=user,
                    default_change_reason=reason, default_date=now,
                )  # fmt: skip
        newest: dict[int, date] = {}
        for measurement in written:
            newest[measurement.indicator_id] = max(
                newest.get(measurement.indicator_id, measurement.period), measurement.period
            )
        if latest_periods is not None:
            newest = {
                pk: period
                for pk, period in newest.items()
                if latest_periods.get(pk) is None or period >= latest_periods[pk]
            }
        refresh_latest(newest)
    report.created, report.updated = len(created), len(updated)
    report.results = [
        (row, outcome, measurement if isinstance(measurement, int) else measurement.pk)
        for row, outcome, measurement in outcomes
    ]
    return report


def measurement_record(
    indicator: Indicator, *, day: date, value, comment: str = "", user=None, today=None
) -> UpsertReport:
    """One value typed in the form: checked like a file line, then written."""
    today = today or timezone.localdate()
    rows, errors = check_rows(
        [indicator], [RawRow(1, indicator.pk, day, value, comment)], today=today
    )
    if errors:
        fields = {"indicator": "__all__", "date": "date", "value": "value", "comment": "comment"}
        messages: dict[str, list[str]] = {}
        for error in errors:
            messages.setdefault(fields[error.field], []).append(error.message)
        raise ValidationError(messages)
    return measurements_upsert(rows, source=Source.FORM, user=user, reason="Saisie au formulaire")


@transaction.atomic
def measurement_delete(measurement: Measurement) -> None:
    if measurement.indicator.computed:
        raise ValidationError("Les valeurs d'un indicateur calculé ne se suppriment pas.")
    measurement.delete()
    refresh_latest([measurement.indicator_id])


def refresh_latest(indicator_ids) -> None:
    """Copy the latest measurement of these indicators onto them (one UPDATE)."""
    ids = list(indicator_ids)
    if not ids:
        return
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-period")
    Indicator.objects.filter(pk__in=ids).update(
        latest_period=Subquery(latest.values("period")[:1]),
        latest_value=Subquery(latest.values("value")[:1]),
    )


# --- Import from a file -------------------------------------------------------------------


def import_prepare(project: Project, upload, *, user, today: date | None = None):
    """Read a CSV or XLSX file, check every line and keep the result for the preview.

    Raises ValidationError({"file": …}) when the file cannot be read at all; line errors are
    kept on the pending import (and nothing can be confirmed while there is one)."""
    from .importers import read_table  # the readers pull openpyxl: only load them when needed

    today = today or timezone.localdate()
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(
            {"file": f"Fichier trop volumineux ({upload.size / 1e6:.1f} Mo) : 10 Mo au plus."}
        )
    table = read_table(upload)
    rows, errors = check_rows(project.indicators.all(), table.rows, today=today)
    with transaction.atomic():
        MeasurementImport.objects.filter(created_at__lt=timezone.now() - IMPORT_TTL).delete()
        return MeasurementImport.objects.create(
            project=project,
            created_by=user,
            file_name=(getattr(upload, "name", "") or "fichier")[:200],
            line_count=len(table.rows),
            rows=[
                [row.indicator_id, row.period.isoformat(), str(row.value), row.comment, row.where]
                for row in rows
            ],
            errors=[
                [error.where, table.columns.get(error.field, error.field), error.message]
                for error in errors
            ],
        )


def pending_rows(pending: MeasurementImport) -> list[CheckedRow]:
    return [
        CheckedRow(where, indicator_id, date.fromisoformat(period), Decimal(value), comment)
        for indicator_id, period, value, comment, where in pending.rows
    ]


@transaction.atomic
def import_confirm(pending: MeasurementImport, *, user) -> UpsertReport:
    """Write what the preview showed, in one transaction, then forget the pending import."""
    if pending.created_at < timezone.now() - IMPORT_TTL:
        pending.delete()
        raise ValidationError("Cet aperçu a expiré : déposez le fichier à nouveau.")
    if pending.errors:
        raise ValidationError(
            "Le fichier contient des erreurs : rien n'est enregistré tant qu'une ligne est fausse."
        )
    rows = pending_rows(pending)
    allowed = set(pending.project.indicators.filter(computed="").values_list("pk", flat=True))
    if any(row.indicator_id not in allowed for row in rows):
        raise ValidationError(
            "Un indicateur du fichier a été supprimé ou modifié depuis l'aperçu : déposez le "
            "fichier à nouveau."
        )
    report = measurements_upsert(
        rows, source=Source.FILE, user=user, reason=f"Import du fichier « {pending.file_name} »"
    )
    pending.delete()
    return report


# --- Project tokens -----------------------------------------------------------------------


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(project: Project, *, user=None, name: str = "") -> tuple[ProjectToken, str]:
    """A new token for the project; returns it and its secret (shown once, never stored)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ProjectToken.objects.create(
        project=project,
        name=name.strip()[:100],
        prefix=secret[:12],
        key_hash=token_hash(secret),
        created_by=user if user and user.is_authenticated else None,
    )
    return token, secret


@transaction.atomic
def token_revoke(token: ProjectToken, *, user=None) -> ProjectToken:
    if token.revoked_at:
        raise ValidationError("Ce jeton est déjà révoqué.")
    token.revoked_at = timezone.now()
    token.revoked_by = user if user and user.is_authenticated else None
    token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_touch(token: ProjectToken) -> None:
    """Note the token's use, at most once a minute (no write on every push)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ProjectToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# --- Deployment and penetration -----------------------------------------------------------


@transaction.atomic
def deployment_target_save(
    project: Project,
    *,
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
    penetration_refresh(project, today)
    return target


@transaction.atomic
def deployment_add(
    project: Project, *, territory, since: date, today: date | None = None
) -> Deployment:
    """Record that a commune or an EPCI uses the service since a date."""
    today = today or timezone.localdate()
    if not isinstance(territory, Commune | EPCI):
        raise ValidationError({"territory": "Seules une commune ou un EPCI peuvent être déclarés."})
    errors = {}
    if since > today:
        errors["since"] = "La date d'adoption ne peut pas être dans le futur."
    elif since < rules.EARLIEST_DATE:
        errors["since"] = (
            f"Date hors de toute période plausible (pas avant {rules.EARLIEST_DATE:%Y})."
        )
    field_name = Deployment.field_for(territory)
    if Deployment.objects.filter(project=project, **{field_name: territory}).exists():
        errors["territory"] = f"{territory} utilise déjà le service."
    if errors:
        raise ValidationError(errors)
    deployment = Deployment.objects.create(project=project, since=since, **{field_name: territory})
    penetration_refresh(project, today)
    return deployment


@transaction.atomic
def deployment_remove(deployment: Deployment, today: date | None = None) -> None:
    project = deployment.project
    deployment.delete()
    penetration_refresh(project, today)


def deployments_add_many(project: Project, entries, *, today: date | None = None) -> int:
    """Many collectivités at once (demo, scripts): [(territory, since)], one refresh at the end."""
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
        Deployment.objects.bulk_create(new)
        penetration_refresh(project, today)
    return len(new)


@transaction.atomic
def penetration_refresh(project: Project, today: date | None = None) -> int:
    """Rewrite the market penetration series from the target and the deployments: one value per
    period from the first adoption in the target to today. Returns the number of values."""
    today = today or timezone.localdate()
    indicator = project.indicators.filter(computed=Computation.PENETRATION).first()
    if indicator is None:
        return 0
    indicator.measurements.all().delete()
    target = DeploymentTarget.objects.filter(project=project).first()
    count = _penetration_series(project, indicator, target, today) if target else 0
    refresh_latest([indicator.pk])
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
