"""Projects of the incubator and everything a portfolio manager follows about them.

Derived facts (current phase, remaining budget, next committee due, post-mortem to write)
are computed by `selectors.py` and `rules.py`, never stored.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.core import spdx
from fabrique.core.fields import MarkdownHTMLField
from fabrique.core.forms import END_AFTER_START
from fabrique.core.markdown import validate_markdown
from fabrique.core.numbers import euros
from fabrique.core.uploads import RandomName
from fabrique.territories.models import TerritoryLink

from .vocabulary import (
    TERMINAL_PHASES,
    CommitteeKind,
    MaturityAxis,
    Outcome,
    PhaseName,
    ProjectKind,
    TeamRole,
)

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}

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


class FundingLine(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="funding", verbose_name="projet"
    )
    source = models.CharField("source", max_length=200, help_text="France Relance, ANCT, sponsor…")
    amount = models.DecimalField("montant (€)", **MONEY)
    start = models.DateField("début")
    end = models.DateField("fin", null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding",
        verbose_name="décision",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "lignes de financement"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(name="funding_amount_positive", condition=Q(amount__gte=0)),
            models.CheckConstraint(
                name="funding_end_after_start",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
            ),
        ]
        indexes = [models.Index(fields=["project", "amount"], name="funding_project_sums")]

    def __str__(self):
        return f"{self.source} : {euros(self.amount)}"


class Expense(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="expenses", verbose_name="projet"
    )
    date = models.DateField("date")
    amount = models.DecimalField("montant (€)", **MONEY)
    label = models.CharField("objet", max_length=200)
    # Set by the app that records the expense for a record of its own (the service fait of an
    # expert module): such an expense is corrected there, not in the budget, so both agree.
    origin = models.CharField("origine", max_length=200, blank=True, default="", editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dépense"
        verbose_name_plural = "dépenses"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(name="expense_amount_positive", condition=Q(amount__gte=0))
        ]
        # Covering the dashboard's sums per project (total and last 90 days): read from the
        # index alone, without visiting the rows.
        indexes = [models.Index(fields=["project", "date", "amount"], name="expense_project_sums")]

    def __str__(self):
        return f"{self.label} : {euros(self.amount)}"


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
