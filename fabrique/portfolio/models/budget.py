"""The budget of a project: funding lines (from a committee's decision) and expenses."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from fabrique.core.numbers import euros

from .committees import MONEY, Decision
from .projects import Project


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
