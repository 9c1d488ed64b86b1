"""The individual follow-ups of a project by a coach, and their notes."""

from django.db import models
from simple_history.models import HistoricalRecords

from fabrique.portfolio.models import Project

from ..vocabulary import Theme
from .common import USER


class FollowUp(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="support_follow_ups", verbose_name="projet"
    )
    coach = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        related_name="support_follow_ups",
        verbose_name="coach",
    )
    theme = models.CharField("thème", max_length=30, choices=Theme.choices)
    title = models.CharField("objet", max_length=200)
    next_due = models.DateField("prochaine échéance", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "suivi individuel"
        verbose_name_plural = "suivis individuels"
        ordering = ["project", "title"]

    def __str__(self):
        return f"{self.title} ({self.project})"


class FollowUpNote(models.Model):
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="notes", verbose_name="suivi individuel"
    )
    date = models.DateField("date")
    notes = models.TextField("notes (Markdown)")
    indicators = models.ManyToManyField(
        "impact.Indicator", blank=True, verbose_name="indicateurs abordés"
    )
    next_step = models.CharField("prochaine étape", max_length=300, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "note de suivi"
        verbose_name_plural = "notes de suivi"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.follow_up.title} — {self.date:%d/%m/%Y}"
