"""The support requests of agents and project members, and the answer they get."""

from django.db import models
from simple_history.models import HistoricalRecords

from fabrique.portfolio.models import Project

from ..vocabulary import RequestStatus, Theme
from .common import USER
from .followups import FollowUp
from .modules import ExpertModule
from .offer import Session


class SupportRequest(models.Model):
    requester = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="support_requests", verbose_name="demandeur"
    )
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="projet"
    )
    theme = models.CharField("thème", max_length=30, choices=Theme.choices)
    message = models.TextField("votre besoin")
    status = models.CharField(
        "statut", max_length=20, choices=RequestStatus.choices, default="nouvelle"
    )
    answer = models.TextField("réponse", blank=True, default="")
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="session"
    )
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="suivi individuel"
    )
    module = models.ForeignKey(
        ExpertModule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="module d'expertise",
    )
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "demande d'accompagnement"
        verbose_name_plural = "demandes d'accompagnement"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_theme_display()} — {self.requester}"
