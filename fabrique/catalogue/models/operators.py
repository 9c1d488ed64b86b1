"""Public digital-service operators (OPSN): the local partners of collectivités, the
départements they serve and the solutions they operate."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.territories.models import Departement

from ..vocabulary import (
    OperatorStatus,
)
from .solutions import Solution


class Operator(models.Model):
    """A public digital-service operator (OPSN): the local partner of collectivités."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    name_with_article = models.CharField(
        "nom avec article", max_length=200, blank=True, default="", help_text="« le SITIV »"
    )
    status = models.CharField(
        "partenariat avec la Suite territoriale",
        max_length=30,
        choices=OperatorStatus.choices,
        blank=True,
        default="",
    )
    website = models.URLField("site", max_length=500, blank=True, default="")
    siret = models.CharField("SIRET", max_length=14, blank=True, default="")
    external_id = models.CharField(
        "identifiant Suite territoriale", max_length=64, null=True, blank=True, unique=True
    )
    description = models.TextField("description", blank=True, default="")
    departements = models.ManyToManyField(
        Departement, blank=True, related_name="operators", verbose_name="départements servis"
    )
    solutions = models.ManyToManyField(
        Solution, blank=True, related_name="operators", verbose_name="solutions opérées"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "opérateur public de services numériques"
        verbose_name_plural = "opérateurs publics de services numériques"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:operator", args=[self.slug])
