"""The project and what describes it: its id, organisations and thematics, partner
collectivités, phases."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.core import spdx
from fabrique.core.fields import MarkdownHTMLField
from fabrique.core.forms import END_AFTER_START
from fabrique.core.markdown import validate_markdown
from fabrique.territories.models import TerritoryLink

from ..vocabulary import TERMINAL_PHASES, PhaseName, ProjectKind

# A project id is the beta.gouv.fr id of an imported project (`aides.jeunes`, `data.gouv.fr`,
# `Pass'Sport`), or a slug made from the name. Letters (accented ones too), digits, "-", "_",
# "." and "'", starting with a letter or a digit: never a space, a slash, "%", "?" or "#", so
# that it is one clean segment of a URL. The URL converter of project pages uses the same rule.
PROJECT_ID_PATTERN = r"[^\W_][\w.'-]*"
_PROJECT_ID = re.compile(rf"\A{PROJECT_ID_PATTERN}\Z")


def validate_project_id(value: str) -> None:
    if not _PROJECT_ID.match(value or ""):
        raise ValidationError(
            "Identifiant invalide : lettres, chiffres, tirets (-), soulignés (_), points et "
            "apostrophes uniquement, en commençant par une lettre ou un chiffre (ni espace ni "
            "barre oblique).",
            code="invalid",
        )


class Organisation(models.Model):
    """A sponsor or partner organisation (ministère, opérateur, collectivité, association…)."""

    name = models.CharField("nom", max_length=200, unique=True)
    acronym = models.CharField("sigle", max_length=40, blank=True, default="")

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name


class Thematic(models.Model):
    name = models.CharField("nom", max_length=100, unique=True)
    slug = models.SlugField("identifiant", max_length=100, unique=True)

    class Meta:
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    def for_page(self):
        """With what the project page shows: manager, thematics, sponsors, partners and their
        territories, phases."""
        partners = ProjectPartner.objects.select_related(
            "commune__departement", "epci", "departement", "region"
        )
        return self.select_related("manager", "postmortem_by").prefetch_related(
            "thematics", "sponsors", models.Prefetch("partners", queryset=partners), "phases"
        )


class Project(models.Model):
    name = models.CharField("nom", max_length=200)
    slug = models.CharField(
        "identifiant",
        max_length=120,
        unique=True,
        validators=[validate_project_id],
        help_text="Identifiant beta.gouv.fr du projet, ou tiré de son nom.",
    )
    kind = models.CharField("type", max_length=30, choices=ProjectKind.choices)
    mission = models.CharField("mission", max_length=500, blank=True, default="")
    description = models.TextField(
        "description (Markdown)", blank=True, default="", validators=[validate_markdown]
    )
    description_html = MarkdownHTMLField("description (HTML)", source="description")
    thematics = models.ManyToManyField(Thematic, blank=True, verbose_name="thématiques")
    sponsors = models.ManyToManyField(
        Organisation, blank=True, related_name="sponsored_projects", verbose_name="sponsors"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_projects",
        verbose_name="chargé·e de portefeuille",
    )
    incubator = models.CharField("incubateur", max_length=100, blank=True, default="")
    user_types = models.CharField("publics", max_length=300, blank=True, default="")
    contact = models.CharField("contact", max_length=254, blank=True, default="")
    service_url = models.URLField("site du service", max_length=500, blank=True, default="")
    repository_url = models.URLField("dépôt de code", max_length=500, blank=True, default="")
    stats_url = models.URLField("page de statistiques", max_length=500, blank=True, default="")
    licence = models.CharField(
        "licence (SPDX)", max_length=60, blank=True, default="", validators=[spdx.validate]
    )
    open_datasets = models.TextField(
        "jeux de données ouverts", blank=True, default="", help_text="Une adresse par ligne."
    )
    postmortem_learnings = models.TextField(
        "post-mortem : ce qui a été appris", blank=True, default=""
    )
    postmortem_reasons = models.TextField(
        "post-mortem : pourquoi le service s'arrête", blank=True, default=""
    )
    postmortem_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="post-mortem écrit par",
    )
    postmortem_at = models.DateTimeField("post-mortem écrit le", null=True, blank=True)
    review_notes = models.TextField(
        "à vérifier",
        blank=True,
        default="",
        help_text="Incohérences relevées à l'import, à corriger par l'équipe.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "projet"
        verbose_name_plural = "projets"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portfolio:project", args=[self.slug])

    @property
    def has_postmortem(self) -> bool:
        return bool(self.postmortem_learnings.strip() and self.postmortem_reasons.strip())

    @property
    def open_dataset_urls(self) -> list[str]:
        return [line.strip() for line in self.open_datasets.splitlines() if line.strip()]


class ProjectPartner(TerritoryLink):
    """A collectivité partner of a project."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name="projet"
    )
    history = HistoricalRecords()

    class Meta(TerritoryLink.Meta):
        verbose_name = "collectivité partenaire"
        verbose_name_plural = "collectivités partenaires"

    def __str__(self):
        return str(self.territory)


class Phase(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="phases", verbose_name="projet"
    )
    name = models.CharField("phase", max_length=30, choices=PhaseName.choices)
    start = models.DateField("début")
    end = models.DateField("fin", null=True, blank=True)
    comment = models.TextField("commentaire", blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phase"
        verbose_name_plural = "phases"
        ordering = ["project", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                name="phase_end_after_start",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                violation_error_message=END_AFTER_START,
            )
        ]
        indexes = [models.Index(fields=["project", "-start"])]

    def __str__(self):
        return f"{self.get_name_display()} ({self.start:%d/%m/%Y})"

    @property
    def is_terminal(self) -> bool:
        return self.name in TERMINAL_PHASES
