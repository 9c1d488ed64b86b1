"""Models of the support offer: formats, sessions, registrations, follow-ups, expert modules,
requests and the knowledge base."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fabrique.portfolio.models import Expense, Project

from . import rules
from .vocabulary import (
    SESSION_KINDS,
    Audience,
    FormatKind,
    ModuleStatus,
    RegistrationStatus,
    RequestStatus,
    Theme,
)

MONEY = {"max_digits": 12, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL


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
            models.UniqueConstraint(fields=["session", "user"], name="support_registration_once"),
            models.CheckConstraint(
                name="support_score_1_5",
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="support_registration_user")]

    def __str__(self):
        return f"{self.user} — {self.session}"


class FollowUp(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="support_follow_ups", verbose_name="projet"
    )
    coach = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        related_name="support_follow_ups",
        verbose_name="coach",
    )
    theme = models.CharField("thème", max_length=30, choices=Theme.choices)
    title = models.CharField("objet", max_length=200)
    next_due = models.DateField("prochaine échéance", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "suivi individuel"
        verbose_name_plural = "suivis individuels"
        ordering = ["project", "title"]

    def __str__(self):
        return f"{self.title} ({self.project})"


class FollowUpNote(models.Model):
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="notes", verbose_name="suivi individuel"
    )
    date = models.DateField("date")
    notes = models.TextField("notes (Markdown)")
    indicators = models.ManyToManyField(
        "impact.Indicator", blank=True, verbose_name="indicateurs abordés"
    )
    next_step = models.CharField("prochaine étape", max_length=300, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "note de suivi"
        verbose_name_plural = "notes de suivi"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.follow_up.title} — {self.date:%d/%m/%Y}"


class Supplier(models.Model):
    name = models.CharField("nom", max_length=200, unique=True)
    contract_reference = models.CharField("marché / accord-cadre", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "prestataire"
        verbose_name_plural = "prestataires"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ExpertModule(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="expert_modules", verbose_name="projet"
    )
    expertise = models.CharField("expertise", max_length=200)
    theme = models.CharField("thème", max_length=30, choices=Theme.choices)
    reason = models.TextField("pourquoi", blank=True, default="")
    expected_deliverables = models.TextField("livrables attendus", blank=True, default="")
    follower = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_modules",
        verbose_name="suivi par",
    )
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="modules",
        verbose_name="prestataire",
    )
    statement_of_need = models.TextField("expression de besoin", blank=True, default="")
    days_per_profile = models.CharField("jours par profil", max_length=300, blank=True, default="")
    order_reference = models.CharField("bon de commande", max_length=100, blank=True, default="")
    amount_excl_vat = models.DecimalField("montant HT (€)", null=True, blank=True, **MONEY)
    amount_incl_vat = models.DecimalField("montant TTC (€)", null=True, blank=True, **MONEY)
    days = models.DecimalField("jours", max_digits=6, decimal_places=1, null=True, blank=True)
    ordered_on = models.DateField("commandé le", null=True, blank=True)
    due_on = models.DateField("livraison prévue le", null=True, blank=True)
    delivered_on = models.DateField("livré le", null=True, blank=True)
    status = models.CharField(
        "statut", max_length=20, choices=ModuleStatus.choices, default="identifie"
    )
    # Service fait: what was done and paid (all of the order, or part of it when closed early).
    paid_incl_vat = models.DecimalField("service fait TTC (€)", null=True, blank=True, **MONEY)
    attested_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="attesté par",
    )
    attested_at = models.DateTimeField("attesté le", null=True, blank=True)
    expense = models.OneToOneField(
        Expense,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_module",
        verbose_name="dépense",
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name="reliquat reporté de",
    )
    evaluation = models.TextField("évaluation", blank=True, default="")
    evaluation_score = models.PositiveSmallIntegerField("note (1 à 5)", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "module d'expertise"
        verbose_name_plural = "modules d'expertise"
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                name="support_module_amounts_positive",
                condition=(Q(amount_excl_vat__isnull=True) | Q(amount_excl_vat__gte=0))
                & (Q(amount_incl_vat__isnull=True) | Q(amount_incl_vat__gte=0)),
            )
        ]

    def __str__(self):
        return f"{self.expertise} ({self.project})"

    @property
    def remainder(self):
        """The unused part of the order, TTC (`rules.remainder`), once the service fait is
        attested."""
        if self.amount_incl_vat is None or self.paid_incl_vat is None:
            return None
        return rules.remainder(ordered=self.amount_incl_vat, paid=self.paid_incl_vat)


class ModuleDeliverable(models.Model):
    module = models.ForeignKey(
        ExpertModule,
        on_delete=models.CASCADE,
        related_name="deliverables",
        verbose_name="module d'expertise",
    )
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to="support/livrables/%Y/")
    content_type = models.CharField("type de fichier", max_length=100)
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "livrable"
        verbose_name_plural = "livrables"
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.title


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
