"""Missions of the accompagnement sur-mesure: request, eligibility, days, needs, deliverable."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.catalogue.models import FundingScheme, Operator, Solution, SolutionSuggestion
from fabrique.core.fields import MarkdownHTMLField
from fabrique.core.numbers import days_text
from fabrique.territories.models import EPCI, Commune

from . import rules
from .vocabulary import (
    DEFAULT_GRID,
    OPEN_STATUSES,
    ActivityKind,
    FollowUpState,
    InterviewMode,
    LeadKind,
    MissionStatus,
    NeedTheme,
    PersonRole,
    ToolKind,
    TrainingTopic,
)


class EligibilityRule(models.Model):
    """Dated thresholds the team can change: a mission keeps the rule it was accepted under."""

    valid_from = models.DateField("en vigueur à partir du", unique=True)
    commune_threshold = models.PositiveIntegerField("seuil des communes (habitants)")
    epci_threshold = models.PositiveIntegerField("seuil des EPCI (habitants)")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "règle d'éligibilité"
        verbose_name_plural = "règles d'éligibilité"
        ordering = ["-valid_from"]

    def __str__(self):
        return (
            f"Depuis le {self.valid_from:%d/%m/%Y} : communes < {self.commune_threshold}, "
            f"EPCI < {self.epci_threshold}"
        )


class CriteriaGrid(models.Model):
    """A version of the grid needs are scored with; a mission keeps the one it was scored with."""

    created_at = models.DateTimeField("créée le", auto_now_add=True)
    criteria = models.JSONField("critères", default=dict)

    class Meta:
        verbose_name = "grille de critères"
        verbose_name_plural = "grilles de critères"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Grille du {self.created_at:%d/%m/%Y}"

    @classmethod
    def default(cls) -> "CriteriaGrid":
        grid = cls.objects.filter(criteria=DEFAULT_GRID).order_by("pk").first()
        return grid or cls.objects.create(criteria=DEFAULT_GRID)


class Mission(models.Model):
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name="commune",
    )
    epci = models.ForeignKey(
        EPCI,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name="EPCI",
    )
    contact_name = models.CharField("contact", max_length=200, blank=True, default="")
    contact_email = models.EmailField("adresse du contact", blank=True, default="")
    hopes = models.TextField("ce que la collectivité espère", max_length=10_000)
    status = models.CharField(
        "statut", max_length=20, choices=MissionStatus.choices, default=MissionStatus.REQUESTED
    )
    eligible = models.BooleanField("éligible", default=False)
    eligibility_reason = models.CharField("éligibilité", max_length=300, blank=True, default="")
    rule = models.ForeignKey(
        EligibilityRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="règle d'éligibilité",
    )
    grid = models.ForeignKey(
        CriteriaGrid,
        on_delete=models.PROTECT,
        related_name="missions",
        verbose_name="grille de critères",
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="diagnostic_missions",
        verbose_name="consultant·e",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="demandée par",
    )
    requested_on = models.DateField("demandée le")
    start = models.DateField("début", null=True, blank=True)
    planned_end = models.DateField("fin prévue", null=True, blank=True)
    delivered_on = models.DateField("livrée le", null=True, blank=True)
    closing_reason = models.TextField("motif (refus, abandon)", blank=True, default="")
    acceptance_reason = models.TextField(
        "motif de l'acceptation hors critères", blank=True, default=""
    )
    extra_days_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dépassement des 10 jours approuvé par",
    )
    extra_days_reason = models.TextField(
        "motif du dépassement des 10 jours", blank=True, default=""
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mission d'accompagnement sur-mesure"
        verbose_name_plural = "missions d'accompagnement sur-mesure"
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="mission_one_collectivite",
                condition=models.Q(commune__isnull=False, epci__isnull=True)
                | models.Q(commune__isnull=True, epci__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["status", "requested_on"])]

    def __str__(self):
        # « Mission à » does not fit an EPCI (« à Communauté de communes… »).
        return f"Mission sur-mesure — {self.collectivite}"

    def get_absolute_url(self):
        return reverse("diagnostics:mission", args=[self.pk])

    @property
    def days_used_text(self) -> str:
        """Days logged, from the `half_days_used` annotation of the lists (« 6,5 »)."""
        return rules.days_number(rules.days(getattr(self, "half_days_used", 0) or 0))

    @property
    def days_badge(self) -> dict | None:
        """The badge of the lists (« Dépassement non approuvé »…), from `half_days_used`."""
        return rules.days_badge(
            rules.days(getattr(self, "half_days_used", 0) or 0),
            approved=self.extra_days_approved_by_id is not None,
            running=self.status in OPEN_STATUSES,
        )

    @property
    def collectivite(self):
        return self.commune or self.epci

    @property
    def collectivite_code(self) -> str:
        return self.commune.insee if self.commune_id else self.epci.siren


class TimeEntry(models.Model):
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="time_entries", verbose_name="mission"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="personne",
    )
    day = models.DateField("date")
    half_days = models.PositiveSmallIntegerField("demi-journées")
    kind = models.CharField("activité", max_length=20, choices=ActivityKind.choices)
    note = models.CharField("note", max_length=300, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "temps passé"
        verbose_name_plural = "temps passés"
        ordering = ["mission", "day", "pk"]

    def __str__(self):
        days = days_text(Decimal(self.half_days) / 2)
        return f"{self.day:%d/%m/%Y} : {days} ({self.get_kind_display()})"


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


class Deliverable(models.Model):
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="deliverables", verbose_name="mission"
    )
    version = models.PositiveSmallIntegerField("version")
    pdf = models.FileField("fichier PDF", upload_to="diagnostics/livrables/")
    odt = models.FileField("fichier ODT", upload_to="diagnostics/livrables/")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="auteur·rice",
    )
    created_at = models.DateTimeField("produit le", auto_now_add=True)
    is_final = models.BooleanField("version finale", default=False)

    class Meta:
        verbose_name = "livrable"
        verbose_name_plural = "livrables"
        ordering = ["mission", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "version"], name="deliverable_version")
        ]

    def __str__(self):
        return f"Livrable v{self.version} — {self.mission}"


# --- Découverte (diaga) ---
class Prediagnostic(models.Model):
    """The pre-diagnostic of a mission: a dated snapshot of the figures it was based on."""

    mission = models.OneToOneField(
        Mission, on_delete=models.CASCADE, related_name="prediagnostic", verbose_name="mission"
    )
    data = models.JSONField("données", default=dict)
    computed_at = models.DateTimeField("calculé le")
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="calculé par",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pré-diagnostic"
        verbose_name_plural = "pré-diagnostics"

    def __str__(self):
        return f"Pré-diagnostic du {self.computed_at:%d/%m/%Y} — {self.mission}"


class Person(models.Model):
    """Someone met during a mission; the name stays inside the mission unless marked public."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="people", verbose_name="mission"
    )
    name = models.CharField("nom (facultatif)", max_length=200, blank=True, default="")
    role = models.CharField("rôle", max_length=20, choices=PersonRole.choices)
    service = models.CharField("service", max_length=200, blank=True, default="")
    name_is_public = models.BooleanField("nom cité dans le livrable", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "personne rencontrée"
        verbose_name_plural = "personnes rencontrées"
        ordering = ["mission", "role", "pk"]

    def __str__(self):
        label = self.name or self.get_role_display()
        return f"{label} ({self.service})" if self.service else label


class Interview(models.Model):
    """An interview, or a workshop when it gathers several people."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="interviews", verbose_name="mission"
    )
    day = models.DateField("date")
    mode = models.CharField("modalité", max_length=20, choices=InterviewMode.choices)
    title = models.CharField("intitulé (atelier)", max_length=200, blank=True, default="")
    people = models.ManyToManyField(Person, related_name="interviews", verbose_name="personnes")
    notes = models.TextField("notes (Markdown)", blank=True, default="", max_length=20_000)
    notes_html = MarkdownHTMLField("notes (HTML)", source="notes")
    needs = models.ManyToManyField(
        Need, related_name="interviews", blank=True, verbose_name="besoins soulevés"
    )
    history = HistoricalRecords(m2m_fields=[people, needs])

    class Meta:
        verbose_name = "entretien"
        verbose_name_plural = "entretiens"
        ordering = ["mission", "day", "pk"]

    def __str__(self):
        return f"{self.title or 'Entretien'} du {self.day:%d/%m/%Y}"


class Tool(models.Model):
    """A tool the collectivité uses today."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="tools", verbose_name="mission"
    )
    name = models.CharField("outil", max_length=200)
    kind = models.CharField("nature", max_length=20, choices=ToolKind.choices)
    cost_per_year = models.DecimalField(
        "coût par an (€)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    satisfaction = models.PositiveSmallIntegerField("satisfaction (0 à 3)", null=True, blank=True)
    solution = models.ForeignKey(
        Solution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="solution du catalogue",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "outil en place"
        verbose_name_plural = "outils en place"
        ordering = ["mission", "kind", "name", "pk"]

    def __str__(self):
        return self.name


class Training(models.Model):
    """An awareness or training session delivered during the mission."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="trainings", verbose_name="mission"
    )
    day = models.DateField("date")
    topic = models.CharField("thème", max_length=20, choices=TrainingTopic.choices)
    audience = models.CharField("public", max_length=200)
    attendance = models.PositiveIntegerField("nombre de participant·es")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sensibilisation ou formation"
        verbose_name_plural = "sensibilisations et formations"
        ordering = ["mission", "day", "pk"]

    def __str__(self):
        return f"{self.get_topic_display()} du {self.day:%d/%m/%Y}"


class QuestionnaireVersion(models.Model):
    """A version of the « état des lieux » questionnaire; frozen once a mission answered it."""

    number = models.PositiveIntegerField("version", unique=True)
    questions = models.JSONField("questions", default=list)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créée par",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "version du questionnaire"
        verbose_name_plural = "versions du questionnaire"
        ordering = ["-number"]

    def __str__(self):
        return f"Questionnaire, version {self.number}"


class QuestionnaireAnswer(models.Model):
    """A mission's answers, with the version it was answered with."""

    mission = models.OneToOneField(
        Mission,
        on_delete=models.CASCADE,
        related_name="questionnaire_answer",
        verbose_name="mission",
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name="version du questionnaire",
    )
    answers = models.JSONField("réponses", default=dict)
    answered_at = models.DateTimeField("répondu le")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="répondu par",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "réponses au questionnaire"
        verbose_name_plural = "réponses au questionnaire"

    def __str__(self):
        return f"Réponses de {self.mission}"


# --- Suivi après livraison ---------------------------------------------------------------


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
            models.UniqueConstraint(fields=["need", "milestone"], name="need_followup_unique")
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
                fields=["mission", "milestone", "recipient"], name="followup_reminder_once"
            )
        ]

    def __str__(self):
        return f"Rappel à {self.milestone} mois — {self.mission}"


# --- Benchmark, recommandations, financements et partenaires -------------------------------


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
            models.UniqueConstraint(fields=["candidate", "kind", "key"], name="lead_once")
        ]

    def __str__(self):
        return self.name


class Comment(models.Model):
    """A comment on a mission by those who follow it: the collectivité's agents, the consultant,
    the team. Plain text, shown escaped; its author edits or deletes it."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="comments", verbose_name="mission"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur·rice",
    )
    body = models.TextField("commentaire")
    created_at = models.DateTimeField("écrit le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["mission", "created_at", "pk"]

    def __str__(self):
        return f"Commentaire du {self.created_at:%d/%m/%Y}"
