"""Walk of the team's week, round 3: the committee page says at its top when a decision or a
document was refused (the forms sit below the fold), leads back to the list of committees, and
its project lists follow the French alphabetical order; the button that attests a service fait
names the person with the French elision (« d'Inès Roux », not « de Inès Roux »)."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.portfolio import rules
from fabrique.portfolio.forms import CommitteeForm, DecisionForm
from tests.breadcrumbs import trail
from tests.factories import UserFactory

from .factories import CommitteeFactory, ProjectFactory, ServiceFaitFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


def test_a_refused_decision_is_announced_at_the_top_of_the_page(team):
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project], date=timezone.localdate() - timedelta(days=3))
    response = team.post(
        reverse("portfolio:committee", args=[committee.pk]),
        {"action": "decision", "project": project.pk, "outcome": "continuer", "amount": "-5"},
    )
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert "La décision n'a pas été enregistrée : corrigez les champs signalés plus bas." in page
    assert page.index("corrigez les champs signalés plus bas") < page.index("Projets à l'ordre")
    assert not committee.decisions.exists()


def test_a_refused_document_is_announced_at_the_top_of_the_page(team):
    committee = CommitteeFactory(projects=[ProjectFactory()])
    response = team.post(
        reverse("portfolio:committee", args=[committee.pk]), {"action": "document"}
    )
    assert "Le document n'a pas été joint : corrigez les champs signalés plus bas." in unescape(
        response.content.decode()
    )


def test_a_post_without_a_known_action_announces_no_refused_form(team):
    committee = CommitteeFactory(projects=[ProjectFactory()])
    response = team.post(reverse("portfolio:committee", args=[committee.pk]), {"action": "x"})
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "corrigez les champs signalés" not in page


def test_the_committee_page_leads_back_to_the_committees(team):
    committee = CommitteeFactory(projects=[ProjectFactory()])
    url = reverse("portfolio:committee", args=[committee.pk])
    assert trail(team, url) == [
        (reverse("portfolio:committees"), "Comités"),
        (None, str(committee)),
    ]


def test_projects_are_offered_in_french_alphabetical_order():
    for name in ("Vigie crues", "Étals du coin", "Adresses du village"):
        ProjectFactory(name=name)
    expected = ["Adresses du village", "Étals du coin", "Vigie crues"]
    committee = CommitteeFactory()
    decision = DecisionForm(committee=committee).fields["project"].queryset
    assert [project.name for project in decision] == expected
    agenda = CommitteeForm().fields["projects"].queryset
    assert [project.name for project in agenda] == expected


def test_the_attest_button_names_the_person_with_the_elision(team):
    month_start = timezone.localdate().replace(day=1)
    last_month_end = month_start - timedelta(days=1)
    ServiceFaitFactory(
        member=TeamMemberFactory(full_name="Inès Roux", is_freelance=True, start=date(2025, 1, 1)),
        period_start=last_month_end.replace(day=1),
        period_end=last_month_end,
    )
    page = unescape(team.get(reverse("portfolio:attestations")).content.decode())
    assert 'Attester le service fait<span class="fr-sr-only"> d\'Inès Roux :' in page
    assert "de Inès" not in page


@pytest.mark.parametrize(
    ("planned", "due", "expected"),
    [
        # Overdue since 02/10, a committee planned on 17/12: the figures are for the 17/12.
        (date(2026, 12, 17), date(2026, 10, 2), date(2026, 12, 17)),
        # Due on 10/12, planned later: the due date comes first.
        (date(2026, 12, 17), date(2026, 12, 10), date(2026, 12, 10)),
        (None, date(2026, 10, 2), date(2026, 10, 2)),  # overdue, nothing planned
        (date(2026, 12, 17), None, date(2026, 12, 17)),
        (None, None, None),
    ],
)
def test_the_committee_to_prepare_is_the_planned_one_once_the_due_date_is_past(
    planned, due, expected
):
    today = date(2026, 12, 7)
    assert rules.committee_to_prepare(planned, due, today=today) == expected


# Leftovers round 6: the pages that create, edit and delete a committee lead back like the
# committee page does (Comités › le comité › …).


def test_the_new_committee_page_has_a_breadcrumb(team):
    assert trail(team, reverse("portfolio:committee-create")) == [
        (reverse("portfolio:committees"), "Comités"),
        (None, "Nouveau comité"),
    ]


def test_the_edit_and_delete_pages_of_a_committee_have_a_breadcrumb(team):
    committee = CommitteeFactory()
    above = [
        (reverse("portfolio:committees"), "Comités"),
        (committee.get_absolute_url(), str(committee)),
    ]
    edit = trail(team, reverse("portfolio:committee-edit", args=[committee.pk]))
    delete = trail(team, reverse("portfolio:committee-delete", args=[committee.pk]))
    assert edit == [*above, (None, "Modifier")]
    assert delete == [*above, (None, "Supprimer")]
