"""The project page and the project API, over HTTP, for every role and for anonymous visitors.

The rule (fabrique/portfolio/access.py): the incubator team (administrators, incubator)
sees everything of every project; coaches and service owners (porteurs de service) see the
details of the projects whose team they are on, and the public part of the others; agents
and anonymous visitors see the public part only, even of a project whose team lists them.
Only the incubator team may edit.
"""

from datetime import date
from decimal import Decimal

import pytest

from fabrique.accounts.models import Role

from .factories import (
    CommitteeFactory,
    DecisionFactory,
    FundingLineFactory,
    MaturityReviewFactory,
    PhaseFactory,
    ProjectFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonyme"
ROLES = [*Role, ANONYMOUS]
STAFF = {Role.ADMIN, Role.INCUBATOR}
ON_TEAM_DETAILS = {Role.COACH, Role.SERVICE_OWNER}

PUBLIC_FIELDS = {"slug", "name", "kind", "mission", "current_phase", "phase_start", "url",
                 "phases"}  # fmt: skip
DETAIL_FIELDS = {"manager", "last_committee", "next_committee_due", "granted", "spent",
                 "remaining", "team_size", "committees"}  # fmt: skip


def sees_details(role, on_team: bool) -> bool:
    return role in STAFF or (on_team and role in ON_TEAM_DETAILS)


def _project(slug: str, marker: str):
    """A project with a public part and details, each with its own recognisable text."""
    project = ProjectFactory(
        slug=slug, name=f"Projet {marker}", mission=f"Mission publique {marker}",
        review_notes=f"Note interne {marker}",
    )  # fmt: skip
    PhaseFactory(project=project, name="construction", start=date(2025, 3, 1))
    FundingLineFactory(project=project, source=f"Financeur {marker}", amount=Decimal(80_000))
    committee = CommitteeFactory(projects=[project], date=date(2025, 9, 1), title=f"CI {marker}")
    DecisionFactory(committee=committee, project=project, conditions=f"Condition {marker}")
    MaturityReviewFactory(project=project)
    TeamMemberFactory(project=project, full_name=f"Intrapreneuse {marker}")
    return project


@pytest.fixture
def projects(users):
    """Everyone with an account is on the team of `own`; nobody is on the team of `other`."""
    own, other = _project("le-notre", "ROUGE"), _project("l-autre", "BLEU")
    for role in Role:
        TeamMemberFactory(project=own, user=users[role], full_name=f"Compte {role.value}")
    return {"own": own, "other": other}


def _login(client, users, role):
    if role != ANONYMOUS:
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
def test_project_page(client, users, projects, role, which):
    project = projects[which]
    marker = "ROUGE" if which == "own" else "BLEU"
    response = _login(client, users, role).get(f"/projets/{project.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    # The public part, for everyone.
    assert f"Projet {marker}" in html and f"Mission publique {marker}" in html
    assert "Phase : Construction" in html
    # The details: team, budget, committees and decisions, maturity, review notes.
    details = sees_details(role, which == "own")
    assert response.context["details"] is details
    for text in (f"Financeur {marker}", f"Intrapreneuse {marker}", f"Condition {marker}",
                 f"Note interne {marker}", 'id="budget"', 'id="comites"'):  # fmt: skip
        assert (text in html) is details, text
    # Editing: the incubator team only.
    assert (f"/projets/{project.slug}/modifier/" in html) is (role in STAFF)


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
def test_project_api(client, users, projects, role, which):
    project = projects[which]
    response = _login(client, users, role).get(f"/api/v1/projects/{project.slug}/")
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == project.name
    assert [phase["name"] for phase in data["phases"]] == ["construction"]
    if sees_details(role, which == "own"):
        assert set(data) == PUBLIC_FIELDS | DETAIL_FIELDS
        assert data["granted"] == "80000.00"
        assert data["committees"][0]["decisions"][0]["conditions"].startswith("Condition")
    else:
        assert set(data) == PUBLIC_FIELDS


@pytest.mark.parametrize("role", ROLES)
def test_edit_pages_are_for_the_incubator_team_only(client, users, projects, role):
    response = _login(client, users, role).get(f"/projets/{projects['own'].slug}/modifier/")
    if role == ANONYMOUS:
        assert response.status_code == 302
        assert response["Location"].startswith("/connexion/")
    else:
        assert response.status_code == (200 if role in STAFF else 403)
