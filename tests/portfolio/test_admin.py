"""Issue 12: the admin has a portfolio section (read and search every record, with history);
corrections stay on the portfolio pages, through the same services."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

from .factories import (
    CommitteeFactory,
    ExpenseFactory,
    MaturityReviewFactory,
    PhaseFactory,
    ServiceFaitFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["project", "committee", "decision", "phase", "teammember", "servicefait",
          "fundingline", "expense", "maturityreview"]  # fmt: skip


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="admin"))
    return client


def test_every_portfolio_record_is_listed_in_the_admin(admin_client):
    PhaseFactory(), CommitteeFactory(), ExpenseFactory(), MaturityReviewFactory()
    ServiceFaitFactory()
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Portefeuille" in index or "portfolio" in index.lower()
    for model in MODELS:
        response = admin_client.get(reverse(f"admin:portfolio_{model}_changelist"))
        assert response.status_code == 200, model


def test_records_are_read_only_in_the_admin_but_have_a_history(admin_client):
    expense = ExpenseFactory()
    change = reverse("admin:portfolio_expense_change", args=[expense.pk])
    page = admin_client.get(change).content.decode()
    assert 'name="label"' not in page  # shown, not editable
    assert (
        admin_client.post(
            reverse("admin:portfolio_expense_delete", args=[expense.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    history = admin_client.get(reverse("admin:portfolio_expense_history", args=[expense.pk]))
    assert history.status_code == 200
