"""Writes of a project's budget (funding lines, expenses) and of its maturity reviews."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Expense, FundingLine, MaturityReview, Project
from ..rules import funding_amount_problem


def _granted_by_decision(line: FundingLine | None) -> None:
    if line is not None and line.decision_id:
        raise ValidationError(
            "Ce financement a été accordé par une décision de comité : corrigez ou supprimez "
            "la décision, depuis la page du comité."
        )


@transaction.atomic
def funding_save(
    *,
    project: Project,
    source: str,
    amount: Decimal,
    start: date,
    end: date | None = None,
    line: FundingLine | None = None,
) -> FundingLine:
    """Add or correct a funding line typed by the team (one granted by a committee decision
    follows its decision)."""
    _granted_by_decision(line)
    if problem := funding_amount_problem(amount):
        raise ValidationError({"amount": problem})
    line = line or FundingLine(project=project)
    line.source, line.amount, line.start, line.end = source, amount, start, end
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def funding_delete(*, line: FundingLine) -> None:
    _granted_by_decision(line)
    line.delete()


def _recorded_elsewhere(expense: Expense | None) -> None:
    if expense is not None and expense.origin:
        raise ValidationError(
            f"Cette dépense est inscrite par {expense.origin} : elle se corrige là, pas dans "
            "le budget, pour que les deux restent d'accord."
        )


@transaction.atomic
def expense_save(
    *,
    project: Project,
    date: date,
    amount: Decimal,
    label: str,
    expense: Expense | None = None,
    origin: str = "",
) -> Expense:
    """Add an expense, or correct one typed in the budget. `origin` names the record of another
    app that adds it (« le service fait du module d'expertise … »): that one is not corrected
    here."""
    _recorded_elsewhere(expense)
    expense = expense or Expense(project=project, origin=origin)
    expense.date, expense.amount, expense.label = date, amount, label
    expense.full_clean()
    expense.save()
    return expense


@transaction.atomic
def expense_delete(*, expense: Expense) -> None:
    _recorded_elsewhere(expense)
    expense.delete()


@transaction.atomic
def maturity_review_save(
    *,
    project: Project,
    date: date,
    impact: int,
    deployment: int,
    design: int,
    open_source: int,
    open_data: int,
    comment: str = "",
    reviewer=None,
    review: MaturityReview | None = None,
) -> MaturityReview:
    """Record a maturity review (one per project and day), or correct `review` (its reviewer
    stays unless another is given)."""
    review = review or MaturityReview(project=project)
    review.date, review.comment = date, comment
    review.impact, review.deployment, review.design = impact, deployment, design
    review.open_source, review.open_data = open_source, open_data
    if reviewer is not None:
        review.reviewer = reviewer
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def maturity_review_delete(*, review: MaturityReview) -> None:
    review.delete()
