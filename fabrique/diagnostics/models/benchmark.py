"""Benchmark of a need: the solutions compared, and the funding schemes and partners kept or
discarded for a recommendation."""

from django.db import models
from simple_history.models import HistoricalRecords

from fabrique.catalogue.models import FundingScheme, Operator, Solution, SolutionSuggestion

from ..vocabulary import LeadKind
from .needs import Need


class Candidate(models.Model):
    """A solution compared for a need: from the catalogue or typed in (a market offer not yet
    there, then proposed to the catalogue as a suggestion), scored on three feasibilities."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="candidates", verbose_name="besoin"
    )
    solution = models.ForeignKey(
        Solution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="solution du catalogue",
    )
    name = models.CharField("solution", max_length=200)
    provider = models.CharField("éditeur ou prestataire", max_length=200, blank=True, default="")
    website = models.URLField("site", max_length=500, blank=True, default="")
    suggestion = models.ForeignKey(
        SolutionSuggestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="suggestion au catalogue",
    )
    technical = models.PositiveSmallIntegerField("faisabilité technique", null=True, blank=True)
    technical_note = models.TextField("commentaire technique", blank=True, default="")
    economic = models.PositiveSmallIntegerField("faisabilité économique", null=True, blank=True)
    economic_note = models.TextField("commentaire économique", blank=True, default="")
    human = models.PositiveSmallIntegerField("faisabilité humaine", null=True, blank=True)
    human_note = models.TextField("commentaire humain", blank=True, default="")
    cost_once = models.DecimalField(
        "coût ponctuel (€)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    cost_per_year = models.DecimalField(
        "coût par an (€)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    recommended = models.BooleanField("recommandée", default=False)
    choice_criteria = models.TextField("critères de choix", blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "solution comparée"
        verbose_name_plural = "solutions comparées"
        ordering = ["need", "-recommended", "name", "pk"]

    def __str__(self):
        return self.name


class Lead(models.Model):
    """A funding scheme or a local partner for a recommendation, kept or discarded with a note.
    The name and the reasons are those shown when the consultant decided."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="leads", verbose_name="solution comparée"
    )
    kind = models.CharField("nature", max_length=20, choices=LeadKind.choices)
    scheme = models.ForeignKey(
        FundingScheme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dispositif de financement",
    )
    operator = models.ForeignKey(
        Operator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="opérateur public",
    )
    key = models.CharField("identifiant", max_length=150)
    name = models.CharField("nom", max_length=300)
    reasons = models.JSONField("raisons", default=list, blank=True)
    kept = models.BooleanField("retenu", default=True)
    note = models.TextField("note", blank=True, default="", max_length=2000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "financement ou partenaire"
        verbose_name_plural = "financements et partenaires"
        ordering = ["candidate", "kind", "-kept", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "kind", "key"],
                name="lead_once",
                violation_error_message=(
                    "Cette piste est déjà enregistrée pour cette solution envisagée."
                ),
            )
        ]

    def __str__(self):
        return self.name
