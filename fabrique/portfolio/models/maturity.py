"""The maturity reviews of a project, scored on each axis."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..vocabulary import MaturityAxis
from .projects import Project

SCORE = {"validators": [MinValueValidator(0), MaxValueValidator(3)]}


class MaturityReview(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="maturity_reviews", verbose_name="projet"
    )
    date = models.DateField("date")
    impact = models.PositiveSmallIntegerField(MaturityAxis.IMPACT.label, **SCORE)
    deployment = models.PositiveSmallIntegerField(MaturityAxis.DEPLOYMENT.label, **SCORE)
    design = models.PositiveSmallIntegerField(MaturityAxis.DESIGN.label, **SCORE)
    open_source = models.PositiveSmallIntegerField(MaturityAxis.OPEN_SOURCE.label, **SCORE)
    open_data = models.PositiveSmallIntegerField(MaturityAxis.OPEN_DATA.label, **SCORE)
    comment = models.TextField("commentaire", blank=True, default="")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="relecteur·rice",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "revue de maturité"
        verbose_name_plural = "revues de maturité"
        ordering = ["project", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "date"],
                name="maturity_unique_date",
                violation_error_message=(
                    "Ce projet a déjà une revue de maturité à cette date : modifiez-la plutôt "
                    "que d'en ajouter une autre, ou choisissez une autre date."
                ),
            ),
            *(
                models.CheckConstraint(
                    name=f"maturity_{axis}_0_3", condition=Q(**{f"{axis}__lte": 3})
                )
                for axis in MaturityAxis.values
            ),
        ]

    def __str__(self):
        return f"{self.project} — {self.date:%d/%m/%Y}"

    @property
    def scores(self) -> dict[str, int]:
        return {axis: getattr(self, axis) for axis in MaturityAxis.values}
