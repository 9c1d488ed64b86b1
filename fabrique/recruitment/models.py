"""Job offers, applications and the pipeline of the team that recruits."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.core.fields import MarkdownHTMLField
from fabrique.core.markdown import validate_markdown

from .vocabulary import Contract, OfferStatus, Remote, SourceFormat, Stage


def cv_path(instance, filename):
    # The uploaded name is never part of the path: only its checked extension.
    extension = "odt" if filename.lower().endswith(".odt") else "pdf"
    return f"candidatures/{uuid.uuid4().hex}.{extension}"


class JobOffer(models.Model):
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    title = models.CharField("titre", max_length=300)
    # Before the long texts: SQLite then reads it without following their overflow pages.
    search_text = models.TextField("texte de recherche", editable=False, blank=True, default="")
    role = models.CharField("rôle", max_length=300, blank=True, default="")
    team_name = models.CharField("équipe", max_length=200, blank=True, default="")
    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_offers",
        verbose_name="projet du portefeuille",
    )
    contract = models.CharField(
        "contrat", max_length=30, choices=Contract.choices, blank=True, default=""
    )
    contract_raw = models.CharField(
        "contrat (tel qu'écrit)", max_length=200, blank=True, default=""
    )
    contract_holder = models.CharField(
        "qui porte le contrat", max_length=200, blank=True, default=""
    )
    junior = models.BooleanField("ouvert aux profils juniors", default=False)
    place = models.CharField("lieu", max_length=200, blank=True, default="")
    remote = models.CharField(
        "télétravail", max_length=20, choices=Remote.choices, blank=True, default=""
    )
    opens_on = models.DateField("ouverture", null=True, blank=True)
    closes_on = models.DateField("clôture", null=True, blank=True)
    days_per_week = models.CharField("jours par semaine", max_length=60, blank=True, default="")
    duration = models.CharField("durée", max_length=120, blank=True, default="")
    contact = models.CharField("contact", max_length=254, blank=True, default="")
    external_url = models.URLField("formulaire externe", max_length=500, blank=True, default="")
    status = models.CharField(
        "statut", max_length=20, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    filled_on = models.DateField("pourvue le", null=True, blank=True)
    techno = models.JSONField("technologies", default=list, blank=True)
    domains = models.JSONField("domaines", default=list, blank=True)
    source_format = models.CharField(
        "format d'origine",
        max_length=20,
        choices=SourceFormat.choices,
        default=SourceFormat.FABRIQUE,
    )
    source_file = models.CharField("fichier d'origine", max_length=500, blank=True, default="")
    # Keys of the original file that Fabrique does not use, kept for the export.
    extra = models.JSONField("autres champs du fichier", default=dict, blank=True)
    review_notes = models.TextField("à vérifier", blank=True, default="")
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    # The long texts last (see `search_text`).
    body = models.TextField(
        "description (Markdown)", blank=True, default="", validators=[validate_markdown]
    )
    body_html = MarkdownHTMLField("description (HTML assaini)", source="body")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "offre d'emploi"
        verbose_name_plural = "offres d'emploi"
        ordering = ["-opens_on", "title"]
        indexes = [
            models.Index(fields=["status", "closes_on"]),
            models.Index(fields=["opens_on"]),
            models.Index(fields=["team_name"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("recruitment:offer", args=[self.slug])


class JobOfferWord(models.Model):
    """One folded word of an offer's `search_text`: the inverted index of the job board's search
    (see `fabrique.core.wordindex`)."""

    offer = models.ForeignKey(
        JobOffer, on_delete=models.CASCADE, related_name="words", verbose_name="offre"
    )
    word = models.CharField("mot", max_length=60)

    class Meta:
        verbose_name = "mot indexé"
        verbose_name_plural = "mots indexés"
        indexes = [models.Index(fields=["word", "offer"], name="job_offer_word")]

    def __str__(self):
        return self.word


class Application(models.Model):
    offer = models.ForeignKey(
        JobOffer, on_delete=models.CASCADE, related_name="applications", verbose_name="offre"
    )
    name = models.CharField("nom", max_length=200)
    email = models.EmailField("adresse électronique")
    message = models.TextField("message", max_length=5000)
    links = models.TextField("liens", blank=True, default="", max_length=2000)
    cv = models.FileField("CV", upload_to=cv_path, blank=True)
    cv_content_type = models.CharField("type du CV", max_length=80, blank=True, default="")
    consent_at = models.DateTimeField("consentement donné le")
    stage = models.CharField("étape", max_length=20, choices=Stage.choices, default=Stage.RECEIVED)
    rejection_reason = models.TextField("motif du refus", blank=True, default="")
    stage_changed_at = models.DateTimeField("à cette étape depuis")
    # A keyed hash of the network address, for the anti-spam limit; never the address itself.
    source_hash = models.CharField(
        "empreinte de la source", max_length=64, blank=True, default="", db_index=True
    )
    deletion_token = models.UUIDField(
        "jeton d'effacement", default=uuid.uuid4, unique=True, editable=False
    )
    created_at = models.DateTimeField("reçue le", auto_now_add=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["source_hash", "deletion_token"])

    class Meta:
        verbose_name = "candidature"
        verbose_name_plural = "candidatures"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["offer", "stage"]), models.Index(fields=["email"])]

    def __str__(self):
        return f"{self.name} — {self.offer}"

    def get_absolute_url(self):
        return reverse("recruitment:application", args=[self.pk])


class StageChange(models.Model):
    """Each move of an application in the pipeline: the time spent at each stage."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="moves", verbose_name="candidature"
    )
    stage = models.CharField("étape", max_length=20, choices=Stage.choices)
    at = models.DateTimeField("le")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )

    class Meta:
        verbose_name = "changement d'étape"
        verbose_name_plural = "changements d'étape"
        ordering = ["application", "at", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} le {self.at:%d/%m/%Y}"


class Review(models.Model):
    """One reviewer's note and rating of an application (one per reviewer, editable)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews", verbose_name="candidature"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="application_reviews",
        verbose_name="relecteur·rice",
    )
    rating = models.PositiveSmallIntegerField("note (1 à 5)", null=True, blank=True)
    note = models.TextField("commentaire", blank=True, default="", max_length=5000)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "avis sur une candidature"
        verbose_name_plural = "avis sur les candidatures"
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="review_once",
                violation_error_message=(
                    "Vous avez déjà donné votre avis sur cette candidature : modifiez-le."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="review_rating_range",
            ),
        ]

    def __str__(self):
        return f"Avis de {self.reviewer} sur {self.application}"
