"""The offer: its formats, their sessions and the registrations to them."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fabrique.portfolio.models import Project

from ..vocabulary import SESSION_KINDS, Audience, FormatKind, RegistrationStatus, Theme
from .common import USER


class SupportFormat(models.Model):
    kind = models.CharField("type", max_length=20, choices=FormatKind.choices)
    title = models.CharField("titre", max_length=200)
    theme = models.CharField("thème", max_length=30, choices=Theme.choices)
    audience = models.CharField("public", max_length=20, choices=Audience.choices)
    duration = models.CharField("durée", max_length=100, blank=True, default="")
    description = models.TextField("description (Markdown)", blank=True, default="")
    materials = models.TextField("supports", blank=True, default="")
    is_public = models.BooleanField("visible dans l'offre publique", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "format d'accompagnement"
        verbose_name_plural = "formats d'accompagnement"
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    @property
    def has_sessions(self) -> bool:
        """Workshops and trainings have sessions; a follow-up or an expert module is asked for."""
        return self.kind in SESSION_KINDS


class Session(models.Model):
    format = models.ForeignKey(
        SupportFormat, on_delete=models.CASCADE, related_name="sessions", verbose_name="format"
    )
    start = models.DateTimeField("début")
    end = models.DateTimeField("fin")
    place = models.CharField("lieu", max_length=300, blank=True, default="")
    video_url = models.URLField("lien de visio", max_length=500, blank=True, default="")
    trainer = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_sessions",
        verbose_name="formateur·rice",
    )
    capacity = models.PositiveIntegerField("places")
    is_public = models.BooleanField("publique", default=True)
    # Denormalised count of confirmed registrations, kept by the services: the offer page and the
    # coach's view show it without counting rows.
    registered_count = models.PositiveIntegerField("inscrit·es", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "session"
        verbose_name_plural = "sessions"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                name="support_session_end_after_start",
                condition=Q(end__gt=F("start")),
                violation_error_message="La fin de la session doit suivre son début.",
            )
        ]
        indexes = [
            models.Index(fields=["is_public", "start"], name="support_session_public"),
            models.Index(fields=["trainer", "start"], name="support_session_trainer"),
        ]

    def __str__(self):
        # In the time of the site (Europe/Paris), as every page shows it, not in UTC.
        return f"{self.format.title} — {timezone.localtime(self.start):%d/%m/%Y %H:%M}"

    @property
    def place_label(self) -> str:
        """Where it happens, as pages and emails say it: the place, else "En visio" when there
        is a video link, else "Lieu à préciser" (never "En visio" without a link)."""
        if self.place:
            return self.place
        return "En visio" if self.video_url else "Lieu à préciser"


class Registration(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name="session"
    )
    user = models.ForeignKey(
        USER,
        on_delete=models.CASCADE,
        related_name="support_registrations",
        verbose_name="personne",
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_registrations",
        verbose_name="projet",
    )
    status = models.CharField(
        "statut", max_length=20, choices=RegistrationStatus.choices, default="inscrit"
    )
    registered_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inscrit·e par",
    )
    created_at = models.DateTimeField("inscrit·e le", auto_now_add=True)
    attended = models.BooleanField("présent·e", null=True, blank=True)
    score = models.PositiveSmallIntegerField("satisfaction (1 à 5)", null=True, blank=True)
    comment = models.TextField("commentaire", blank=True, default="")
    # The "day before" reminder, per registration: someone registered after it went out to the
    # others gets theirs at the next run, and nobody gets two (`reminders_send`).
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["session", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                name="support_registration_once",
                violation_error_message="Cette personne est déjà inscrite à cette session.",
            ),
            models.CheckConstraint(
                name="support_score_1_5",
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="support_registration_user")]

    def __str__(self):
        return f"{self.user} — {self.session}"
