"""Impact of the services: indicators, their values over time, deployment in the territories.

What derives from the values (progress, trend, status, cost per use) is computed by `rules`
and `selectors`, never typed. Two things are stored on purpose, both written only by this
app's services: the market penetration series (`services.penetration_refresh`, from the
deployments, source « calcul »), and each indicator's latest value (`latest_period`,
`latest_value`, `services.refresh_latest`), a copy that spares the portfolio view one
subquery per indicator.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.portfolio.models import Project
from fabrique.territories.models import Departement, Region, TerritoryLink

from .rules import format_value
from .vocabulary import (
    UNIT_SYMBOLS,
    Computation,
    Direction,
    Frequency,
    IndicatorKind,
    Level,
    Source,
    TargetKind,
    Unit,
)

VALUE = {"max_digits": 18, "decimal_places": 4}
ONE_NORTH_STAR = (
    "Un projet n'a qu'une étoile du Nord : retirez d'abord celle de l'autre indicateur."
)
NAME_TAKEN = "Ce projet a déjà un indicateur de ce nom."


class Indicator(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name="projet"
    )
    key = models.CharField(
        "clé du socle commun",
        max_length=40,
        blank=True,
        default="",
        editable=False,
        help_text="Indicateur du socle commun à tous les services (vide pour les autres).",
    )
    name = models.CharField("nom", max_length=200)
    definition = models.TextField("définition", help_text="Ce qui est compté, et comment.")
    level = models.CharField("niveau de la matrice d'impact", max_length=20, choices=Level.choices)
    kind = models.CharField(
        "nature", max_length=20, choices=IndicatorKind.choices, default=IndicatorKind.INTERMEDIATE
    )
    unit = models.CharField("unité", max_length=20, choices=Unit.choices, default=Unit.NUMBER)
    direction = models.CharField(
        "sens", max_length=10, choices=Direction.choices, default=Direction.UP
    )
    baseline_value = models.DecimalField("valeur de référence", null=True, blank=True, **VALUE)
    baseline_date = models.DateField("date de la valeur de référence", null=True, blank=True)
    target_value = models.DecimalField("valeur cible", null=True, blank=True, **VALUE)
    target_date = models.DateField("échéance de la cible", null=True, blank=True)
    frequency = models.CharField(
        "fréquence de mesure", max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    data_source = models.CharField(
        "source des données",
        max_length=300,
        blank=True,
        default="",
        help_text="D'où vient la valeur : outil de statistiques, base du service, enquête…",
    )
    is_north_star = models.BooleanField(
        "étoile du Nord",
        default=False,
        help_text="L'indicateur qui guide l'équipe ; un seul par projet.",
    )
    is_public = models.BooleanField(
        "publié", default=True, help_text="Affiché sur la page publique de statistiques."
    )
    computed = models.CharField(
        "calcul",
        max_length=20,
        choices=Computation.choices,
        blank=True,
        default="",
        editable=False,
    )
    position = models.PositiveSmallIntegerField("ordre", default=100)
    # The latest measurement, copied here by `services.refresh_latest` after every write of
    # values (form, import, API, penetration): the portfolio view reads the status of every
    # indicator of the portfolio without one subquery per indicator.
    latest_period = models.DateField("dernière période mesurée", null=True, editable=False)
    latest_value = models.DecimalField("dernière valeur", null=True, editable=False, **VALUE)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords(excluded_fields=["latest_period", "latest_value"])

    class Meta:
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"
        ordering = ["project", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "project",
                name="indicator_unique_name",
                violation_error_message=NAME_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["project", "key"],
                condition=~Q(key=""),
                name="indicator_unique_key",
                violation_error_message=(
                    "Ce projet a déjà un indicateur avec cette clé : choisissez-en une autre."
                ),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(is_north_star=True),
                name="indicator_one_north_star",
                violation_error_message=ONE_NORTH_STAR,
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("impact:indicator", args=[self.project.slug, self.pk])

    @property
    def is_computed(self) -> bool:
        return bool(self.computed)

    @property
    def symbol(self) -> str:
        return UNIT_SYMBOLS.get(self.unit, "")


class Measurement(models.Model):
    """The value of an indicator for one period (week, month, quarter or year)."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name="indicateur",
        db_index=False,  # the unique (indicator, period) index serves every lookup
    )
    period = models.DateField("période", help_text="Premier jour de la période de la mesure.")
    value = models.DecimalField("valeur", **VALUE)
    comment = models.TextField("commentaire", blank=True, default="")
    source = models.CharField("source", max_length=20, choices=Source.choices, default=Source.FORM)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="saisie par",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mesure"
        verbose_name_plural = "mesures"
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="measurement_unique_period",
                violation_error_message="Cet indicateur a déjà une valeur pour cette période.",
            ),
        ]

    def __str__(self):
        value = format_value(self.value, self.indicator.unit)  # « 1 500 000 € », not « 1500000.00 »
        return f"{self.indicator} — {self.period:%d/%m/%Y} : {value}"


class ProjectToken(models.Model):
    """A secret that lets a project's scripts push measurements through the API.

    Only the SHA-256 of the secret is kept: it is shown once, when created. A token is scoped to
    its project and stops working for good when revoked.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="projet"
    )
    name = models.CharField("nom", max_length=100, blank=True, default="")
    prefix = models.CharField("début du jeton", max_length=16)
    key_hash = models.CharField("empreinte SHA-256", max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="révoqué par",
    )

    class Meta:
        verbose_name = "jeton d'API de projet"
        verbose_name_plural = "jetons d'API de projet"
        ordering = ["project", "-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.project})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DeploymentTarget(models.Model):
    """The collectivités a service is meant for: communes or EPCI, filtered by size and place."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="deployment_target", verbose_name="projet"
    )
    kind = models.CharField(
        "collectivités visées",
        max_length=20,
        choices=TargetKind.choices,
        default=TargetKind.COMMUNES,
    )
    max_population = models.PositiveIntegerField(
        "moins de … habitant·es",
        null=True,
        blank=True,
        help_text="Population municipale strictement inférieure ; vide : toutes les tailles.",
    )
    departements = models.ManyToManyField(
        Departement, blank=True, related_name="+", verbose_name="départements"
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="région",
    )
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "cible de déploiement"
        verbose_name_plural = "cibles de déploiement"

    def __str__(self):
        return f"Cible de {self.project}"


class Deployment(TerritoryLink):
    """A collectivité that uses the service (a commune or an EPCI), since a date."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="deployments", verbose_name="projet"
    )
    since = models.DateField("utilise le service depuis")
    history = HistoricalRecords()

    class Meta(TerritoryLink.Meta):
        verbose_name = "collectivité utilisatrice"
        verbose_name_plural = "collectivités utilisatrices"
        ordering = ["project", "since", "pk"]
        constraints = [
            *TerritoryLink.Meta.constraints,
            *(
                models.UniqueConstraint(
                    fields=["project", field],
                    name=f"deployment_unique_{field}",
                    violation_error_message="Cette collectivité utilise déjà le service.",
                )
                for field in TerritoryLink.TERRITORY_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.territory} ({self.project})"


class MeasurementImport(models.Model):
    """A parsed file waiting for confirmation: what the preview showed is what gets saved.

    Kept in the database (not in a web process's memory), keyed by a random id, and deleted
    once confirmed or when older than `services.IMPORT_TTL`.
    """

    id = models.UUIDField("identifiant", primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="+", verbose_name="projet"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="déposé par",
    )
    created_at = models.DateTimeField("déposé le", auto_now_add=True)
    file_name = models.CharField("fichier", max_length=200)
    line_count = models.PositiveIntegerField("lignes lues", default=0)
    # [indicator_id, "AAAA-MM-JJ" (period), "value", comment]
    rows = models.JSONField("lignes à enregistrer", default=list)
    errors = models.JSONField("erreurs", default=list)  # [line, column, message]

    class Meta:
        verbose_name = "import de mesures en attente"
        verbose_name_plural = "imports de mesures en attente"

    def __str__(self):
        return f"{self.file_name} ({self.project_id})"
