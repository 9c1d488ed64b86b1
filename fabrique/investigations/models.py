"""Problems raised by collectivités, calls, investigations in five phases, days ledger."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.catalogue.models import Solution
from fabrique.core.numbers import days_text
from fabrique.core.uploads import RandomName
from fabrique.portfolio.models import Committee, Project
from fabrique.territories.models import Region, TerritoryLink

from .rules import grid_max_total
from .vocabulary import (
    DEFAULT_GRID,
    CollectiviteKind,
    Decision,
    ExitRoute,
    ProblemStatus,
    StaffRole,
    Step,
)


def default_grid() -> list[list[str]]:
    return [list(item) for item in DEFAULT_GRID]


class Call(models.Model):
    """An "appel à problématiques"."""

    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("présentation", blank=True, default="")
    opens_on = models.DateField("ouverture")
    closes_on = models.DateField("clôture")
    funded_count = models.PositiveIntegerField("investigations financées")
    eligible_kinds = models.CharField(
        "types de collectivités éligibles",
        max_length=100,
        blank=True,
        default="",
        help_text="Séparés par des virgules : commune, epci, departement, region. Vide : toutes.",
    )
    regions = models.ManyToManyField(Region, blank=True, verbose_name="régions éligibles")
    grid = models.JSONField("grille de notation", default=default_grid)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "appel à problématiques"
        verbose_name_plural = "appels à problématiques"
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="call_closes_after_opening",
                condition=Q(closes_on__gte=models.F("opens_on")),
                violation_error_message="La clôture doit suivre l'ouverture.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("investigations:call", args=[self.pk])

    @property
    def grid_keys(self) -> list[str]:
        return [key for key, _ in self.grid]

    @property
    def max_total(self) -> int:
        """The best total a reviewer can give on this call's grid (the scale of averages)."""
        return grid_max_total(len(self.grid))

    @property
    def kinds(self) -> list[str]:
        return [k.strip() for k in self.eligible_kinds.split(",") if k.strip()]

    @property
    def kind_labels(self) -> str:
        """The eligible kinds as people read them (« Commune, EPCI »), "" for all."""
        labels = dict(CollectiviteKind.choices)
        return ", ".join(labels.get(kind, kind) for kind in self.kinds)


class Problem(models.Model):
    title = models.CharField("intitulé", max_length=200)
    statement = models.TextField("le problème public, en mots simples")
    sufferers = models.TextField("qui en souffre", blank=True, default="")
    sufferers_count = models.PositiveIntegerField("combien de personnes", null=True, blank=True)
    current_practice = models.TextField("ce qui est fait aujourd'hui", blank=True, default="")
    tried = models.TextField("ce qui a déjà été essayé", blank=True, default="")
    team = models.TextField(
        "l'équipe prête à y travailler",
        blank=True,
        default="",
        help_text="Les agents et le temps dont ils disposent.",
    )
    theme = models.CharField("thème", max_length=100, blank=True, default="")
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
        verbose_name="appel",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_problems",
        verbose_name="déposé par",
    )
    heard_elsewhere = models.BooleanField("entendu ailleurs par l'équipe", default=False)
    status = models.CharField(
        "statut", max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.SUBMITTED
    )
    decision_reason = models.TextField("motif de la décision", blank=True, default="")
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name="fusionné dans",
    )
    unresolved_collectivites = models.TextField(
        "collectivités non reconnues",
        blank=True,
        default="",
        help_text="Noms lus à l'import sans collectivité certaine (inconnus ou homonymes).",
    )
    created_at = models.DateTimeField("déposé le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "problème"
        verbose_name_plural = "problèmes"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("investigations:problem", args=[self.pk])


class ProblemCollectivite(TerritoryLink):
    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="collectivites", verbose_name="problème"
    )
    # Set when a merge brought this collectivité from another problem: undoing that merge takes
    # it off again (and only it: the problem's own collectivités stay).
    merged_from = models.ForeignKey(
        Problem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="venue de la fusion de",
    )

    class Meta(TerritoryLink.Meta):
        verbose_name = "collectivité concernée"
        verbose_name_plural = "collectivités concernées"
        constraints = [
            *TerritoryLink.Meta.constraints,
            *(
                models.UniqueConstraint(
                    fields=["problem", field],
                    name=f"problem_coll_{field}",
                    violation_error_message="Cette collectivité est déjà rattachée à ce problème.",
                )
                for field in TerritoryLink.TERRITORY_FIELDS
            ),
        ]

    def __str__(self):
        return str(self.territory)


class ProblemAttachment(models.Model):
    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="attachments", verbose_name="problème"
    )
    file = models.FileField("fichier", upload_to=RandomName("problemes"))
    name = models.CharField("nom", max_length=200)
    content_type = models.CharField("type de fichier", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_at = models.DateTimeField("déposée le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Review(models.Model):
    """One reviewer's scores of a problem against its call's grid."""

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="reviews", verbose_name="problème"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="relecteur·rice",
    )
    scores = models.JSONField("notes", default=dict)
    total = models.PositiveIntegerField("total", default=0)
    comment = models.TextField("commentaire", blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "notation"
        verbose_name_plural = "notations"
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "reviewer"],
                name="review_unique",
                violation_error_message=(
                    "Vous avez déjà noté ce problème : modifiez votre notation."
                ),
            )
        ]

    def __str__(self):
        return f"{self.problem} : {self.total}"


class Investigation(models.Model):
    problem = models.OneToOneField(
        Problem, on_delete=models.PROTECT, related_name="investigation", verbose_name="problème"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_investigations",
        verbose_name="coach",
    )
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="designed_investigations",
        verbose_name="designer",
    )
    agents = models.TextField("équipe d'agents", blank=True, default="")
    start = models.DateField("début prévu")
    weeks = models.PositiveSmallIntegerField("durée (semaines)", default=10)
    decision = models.CharField(
        "décision", max_length=20, choices=Decision.choices, blank=True, default=""
    )
    decided_on = models.DateField("décidé le", null=True, blank=True)
    learnings = models.TextField("ce qui a été appris", blank=True, default="")
    go_scores = models.JSONField("grille du go/no-go", default=dict, blank=True)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="investigations",
        verbose_name="comité de go/no-go",
    )
    # The decision opened that committee (none was planned that day): taking the decision back
    # removes it too when nothing else was recorded there, instead of leaving an empty one.
    committee_opened = models.BooleanField("comité ouvert par la décision", default=False)
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="investigations",
        verbose_name="projet",
    )
    solution = models.ForeignKey(
        Solution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="investigations",
        verbose_name="solution existante",
    )
    is_public = models.BooleanField("publique", default=False)
    source_id = models.CharField(
        "identifiant beta.gouv.fr",
        max_length=120,
        null=True,
        blank=True,
        unique=True,
        help_text="Fiche startup d'où vient une investigation importée.",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "investigation"
        verbose_name_plural = "investigations"
        ordering = ["-start", "-pk"]

    def __str__(self):
        return self.problem.title

    def get_absolute_url(self):
        return reverse("investigations:investigation", args=[self.pk])


class InvestigationPhase(models.Model):
    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="phases", verbose_name="investigation"
    )
    step = models.PositiveSmallIntegerField("phase", choices=Step.choices)
    planned_start = models.DateField("début prévu")
    planned_end = models.DateField("fin prévue")
    closed_on = models.DateField("close le", null=True, blank=True)
    summary = models.TextField("synthèse", blank=True, default="")
    figures = models.TextField("chiffres", blank=True, default="")
    sources = models.TextField("sources", blank=True, default="")
    statement = models.TextField("énoncé du problème", blank=True, default="")
    interviews = models.TextField(
        "entretiens et observations",
        blank=True,
        default="",
        help_text="Qui, quand, ce qui a été appris.",
    )
    user_needs = models.TextField("besoins des usagers", blank=True, default="")
    ideas = models.TextField("idées envisagées", blank=True, default="")
    chosen_idea = models.TextField("idée retenue", blank=True, default="")
    links = models.TextField("liens et fichiers", blank=True, default="")
    tests = models.TextField("ce qui a été testé, avec qui", blank=True, default="")
    results = models.TextField("résultats au regard des hypothèses", blank=True, default="")
    exit_route = models.CharField(
        "voie de sortie", max_length=30, choices=ExitRoute.choices, blank=True, default=""
    )
    impact_hypothesis = models.TextField("hypothèse d'impact", blank=True, default="")
    indicators = models.TextField(
        "premiers indicateurs", blank=True, default="", help_text="Un indicateur par ligne."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phase d'investigation"
        verbose_name_plural = "phases d'investigation"
        ordering = ["investigation", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "step"],
                name="inv_phase_unique",
                violation_error_message="Cette investigation a déjà cette phase.",
            )
        ]

    def __str__(self):
        return self.get_step_display()

    @property
    def closed(self) -> bool:
        return self.closed_on is not None


class DayEntry(models.Model):
    """Days spent by one person on an investigation."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="days", verbose_name="investigation"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="personne",
    )
    full_name = models.CharField("nom", max_length=200)
    role = models.CharField("rôle", max_length=20, choices=StaffRole.choices)
    day = models.DateField("date")
    days = models.DecimalField("jours", max_digits=4, decimal_places=1)
    note = models.CharField("note", max_length=300, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jours passés"
        verbose_name_plural = "jours passés"
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(
                name="day_entry_positive",
                condition=Q(days__gt=0) & Q(days__lte=1),
                violation_error_message="Indiquez entre 0,5 et 1 jour par date.",
            )
        ]

    def __str__(self):
        return f"{self.full_name} {self.day:%d/%m/%Y} : {days_text(self.days)}"
