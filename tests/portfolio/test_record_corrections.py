"""Issue 12, item 1: every record of a project can be corrected — edited and deleted through
services that keep the rules of creation, behind the access check, with a confirmation page, a
DSFR message and the change kept in the project's history."""

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import resolve, reverse

from fabrique.accounts.models import Role
from fabrique.portfolio import services
from fabrique.portfolio.models import (
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    ProjectPartner,
    ServiceFait,
    TeamMember,
)
from fabrique.portfolio.vocabulary import PhaseName
from tests.factories import CommuneFactory, UserFactory

from .factories import (
    CommitteeFactory,
    ExpenseFactory,
    FundingLineFactory,
    MaturityReviewFactory,
    PhaseFactory,
    ProjectFactory,
    ServiceFaitFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


def text(response) -> str:
    return unescape(response.content.decode())


def edit_url(record, kind, project=None):
    project = project or getattr(record, "project", None) or record.member.project
    return reverse("portfolio:record-edit", args=[project.slug, kind, record.pk])


def delete_url(record, kind, project=None):
    project = project or getattr(record, "project", None) or record.member.project
    return reverse("portfolio:record-delete", args=[project.slug, kind, record.pk])


def test_an_expense_is_edited_with_a_message_and_kept_in_the_history(team):
    expense = ExpenseFactory(amount=Decimal(1000), label="Hébergement")
    response = team.post(
        edit_url(expense, "depenses"),
        {"date": "2026-10-02", "amount": "1200", "label": "Hébergement 2026"},
        follow=True,
    )
    assert "Modification enregistrée : la dépense « Hébergement 2026 »" in text(response)
    expense.refresh_from_db()
    assert (expense.amount, expense.label) == (Decimal(1200), "Hébergement 2026")
    history = text(team.get(reverse("portfolio:history", args=[expense.project.slug])))
    assert "Dépense : Hébergement 2026" in history
    assert "« Hébergement » → « Hébergement 2026 »" in history


def test_deleting_asks_for_confirmation_then_deletes_and_keeps_the_trace(team):
    expense = ExpenseFactory(label="Erreur de saisie")
    url = delete_url(expense, "depenses")
    page = text(team.get(url))
    assert "Confirmer la suppression" in page and "Erreur de saisie" in page
    assert Expense.objects.filter(pk=expense.pk).exists()
    response = team.post(url, follow=True)
    assert "Suppression faite : la dépense « Erreur de saisie »" in text(response)
    assert not Expense.objects.filter(pk=expense.pk).exists()
    history = text(team.get(reverse("portfolio:history", args=[expense.project.slug])))
    assert "Suppression" in history and "Erreur de saisie" in history


def test_a_phase_edit_cannot_create_an_overlap(team):
    project = ProjectFactory()
    first = PhaseFactory(
        project=project, name=PhaseName.INVESTIGATION, start=date(2025, 1, 1), end=date(2025, 3, 1)
    )
    PhaseFactory(project=project, name=PhaseName.CONSTRUCTION, start=date(2025, 3, 1))
    response = team.post(
        edit_url(first, "phases"),
        {"name": PhaseName.INVESTIGATION, "start": "2025-01-01", "end": "2025-06-01"},
    )
    assert "se chevauchent" in text(response)
    first.refresh_from_db()
    assert first.end == date(2025, 3, 1)
    response = team.post(
        edit_url(first, "phases"),
        {"name": PhaseName.INVESTIGATION, "start": "2025-01-15", "end": "2025-03-01"},
        follow=True,
    )
    assert "Modification enregistrée" in text(response)
    first.refresh_from_db()
    assert first.start == date(2025, 1, 15)


def test_a_phase_date_year_1_is_refused(team):
    phase = PhaseFactory()
    response = team.post(
        edit_url(phase, "phases"), {"name": phase.name, "start": "0001-01-01", "end": ""}
    )
    assert "Date peu plausible" in text(response)
    phase.refresh_from_db()
    assert phase.start == date(2025, 1, 1)


def test_a_phase_is_deleted(team):
    phase = PhaseFactory()
    team.post(delete_url(phase, "phases"))
    assert not Phase.objects.filter(pk=phase.pk).exists()


def test_a_funding_line_granted_by_a_decision_is_corrected_on_its_committee(team):
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project])
    services.decision_record(
        committee=committee, project=project, outcome="accelerer", amount=Decimal(900)
    )
    line = FundingLine.objects.get(project=project)
    page = text(team.get(edit_url(line, "financements")))
    assert "Corrigez ou supprimez la décision" in page
    assert committee.get_absolute_url() in page
    response = team.post(delete_url(line, "financements"), follow=True)
    assert "accordé par une décision de comité" in text(response)
    assert FundingLine.objects.filter(pk=line.pk).exists()


def test_a_typed_funding_line_is_edited_and_deleted(team):
    line = FundingLineFactory(amount=Decimal(1000))
    team.post(
        edit_url(line, "financements"),
        {"source": "Région", "amount": "2500", "start": "2025-01-01", "end": ""},
    )
    line.refresh_from_db()
    assert (line.source, line.amount) == ("Région", Decimal(2500))
    team.post(delete_url(line, "financements"))
    assert not FundingLine.objects.filter(pk=line.pk).exists()


def test_an_attested_service_fait_cannot_be_changed_and_keeps_its_member(team):
    period = ServiceFaitFactory()
    services.service_fait_attest(period=period, by=UserFactory(role=Role.INCUBATOR))
    response = team.post(delete_url(period, "service-fait"), follow=True)
    assert "déjà attestée" in text(response)
    assert ServiceFait.objects.filter(pk=period.pk).exists()
    response = team.post(delete_url(period.member, "equipe"), follow=True)
    assert "périodes de service fait attestées" in text(response)
    assert TeamMember.objects.filter(pk=period.member.pk).exists()


def test_a_service_fait_period_is_corrected_without_overlap(team):
    period = ServiceFaitFactory()
    ServiceFaitFactory(
        member=period.member, period_start=date(2026, 10, 1), period_end=date(2026, 10, 31)
    )
    url = edit_url(period, "service-fait")
    response = team.post(url, {"period_start": "2026-09-01", "period_end": "2026-10-15"})
    assert "chevauche" in text(response)
    response = team.post(
        url, {"period_start": "2026-09-02", "period_end": "2026-09-29"}, follow=True
    )
    assert "Modification enregistrée" in text(response)
    period.refresh_from_db()
    assert period.period_start == date(2026, 9, 2)


def test_a_team_member_and_maturity_review_are_edited_and_deleted(team):
    member = TeamMemberFactory(full_name="Camille Dupont")
    response = team.post(
        edit_url(member, "equipe"),
        {"full_name": "Camille Dupond", "role": member.role, "start": "2025-01-01"},
        follow=True,
    )
    assert "Modification enregistrée" in text(response)
    member.refresh_from_db()
    assert member.full_name == "Camille Dupond"
    team.post(delete_url(member, "equipe"))
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    review = MaturityReviewFactory()
    data = {"date": "2026-06-01", "impact": 3, "deployment": 2, "design": 2, "open_source": 3,
            "open_data": 1, "comment": "Revue corrigée"}  # fmt: skip
    response = team.post(edit_url(review, "maturite"), data, follow=True)
    assert "Modification enregistrée" in text(response)
    review.refresh_from_db()
    assert review.impact == 3
    team.post(delete_url(review, "maturite"))
    assert not MaturityReview.objects.filter(pk=review.pk).exists()


def test_a_partner_is_removed(team):
    project = ProjectFactory()
    partner = ProjectPartner.objects.create(project=project, commune=CommuneFactory())
    response = team.post(delete_url(partner, "partenaires"), follow=True)
    assert "Suppression faite" in text(response)
    assert not ProjectPartner.objects.filter(pk=partner.pk).exists()


def test_the_project_page_lists_records_to_correct_for_its_editors_only(client, team):
    expense = ExpenseFactory(label="Licence bureautique")
    url = expense.project.get_absolute_url()
    page = text(team.get(url))
    assert "Corriger les données du projet" in page
    assert delete_url(expense, "depenses") in page
    client.force_login(UserFactory(role=Role.COACH))
    assert delete_url(expense, "depenses") not in text(client.get(url))


@pytest.mark.parametrize("role", [Role.COACH, Role.SERVICE_OWNER, Role.AGENT])
def test_lesser_roles_cannot_edit_or_delete(client, role):
    expense = ExpenseFactory()
    TeamMemberFactory(project=expense.project, user=(user := UserFactory(role=role)))
    client.force_login(user)
    assert client.get(edit_url(expense, "depenses")).status_code == 403
    assert client.post(delete_url(expense, "depenses")).status_code == 403
    assert client.get(reverse("portfolio:history", args=[expense.project.slug])).status_code == 403
    assert Expense.objects.filter(pk=expense.pk).exists()


def test_a_record_of_another_project_is_not_found(team):
    expense = ExpenseFactory()
    other = ProjectFactory()
    assert team.get(edit_url(expense, "depenses", project=other)).status_code == 404
    assert team.post(delete_url(expense, "depenses", project=other)).status_code == 404
    assert Expense.objects.filter(pk=expense.pk).exists()


def test_impact_urls_under_projects_are_not_taken_by_record_kinds(team):
    project = ProjectFactory()
    url = f"/projets/{project.slug}/indicateurs/1/modifier/"
    # An indicator's page belongs to the impact app, not to a record kind of the portfolio.
    assert resolve(url).app_name == "impact"


def test_the_history_shows_labels_dates_and_names_not_codes(team):
    """Seen in the demo: « Attesté par : 2 », « 2026-12-05 13:00:05.693781+00:00 »."""
    period = ServiceFaitFactory()
    attester = UserFactory(role=Role.INCUBATOR, first_name="Camille", last_name="Durand")
    services.service_fait_attest(period=period, by=attester)
    phase = PhaseFactory(project=period.member.project, name=PhaseName.INVESTIGATION)
    team.post(
        edit_url(phase, "phases"),
        {"name": PhaseName.CONSTRUCTION, "start": "2025-02-03", "end": ""},
    )
    history = text(team.get(reverse("portfolio:history", args=[phase.project.slug])))
    assert "« Investigation » → « Construction »" in history
    assert "« 01/01/2025 » → « 03/02/2025 »" in history
    assert "Camille Durand" in history or attester.email in history
    assert "+00:00" not in history


def test_the_project_page_lists_its_latest_expenses_by_name(team):
    """The budget showed the total spent, not what it was spent on (a support module…)."""
    expense = ExpenseFactory(label="Module d'expertise : accessibilité")
    page = text(team.get(expense.project.get_absolute_url()))
    assert "Dépenses" in page
    assert "Module d'expertise : accessibilité" in page.split("Dépenses")[-1]


def test_a_project_created_by_mistake_is_deleted_with_its_phases_after_confirmation(team):
    project = ProjectFactory(name="Projet en double")
    PhaseFactory(project=project)
    TeamMemberFactory.create_batch(2, project=project)
    url = reverse("portfolio:project-delete", args=[project.slug])
    page = text(team.get(url))
    assert "Confirmer la suppression" in page and "Projet en double" in page
    assert "Sont supprimés avec lui : 1 phase, 2 membres de l'équipe." in page
    response = team.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portfolio:list")
    assert "Suppression faite : le projet « Projet en double »." in text(response)
    assert not type(project).objects.filter(pk=project.pk).exists()
    assert not Phase.objects.exists() and not TeamMember.objects.exists()
    assert type(project).history.filter(id=project.pk, history_type="-").exists()


def test_a_project_with_money_or_decisions_is_not_deleted_and_says_why(team):
    project = ProjectFactory(name="Projet financé")
    FundingLineFactory(project=project)
    ExpenseFactory(project=project)
    url = reverse("portfolio:project-delete", args=[project.slug])
    assert "ne peut pas être supprimé" in text(team.get(url))
    response = team.post(url, follow=True)
    page = text(response)
    assert "1 ligne de financement, 1 dépense" in page and "phase d'arrêt" in page
    assert type(project).objects.filter(pk=project.pk).exists()
    assert FundingLine.objects.count() == 1 and Expense.objects.count() == 1


@pytest.mark.parametrize("role", [Role.COACH, Role.SERVICE_OWNER, Role.AGENT])
def test_only_the_team_deletes_a_project(client, role):
    project = ProjectFactory()
    client.force_login(UserFactory(role=role))
    url = reverse("portfolio:project-delete", args=[project.slug])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert type(project).objects.filter(pk=project.pk).exists()


def test_the_history_names_amounts_in_french(team):
    """Seen in the walk: « Ligne de financement : FTAP : 60000.00 € » in the history."""
    funding = FundingLineFactory(source="FTAP", amount=Decimal("60000"))
    expense = ExpenseFactory(project=funding.project, label="Atelier", amount=Decimal("1234.5"))
    assert str(funding) == "FTAP : 60\u202f000\u00a0€"
    assert str(expense) == "Atelier : 1\u202f234,50\u00a0€"
    history = text(team.get(reverse("portfolio:history", args=[funding.project.slug])))
    assert "60000.00" not in history and "1234.50" not in history
