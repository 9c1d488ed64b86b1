"""Funding schemes (aides) for collectivités: who may apply, for what, until when.

Multi-valued choices (aid types, beneficiaries, themes) are stored as " value value " strings
(see `vocabulary.encode`).
"""

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fabrique.territories.models import Departement, Region

from .. import vocabulary
from ..vocabulary import (
    AidType,
    Beneficiary,
    Recurrence,
    SchemeSource,
    Theme,
)

POPULATION_ORDER = "La population minimale doit être inférieure ou égale à la population maximale."


class FundingScheme(models.Model):
    name = models.CharField("nom", max_length=300)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    url = models.URLField("lien", max_length=500, blank=True, default="")
    funders = models.TextField("financeurs", blank=True, default="", help_text="Un par ligne.")
    aid_types = models.CharField("types d'aide", max_length=300, default="")
    beneficiaries = models.CharField("bénéficiaires", max_length=300, default="")
    population_min = models.PositiveIntegerField("population minimale", null=True, blank=True)
    population_max = models.PositiveIntegerField("population maximale", null=True, blank=True)
    themes = models.CharField("thèmes", max_length=300, blank=True, default="")
    recurrence = models.CharField(
        "récurrence", max_length=20, choices=Recurrence.choices, blank=True, default=""
    )
    is_call_for_projects = models.BooleanField(
        "appel à projets ou à manifestation d'intérêt", default=False
    )
    deadline = models.DateField("date de clôture", null=True, blank=True)
    is_closed = models.BooleanField("clos", default=False, db_index=True)
    description = models.TextField("description", blank=True, default="")
    departements = models.ManyToManyField(
        Departement,
        blank=True,
        related_name="funding_schemes",
        verbose_name="périmètre : départements",
        help_text="Vide avec les régions : aide nationale.",
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="funding_schemes", verbose_name="périmètre : régions"
    )
    source = models.CharField(
        "source", max_length=30, choices=SchemeSource.choices, default=SchemeSource.MANUAL
    )
    search_text = models.TextField("texte de recherche", editable=False, default="")
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = "dispositif de financement"
        verbose_name_plural = "dispositifs de financement"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="funding_scheme_unique_url",
                violation_error_message=(
                    "Un dispositif de financement a déjà cette adresse : modifiez-le plutôt que "
                    "d'en ajouter un autre, ou donnez l'adresse propre à ce dispositif."
                ),
            ),
            models.CheckConstraint(
                name="funding_population_order",
                condition=Q(population_min__isnull=True)
                | Q(population_max__isnull=True)
                | Q(population_min__lte=F("population_max")),
                violation_error_message=POPULATION_ORDER,
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:scheme", args=[self.slug])

    def is_open(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return not self.is_closed and (self.deadline is None or self.deadline >= today)

    @property
    def funder_list(self) -> list[str]:
        return [line.strip() for line in self.funders.splitlines() if line.strip()]

    @property
    def aid_type_labels(self) -> list[str]:
        return vocabulary.labels(self.aid_types, AidType)

    @property
    def beneficiary_labels(self) -> list[str]:
        return vocabulary.labels(self.beneficiaries, Beneficiary)

    @property
    def theme_labels(self) -> list[str]:
        return vocabulary.labels(self.themes, Theme)
