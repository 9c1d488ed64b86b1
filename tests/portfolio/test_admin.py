"""Issue 12: the admin has a portfolio section (read and search every record, with history);
corrections stay on the portfolio pages, through the same services."""

import pytest
from django.urls import reverse

from fabrique.portfolio.models import Project
from tests.factories import UserFactory

from .factories import (
    CommitteeFactory,
    ExpenseFactory,
    MaturityReviewFactory,
    PhaseFactory,
    ServiceFaitFactory,
    ThematicFactory,
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


def test_the_admin_saves_projects_and_committees_through_the_services(admin_client):
    """The admin hands the form's values to `project_save`/`committee_save` (validation,
    history, relations saved by the admin after)."""
    thematic = ThematicFactory()
    inline = {f"phases-{key}": value for key, value in
              {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
               "MAX_NUM_FORMS": 1000}.items()}  # fmt: skip
    response = admin_client.post(
        reverse("admin:portfolio_project_add"),
        {"name": "Cantine bio", "slug": "cantine-bio", "kind": "startup-territoire",
         "thematics": [thematic.pk], **inline},
    )  # fmt: skip
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.slug, list(project.thematics.all())) == ("cantine-bio", [thematic])
    response = admin_client.post(
        reverse("admin:portfolio_project_change", args=[project.pk]),
        {"name": "Cantine bio locale", "slug": project.slug, "kind": "startup-territoire",
         "mission": "Des repas locaux", **inline},
    )  # fmt: skip
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.mission, project.thematics.count()) == (
        "Cantine bio locale", "Des repas locaux", 0,
    )  # fmt: skip
    assert project.history.count() == 2
    committee = CommitteeFactory(title="Comité de mars")
    response = admin_client.post(
        reverse("admin:portfolio_committee_change", args=[committee.pk]),
        {"date": "2026-03-05", "kind": committee.kind, "title": "Comité du 5 mars",
         "projects": [project.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    committee.refresh_from_db()
    assert (committee.title, list(committee.projects.all())) == ("Comité du 5 mars", [project])
