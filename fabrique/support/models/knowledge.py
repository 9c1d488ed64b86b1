"""The knowledge base: pages and their attachments."""

from django.db import models
from simple_history.models import HistoricalRecords

from ..vocabulary import Theme
from .offer import Session, SupportFormat


class KnowledgePage(models.Model):
    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("adresse", max_length=220, unique=True)
    theme = models.CharField("thème", max_length=30, choices=Theme.choices)
    body = models.TextField("contenu (Markdown)")
    is_public = models.BooleanField("publique", default=False)
    formats = models.ManyToManyField(SupportFormat, blank=True, verbose_name="formats liés")
    sessions = models.ManyToManyField(Session, blank=True, verbose_name="sessions liées")
    missions = models.CharField("missions liées", max_length=300, blank=True, default="")
    # Folded title and body words (core.text.search_key): accent-insensitive search with LIKE.
    search_text = models.TextField("texte de recherche", editable=False, default="")
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = "page de la base de connaissances"
        verbose_name_plural = "pages de la base de connaissances"
        ordering = ["title"]
        indexes = [models.Index(fields=["is_public", "title"], name="support_page_public")]

    def __str__(self):
        return self.title


class KnowledgeAttachment(models.Model):
    page = models.ForeignKey(
        KnowledgePage,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name="page de la base de connaissances",
    )
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to="support/connaissances/%Y/")
    content_type = models.CharField("type de fichier", max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["title"]

    def __str__(self):
        return self.title
