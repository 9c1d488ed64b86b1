"""The API: problems created by agents, read per access; calls; investigations paginated."""

import pytest
from rest_framework.test import APIClient

from fabrique.accounts.models import Role
from fabrique.investigations.models import Problem
from fabrique.investigations.vocabulary import Decision
from fabrique.portfolio.models import Project
from tests.factories import CommuneFactory, MembershipFactory, UserFactory

from .factories import CallFactory, ClosedCallFactory, InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent():
    user = UserFactory(role=Role.AGENT)
    user.commune = CommuneFactory(insee="42218")
    MembershipFactory(user=user, commune=user.commune)
    return user


def test_agent_creates_a_problem(agent):
    api = APIClient()
    api.force_authenticate(agent)
    response = api.post(
        "/api/v1/problems/",
        {"title": "Cantine", "statement": "Inscriptions perdues", "collectivites": ["42218"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["collectivites"] == ["42218"]
    listed = api.get("/api/v1/problems/").json()
    assert listed["count"] == 1


def test_bad_problems_are_refused_in_french(agent):
    api = APIClient()
    api.force_authenticate(agent)
    response = api.post(
        "/api/v1/problems/",
        {"title": "X", "statement": "Y", "collectivites": [], "call": ClosedCallFactory().pk},
        format="json",
    )
    assert response.status_code == 400
    assert "collectivité" in response.json()["collectivites"][0]
    unknown = api.post(
        "/api/v1/problems/",
        {"title": " ", "statement": "Y", "collectivites": ["Rennes"]},
        format="json",
    ).json()
    assert unknown["title"] == ["Donnez un intitulé au problème."]
    assert "code Insee" in str(unknown["collectivites"])
    assert not Problem.objects.exists()
    anonymous = APIClient().post("/api/v1/problems/", {"title": "X"}, format="json")
    assert anonymous.status_code == 403


def test_investigations_carry_phase_decision_collectivites_and_project():
    go = InvestigationFactory(is_public=True, problem__communes=[CommuneFactory(insee="35288")])
    go.decision = Decision.GO
    go.project = Project.objects.create(name="Facile", slug="facile", kind="startup-territoire")
    go.save()
    InvestigationFactory()
    body = APIClient().get("/api/v1/investigations/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["decision"] == "go" and row["project"] == "facile"
    assert row["collectivites"] == ["35288"]
    assert row["phase"].startswith("1.")
    team = APIClient()
    team.force_authenticate(UserFactory(role=Role.INCUBATOR))
    assert team.get("/api/v1/investigations/").json()["count"] == 2


def test_calls_and_schema(client):
    CallFactory(), ClosedCallFactory()
    assert APIClient().get("/api/v1/calls/").json()["count"] == 1
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert {"/api/v1/problems/", "/api/v1/calls/", "/api/v1/investigations/"} <= set(
        schema["paths"]
    )
    # Audit of issue 14, point 8: the schema says which values `decision` takes.
    decision = schema["components"]["schemas"]["Investigation"]["properties"]["decision"]
    assert decision.get("nullable") is True
    names = [choice["$ref"].split("/")[-1] for choice in decision["oneOf"]]
    assert schema["components"]["schemas"][names[0]]["enum"] == [
        "go",
        "no-go",
        "solution-existante",
    ]


def test_agent_does_not_read_other_collectivites_problems(agent):
    ProblemFactory()
    api = APIClient()
    api.force_authenticate(agent)
    assert api.get("/api/v1/problems/").json()["count"] == 0


def test_open_data_and_api_say_the_same_phase(client):
    """Issue 14 review, defect 5: the CSV said « Terminée » where the API said null for the
    same investigation; one rule (`rules.phase_label`) for both."""
    import csv
    import io

    from .factories import close_all_phases

    running = InvestigationFactory(is_public=True)
    done = close_all_phases(InvestigationFactory(is_public=True))
    api = {
        row["id"]: row["phase"]
        for row in APIClient().get("/api/v1/investigations/").json()["results"]
    }
    text = b"".join(client.get("/donnees/investigations.csv").streaming_content).decode("utf-8-sig")
    published = {int(row["id"]): row["phase"] for row in csv.DictReader(io.StringIO(text))}
    assert api == published
    assert api[done.pk] == "Terminée"
    assert api[running.pk] == "1. Réalité et ampleur du problème"
