"""The committees, their documents and the decisions they take on projects."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.core.fields import MarkdownHTMLField
from fabrique.core.markdown import validate_markdown
from fabrique.core.uploads import RandomName

from ..vocabulary import CommitteeKind, Outcome
from .projects import Project

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class Committee(models.Model):
    date = models.DateField("date")
    kind = models.CharField("type", max_length=20, choices=CommitteeKind.choices)
    title = models.CharField("intitulé", max_length=200, blank=True, default="")
    projects = models.ManyToManyField(
        Project, blank=True, related_name="committees", verbose_name="projets à l'ordre du jour"
    )
    attendees = models.TextField("participant·es", blank=True, default="")
    minutes = models.TextField(
        "compte rendu (Markdown)", blank=True, default="", validators=[validate_markdown]
    )
    minutes_html = MarkdownHTMLField("compte rendu (HTML)", source="minutes")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "comité"
        verbose_name_plural = "comités"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("portfolio:committee", args=[self.pk])


class CommitteeDocument(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="documents", verbose_name="comité"
    )
    file = models.FileField("fichier", upload_to=RandomName("comites"))
    name = models.CharField("nom", max_length=200)
    content_type = models.CharField("type de fichier", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "document de comité"
        verbose_name_plural = "documents de comité"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Decision(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="decisions", verbose_name="comité"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="decisions", verbose_name="projet"
    )
    outcome = models.CharField("décision", max_length=20, choices=Outcome.choices)
    amount = models.DecimalField("montant accordé (€)", default=0, **MONEY)
    conditions = models.TextField("conditions", blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "décision"
        verbose_name_plural = "décisions"
        ordering = ["-committee__date"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "project"],
                name="decision_unique",
                violation_error_message="Ce comité a déjà une décision pour ce projet.",
            ),
            models.CheckConstraint(name="decision_amount_positive", condition=Q(amount__gte=0)),
        ]

    def __str__(self):
        return f"{self.project} : {self.get_outcome_display()}"
