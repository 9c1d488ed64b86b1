"""Discovery (« diaga »): pre-diagnostic, people met, interviews, tools in place, trainings,
the « état des lieux » questionnaire."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from fabrique.catalogue.models import Solution
from fabrique.core.fields import MarkdownHTMLField

from ..vocabulary import InterviewMode, PersonRole, ToolKind, TrainingTopic
from .missions import Mission
from .needs import Need


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
