"""The needs of a mission and where each stands 3 and 6 months after the deliverable."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..vocabulary import FollowUpState, NeedTheme
from .missions import Mission


class Need(models.Model):
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="needs", verbose_name="mission"
    )
    title = models.CharField("besoin", max_length=300)
    description = models.TextField("description", blank=True, default="", max_length=10_000)
    theme = models.CharField("thème", max_length=30, choices=NeedTheme.choices)
    scores = models.JSONField("notes", default=dict)
    manual_position = models.PositiveSmallIntegerField("rang choisi", null=True, blank=True)
    justification = models.TextField("justification du rang", blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "besoin"
        verbose_name_plural = "besoins"
        ordering = ["mission", "pk"]
        # The national view counts needs and missions by theme from this index alone.
        indexes = [models.Index(fields=["theme", "mission"])]

    def __str__(self):
        return self.title


class NeedFollowUp(models.Model):
    """Where a need stands 3 or 6 months after the deliverable: one state per need and
    milestone, corrected in place (kept in the history)."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="besoin"
    )
    milestone = models.PositiveSmallIntegerField(
        "échéance (mois après la livraison)", choices=[(3, "3 mois"), (6, "6 mois")]
    )
    state = models.CharField("état", max_length=20, choices=FollowUpState.choices)
    note = models.TextField("motif ou blocage", blank=True, default="", max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="relevé par",
    )
    recorded_on = models.DateField("relevé le")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "suivi d'un besoin"
        verbose_name_plural = "suivis des besoins"
        ordering = ["need", "milestone"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "milestone"],
                name="need_followup_unique",
                violation_error_message="Ce besoin a déjà un suivi à cette étape.",
            )
        ]

    def __str__(self):
        return f"{self.need} — {self.milestone} mois : {self.get_state_display()}"


class FollowUpReminder(models.Model):
    """A reminder sent: at most one per mission, milestone and person, whatever the number of
    runs of the reminder task (the unique constraint is the guarantee)."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="reminders", verbose_name="mission"
    )
    milestone = models.PositiveSmallIntegerField("échéance (mois)")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="destinataire",
    )
    sent_at = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "rappel de suivi"
        verbose_name_plural = "rappels de suivi"
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "milestone", "recipient"],
                name="followup_reminder_once",
                violation_error_message=(
                    "Ce rappel de suivi a déjà été envoyé à cette personne pour cette étape."
                ),
            )
        ]

    def __str__(self):
        return f"Rappel à {self.milestone} mois — {self.mission}"


# --- Benchmark, recommandations, financements et partenaires -------------------------------
