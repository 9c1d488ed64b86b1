"""Found while walking the investigations as each demo account: no button that leads to a
refusal."""

from datetime import date

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.synergies import services as synergy_services
from tests.factories import CommuneFactory, MembershipFactory, UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "may_delete"), [(Role.INCUBATOR, True), (Role.COACH, False)])
def test_the_delete_button_is_shown_only_to_who_may_delete(client, role, may_delete):
    user = UserFactory(role=role)
    investigation = InvestigationFactory(coach=user if role == Role.COACH else None)
    client.force_login(user)
    page = client.get(reverse("investigations:investigation", args=[investigation.pk])).text
    delete = reverse("investigations:investigation_delete", args=[investigation.pk])
    assert reverse("investigations:investigation_edit", args=[investigation.pk]) in page
    assert (delete in page) is may_delete
    assert client.get(delete).status_code == (200 if may_delete else 403)


def test_an_agent_sees_why_a_project_resembles_their_own_problem(client):
    """« Déjà vu ailleurs » on the problem's page gives the reason, for the agent too: the words
    in common come from their own problem, which they may read."""
    commune = CommuneFactory()
    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, commune=commune)
    problem = ProblemFactory(
        title="Inscriptions à la cantine perdues",
        statement="Les inscriptions à la cantine scolaire se font sur papier et se perdent.",
        communes=[commune],
    )
    ProjectFactory(name="Cantine facile", mission="Inscriptions à la cantine scolaire en ligne")
    ProblemFactory(title="Autre problème", statement="Inscriptions à la cantine scolaire aussi.")
    synergy_services.recompute()
    client.force_login(agent)
    page = client.get(reverse("investigations:problem", args=[problem.pk])).text
    assert "Cantine facile" in page
    assert "en commun :" in page and "cantine" in page.split("en commun :")[1]
    # Other collectivités' problems stay hidden from the agent.
    assert "Autre problème" not in page


def test_a_no_go_is_not_shown_as_a_success(client):
    team = UserFactory(role=Role.INCUBATOR)
    no_go = InvestigationFactory(
        decision="no-go", decided_on=date(2026, 11, 5), learnings="Un lien"
    )
    go = InvestigationFactory(decision="go", decided_on=date(2026, 11, 5))
    client.force_login(team)
    page = client.get(reverse("investigations:investigation", args=[no_go.pk])).text
    assert '<span class="fr-badge fr-badge--no-icon">Décision : No-go</span>' in page
    page = client.get(reverse("investigations:investigation", args=[go.pk])).text
    assert '<span class="fr-badge fr-badge--success">Décision : Go</span>' in page


def test_lists_of_collectivites_have_no_space_before_commas(client):
    first, second = CommuneFactory(name="Aboën"), CommuneFactory(name="Firminy")
    problem = ProblemFactory(communes=[first, second])
    investigation = InvestigationFactory(problem=problem, is_public=True)
    page = client.get(reverse("investigations:public", args=[investigation.pk])).text
    listed = " ".join(page.split("Collectivités :")[1].split("</p>")[0].split())
    assert listed in (f"{first}, {second}", f"{second}, {first}")


def test_the_api_gives_one_problem_and_one_investigation_per_access(client):
    commune = CommuneFactory()
    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, commune=commune)
    investigation = InvestigationFactory(problem=ProblemFactory(communes=[commune]))
    other = InvestigationFactory()
    client.force_login(agent)
    problem_url = f"/api/v1/problems/{investigation.problem.pk}/"
    assert client.get(problem_url).json()["collectivites"] == [commune.insee]
    body = client.get(f"/api/v1/investigations/{investigation.pk}/").json()
    assert (body["decision"], body["project"], body["collectivites"]) == (
        None,
        None,
        [commune.insee],
    )
    assert client.get(f"/api/v1/investigations/{other.pk}/").status_code == 404
    assert client.get(f"/api/v1/problems/{other.problem.pk}/").status_code == 404
    client.logout()
    assert client.get(problem_url).status_code == 404


def test_the_startup_file_has_no_yaml_aliases(client):
    investigation = InvestigationFactory(decision="go", decided_on=date(2026, 11, 5))
    client.force_login(UserFactory(role=Role.INCUBATOR))
    text = client.get(reverse("investigations:startup_file", args=[investigation.pk])).text
    assert "&id" not in text and "*id" not in text
    assert "  end: 2026-11-05\n- name: construction\n  start: 2026-11-05\n" in text
