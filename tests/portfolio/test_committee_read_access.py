"""Issue 12, item 5: the coaches and service teams of a project see its committees, read-only
(the decisions about their projects only); the team manages them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio import services
from fabrique.portfolio.models import Decision
from tests.factories import UserFactory

from .factories import CommitteeFactory, ProjectFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    own, other = ProjectFactory(name="Adresses du village"), ProjectFactory(name="Autre service")
    committee = CommitteeFactory(projects=[own, other], minutes="Débat confidentiel")
    services.decision_record(
        committee=committee, project=own, outcome="accelerer", amount=Decimal(1000)
    )
    services.decision_record(
        committee=committee, project=other, outcome="arreter", amount=Decimal(0)
    )
    return committee, own, other


@pytest.mark.parametrize("role", [Role.COACH, Role.SERVICE_OWNER])
def test_a_project_team_member_reads_the_decisions_about_their_project(client, committee, role):
    committee, own, _other = committee
    user = UserFactory(role=role)
    TeamMemberFactory(project=own, user=user)
    client.force_login(user)
    page = client.get(committee.get_absolute_url()).content.decode()
    assert "Lecture seule" in page
    assert "Adresses du village" in page
    decisions = page.split('id="decisions"')[1]
    assert "Arrêter" not in decisions and "arreter" not in decisions
    assert "decision-form" not in page and "Débat confidentiel" not in page
    assert reverse("portfolio:committee-edit", args=[committee.pk]) not in page
    response = client.post(
        committee.get_absolute_url(),
        {"action": "decision", "project": own.pk, "outcome": "arreter", "amount": "0"},
    )
    assert response.status_code == 403
    assert Decision.objects.get(committee=committee, project=own).outcome == "accelerer"
    assert client.get(reverse("portfolio:committee-edit", args=[committee.pk])).status_code == 403
    assert (
        own.get_absolute_url()
        and committee.get_absolute_url() in client.get(own.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_someone_off_the_agenda_projects_cannot_see_the_committee(client, committee, role):
    committee, *_ = committee
    client.force_login(UserFactory(role=role))
    assert client.get(committee.get_absolute_url()).status_code == 403


def test_the_team_still_manages(client, committee):
    committee, *_ = committee
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(committee.get_absolute_url()).content.decode()
    assert "decision-form" in page and "Débat confidentiel" in page


def _breadcrumb(html: str) -> str:
    start = html.index('class="fr-breadcrumb"')
    return html[start : html.index("</nav>", start)]


def test_the_committee_page_leads_back_to_the_porteurs_project_or_the_teams_list(client, committee):
    """Reached from a project's page, a committee had no breadcrumb: only the browser's back."""
    committee, own, other = committee
    porteur = UserFactory(role=Role.SERVICE_OWNER)
    TeamMemberFactory(project=own, user=porteur)
    client.force_login(porteur)
    crumbs = _breadcrumb(client.get(committee.get_absolute_url()).content.decode())
    assert own.get_absolute_url() in crumbs and reverse("portfolio:list") in crumbs
    assert other.get_absolute_url() not in crumbs
    assert reverse("portfolio:committees") not in crumbs  # a list they may not open
    client.force_login(UserFactory(role=Role.INCUBATOR))
    crumbs = _breadcrumb(client.get(committee.get_absolute_url()).content.decode())
    assert reverse("portfolio:committees") in crumbs
