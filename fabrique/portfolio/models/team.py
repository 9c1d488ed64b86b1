"""The team of a project and the « service fait » attested for each member."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from fabrique.core.forms import END_AFTER_START

from ..vocabulary import TeamRole
from .projects import Project


class TeamMember(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="team", verbose_name="projet"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_memberships",
        verbose_name="compte",
    )
    full_name = models.CharField("nom", max_length=200)
    role = models.CharField("rôle", max_length=30, choices=TeamRole.choices)
    start = models.DateField("début")
    end = models.DateField("fin", null=True, blank=True)
    is_freelance = models.BooleanField("freelance", default=False)
    company = models.CharField("structure", max_length=200, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "membre de l'équipe"
        verbose_name_plural = "membres de l'équipe"
        ordering = ["project", "start", "full_name"]
        constraints = [
            models.CheckConstraint(
                name="team_end_after_start",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                violation_error_message=END_AFTER_START,
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"


class ServiceFait(models.Model):
    """A period of work by a freelancer, to attest as done ("service fait") before payment."""

    member = models.ForeignKey(
        TeamMember,
        on_delete=models.CASCADE,
        related_name="attestations",
        verbose_name="membre de l'équipe",
    )
    period_start = models.DateField("début de période")
    period_end = models.DateField("fin de période")
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="attesté par",
    )
    attested_at = models.DateTimeField("attesté le", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "service fait"
        verbose_name_plural = "services faits"
        ordering = ["period_end"]
        constraints = [
            models.CheckConstraint(
                name="service_fait_end_after_start",
                condition=Q(period_end__gte=F("period_start")),
                violation_error_message=END_AFTER_START,
            ),
            models.UniqueConstraint(
                fields=["member", "period_start"],
                name="service_fait_unique_period",
                violation_error_message=(
                    "Une période de service fait commence déjà à cette date pour cette personne."
                ),
            ),
        ]

    def __str__(self):
        return (
            f"{self.member.full_name} : {self.period_start:%d/%m/%Y} – {self.period_end:%d/%m/%Y}"
        )
