"""The expert modules ordered from suppliers: the order, the service fait, the deliverables."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fabrique.portfolio.models import Expense, Project

from .. import rules
from ..vocabulary import ModuleStatus, Theme
from .common import MONEY, USER


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
