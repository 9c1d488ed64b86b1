"""The mission and its lifecycle: request and eligibility (dated rule, criteria grid), days
logged, deliverables, comments."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.core.numbers import days_text
from fabrique.territories.models import EPCI, Commune

from .. import rules
from ..vocabulary import DEFAULT_GRID, OPEN_STATUSES, ActivityKind, MissionStatus


class EligibilityRule(models.Model):
    """Dated thresholds the team can change: a mission keeps the rule it was accepted under."""

    valid_from = models.DateField("en vigueur à partir du", unique=True)
    commune_threshold = models.PositiveIntegerField("seuil des communes (habitants)")
    epci_threshold = models.PositiveIntegerField("seuil des EPCI (habitants)")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "règle d'éligibilité"
        verbose_name_plural = "règles d'éligibilité"
        ordering = ["-valid_from"]

    def __str__(self):
        return (
            f"Depuis le {self.valid_from:%d/%m/%Y} : communes < {self.commune_threshold}, "
            f"EPCI < {self.epci_threshold}"
        )


class CriteriaGrid(models.Model):
    """A version of the grid needs are scored with; a mission keeps the one it was scored with."""

    created_at = models.DateTimeField("créée le", auto_now_add=True)
    criteria = models.JSONField("critères", default=dict)

    class Meta:
        verbose_name = "grille de critères"
        verbose_name_plural = "grilles de critères"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Grille du {self.created_at:%d/%m/%Y}"

    @classmethod
    def default(cls) -> "CriteriaGrid":
        grid = cls.objects.filter(criteria=DEFAULT_GRID).order_by("pk").first()
        return grid or cls.objects.create(criteria=DEFAULT_GRID)


class Mission(models.Model):
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name="commune",
    )
    epci = models.ForeignKey(
        EPCI,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name="EPCI",
    )
    contact_name = models.CharField("contact", max_length=200, blank=True, default="")
    contact_email = models.EmailField("adresse du contact", blank=True, default="")
    hopes = models.TextField("ce que la collectivité espère", max_length=10_000)
    status = models.CharField(
        "statut", max_length=20, choices=MissionStatus.choices, default=MissionStatus.REQUESTED
    )
    eligible = models.BooleanField("éligible", default=False)
    eligibility_reason = models.CharField("éligibilité", max_length=300, blank=True, default="")
    rule = models.ForeignKey(
        EligibilityRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="règle d'éligibilité",
    )
    grid = models.ForeignKey(
        CriteriaGrid,
        on_delete=models.PROTECT,
        related_name="missions",
        verbose_name="grille de critères",
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="diagnostic_missions",
        verbose_name="consultant·e",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="demandée par",
    )
    requested_on = models.DateField("demandée le")
    start = models.DateField("début", null=True, blank=True)
    planned_end = models.DateField("fin prévue", null=True, blank=True)
    delivered_on = models.DateField("livrée le", null=True, blank=True)
    closing_reason = models.TextField("motif (refus, abandon)", blank=True, default="")
    acceptance_reason = models.TextField(
        "motif de l'acceptation hors critères", blank=True, default=""
    )
    extra_days_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dépassement des 10 jours approuvé par",
    )
    extra_days_reason = models.TextField(
        "motif du dépassement des 10 jours", blank=True, default=""
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mission d'accompagnement sur-mesure"
        verbose_name_plural = "missions d'accompagnement sur-mesure"
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="mission_one_collectivite",
                condition=models.Q(commune__isnull=False, epci__isnull=True)
                | models.Q(commune__isnull=True, epci__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["status", "requested_on"])]

    def __str__(self):
        # « Mission à » does not fit an EPCI (« à Communauté de communes… »).
        return f"Mission sur-mesure — {self.collectivite}"

    def get_absolute_url(self):
        return reverse("diagnostics:mission", args=[self.pk])

    @property
    def days_used_text(self) -> str:
        """Days logged, from the `half_days_used` annotation of the lists (« 6,5 »)."""
        return rules.days_number(rules.days(getattr(self, "half_days_used", 0) or 0))

    @property
    def days_badge(self) -> dict | None:
        """The badge of the lists (« Dépassement non approuvé »…), from `half_days_used`."""
        return rules.days_badge(
            rules.days(getattr(self, "half_days_used", 0) or 0),
            approved=self.extra_days_approved_by_id is not None,
            running=self.status in OPEN_STATUSES,
        )

    @property
    def collectivite(self):
        return self.commune or self.epci

    @property
    def collectivite_code(self) -> str:
        return self.commune.insee if self.commune_id else self.epci.siren


class TimeEntry(models.Model):
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="time_entries", verbose_name="mission"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="personne",
    )
    day = models.DateField("date")
    half_days = models.PositiveSmallIntegerField("demi-journées")
    kind = models.CharField("activité", max_length=20, choices=ActivityKind.choices)
    note = models.CharField("note", max_length=300, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "temps passé"
        verbose_name_plural = "temps passés"
        ordering = ["mission", "day", "pk"]

    def __str__(self):
        days = days_text(Decimal(self.half_days) / 2)
        return f"{self.day:%d/%m/%Y} : {days} ({self.get_kind_display()})"


class Deliverable(models.Model):
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="deliverables", verbose_name="mission"
    )
    version = models.PositiveSmallIntegerField("version")
    pdf = models.FileField("fichier PDF", upload_to="diagnostics/livrables/")
    odt = models.FileField("fichier ODT", upload_to="diagnostics/livrables/")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="auteur·rice",
    )
    created_at = models.DateTimeField("produit le", auto_now_add=True)
    is_final = models.BooleanField("version finale", default=False)

    class Meta:
        verbose_name = "livrable"
        verbose_name_plural = "livrables"
        ordering = ["mission", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "version"],
                name="deliverable_version",
                violation_error_message="Cette mission a déjà un livrable de cette version.",
            )
        ]

    def __str__(self):
        return f"Livrable v{self.version} — {self.mission}"


class Comment(models.Model):
    """A comment on a mission by those who follow it: the collectivité's agents, the consultant,
    the team. Plain text, shown escaped; its author edits or deletes it."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="comments", verbose_name="mission"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur·rice",
    )
    body = models.TextField("commentaire")
    created_at = models.DateTimeField("écrit le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["mission", "created_at", "pk"]

    def __str__(self):
        return f"Commentaire du {self.created_at:%d/%m/%Y}"
