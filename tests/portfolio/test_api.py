from datetime import date

import pytest
from rest_framework.authtoken.models import Token

from fabrique.accounts.models import Role

from .factories import CommitteeFactory, DecisionFactory, PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory(slug="cantine", name="Cantine en ligne", kind="startup-territoire")
    PhaseFactory(
        project=project, name="investigation", start=date(2025, 1, 1), end=date(2025, 3, 1)
    )
    PhaseFactory(project=project, name="construction", start=date(2025, 3, 1))
    committee = CommitteeFactory(projects=[project], date=date(2025, 9, 1))
    DecisionFactory(committee=committee, project=project, outcome="continuer")
    ProjectFactory(slug="autre", kind="commun-numerique")
    return project


def test_anonymous_list_has_public_fields_only(client, project):
    data = client.get("/api/v1/projects/").json()
    assert data["count"] == 2
    item = next(row for row in data["results"] if row["slug"] == "cantine")
    assert item["current_phase"] == "construction"
    assert item["url"] == "http://testserver/projets/cantine/"
    assert "granted" not in item and "manager" not in item


def test_filters(client, project):
    assert client.get("/api/v1/projects/", {"kind": "commun-numerique"}).json()["count"] == 1
    assert client.get("/api/v1/projects/", {"phase": "construction"}).json()["count"] == 1
    response = client.get("/api/v1/projects/", {"phase": "perennisation"})
    assert response.status_code == 400
    assert "phase" in response.json()


def test_detail_public_and_staff_by_token(client, project, users):
    public = client.get("/api/v1/projects/cantine/").json()
    assert [phase["name"] for phase in public["phases"]] == ["investigation", "construction"]
    assert "committees" not in public
    token = Token.objects.create(user=users[Role.INCUBATOR])
    staff = client.get("/api/v1/projects/cantine/", headers={"Authorization": f"Token {token.key}"})
    data = staff.json()
    assert data["committees"][0]["decisions"][0]["outcome"] == "continuer"
    assert "granted" in data


def test_unknown_project_is_404(client):
    assert client.get("/api/v1/projects/inconnu/").status_code == 404


def test_list_query_count_is_constant(client, django_assert_max_num_queries, users):
    for _ in range(25):
        PhaseFactory()
    client.force_login(users[Role.INCUBATOR])
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/projects/").json()["count"] == 25


def test_schema_lists_the_project_endpoints(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert {"/api/v1/projects/", "/api/v1/projects/{slug}/"} <= set(paths)


def test_who_manages_what_is_not_answered_to_the_public(client, project, users):
    """Issue 17, defect 5: `?manager=` answered counts to anyone."""
    project.manager = users[Role.INCUBATOR]
    project.save()
    email = users[Role.INCUBATOR].email
    for role in (None, Role.AGENT, Role.COACH, Role.SERVICE_OWNER):
        if role:
            client.force_login(users[role])
        response = client.get("/api/v1/projects/", {"manager": email})
        assert response.status_code == 403
        assert "réservé à l'équipe" in response.json()["detail"]
    client.force_login(users[Role.INCUBATOR])
    data = client.get("/api/v1/projects/", {"manager": email}).json()
    assert [row["slug"] for row in data["results"]] == ["cantine"]
