"""Impact API: indicators with latest value and status; measurements pushed with a project
token, scoped to its project, idempotent per period, refused in French when wrong."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token

from fabrique.accounts.models import Role
from fabrique.impact import services
from fabrique.impact.models import Measurement, ProjectToken
from fabrique.impact.vocabulary import Source, Unit
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory

from .factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def last_month() -> date:
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


@pytest.fixture
def project():
    project = ProjectFactory(slug="actes", name="Actes en ligne")
    users = IndicatorFactory(
        project=project, name="Usagers actifs mensuels", is_north_star=True,
        baseline_value=100, baseline_date=date(2025, 1, 1), target_value=1000,
        target_date=date(2030, 1, 1),
    )  # fmt: skip
    IndicatorFactory(project=project, name="Satisfaction", unit=Unit.PERCENT)
    IndicatorFactory(project=project, name="Coût interne", is_public=False)
    MeasurementFactory(indicator=users, period=last_month(), value=Decimal(400))
    return project


@pytest.fixture
def secret(project):
    return services.token_create(project=project, name="test")[1]


def auth(secret):
    return {"Authorization": f"Token {secret}"}


def push(client, slug, body, secret=None):
    headers = auth(secret) if secret else {}
    return client.post(
        f"/api/v1/projects/{slug}/measurements/", body, content_type="application/json",
        headers=headers,
    )  # fmt: skip


# --- GET indicators -----------------------------------------------------------------------


def test_anonymous_reads_public_indicators_with_latest_value_and_status(client, project):
    data = {item["name"]: item for item in client.get("/api/v1/projects/actes/indicators/").json()}
    assert set(data) == {"Usagers actifs mensuels", "Satisfaction"}
    users = data["Usagers actifs mensuels"]
    assert users["latest"]["value"] == 400.0
    assert users["latest"]["period"] == last_month().isoformat()
    assert users["north_star"] is True
    assert users["status"] in {"en-bonne-voie", "hors-trajectoire"}
    assert users["progress"] == pytest.approx(300 / 900)
    assert data["Satisfaction"]["latest"] is None
    assert data["Satisfaction"]["status"] == "a-renseigner"


def test_team_token_and_session_see_unpublished_indicators(client, project, secret, users):
    names = {item["name"] for item in client.get(
        "/api/v1/projects/actes/indicators/", headers=auth(secret)
    ).json()}  # fmt: skip
    assert "Coût interne" in names
    TeamMemberFactory(project=project, user=users[Role.COACH])
    client.force_login(users[Role.COACH])
    assert len(client.get("/api/v1/projects/actes/indicators/").json()) == 3
    client.logout()
    staff = Token.objects.create(user=users[Role.INCUBATOR])
    response = client.get("/api/v1/projects/actes/indicators/", headers=auth(staff.key))
    assert len(response.json()) == 3
    other_secret = services.token_create(project=ProjectFactory())[1]
    response = client.get("/api/v1/projects/actes/indicators/", headers=auth(other_secret))
    assert len(response.json()) == 2  # another project's token sees the public part only


def test_indicators_query_count(client, project, django_assert_max_num_queries):
    for index in range(10):
        indicator = IndicatorFactory(project=project)
        MeasurementFactory(indicator=indicator, period=last_month(), value=index)
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/v1/projects/actes/indicators/").json()) == 12


def test_unknown_project_is_404(client, secret):
    assert client.get("/api/v1/projects/inconnu/indicators/").status_code == 404
    assert push(client, "inconnu", {}, secret).status_code == 404


# --- POST measurements --------------------------------------------------------------------


def test_push_one_value_by_name_then_again_idempotent(client, project, secret):
    day = last_month().replace(day=15).isoformat()
    body = {"indicator": "satisfaction", "date": day, "value": 87.5, "comment": "enquête"}
    response = push(client, "actes", body, secret)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["created"], data["updated"], data["unchanged"]) == (1, 0, 0)
    assert data["measurements"][0]["period"] == last_month().isoformat()
    assert data["measurements"][0]["outcome"] == "created"
    again = push(client, "actes", body, secret)
    assert again.status_code == 200 and again.json()["unchanged"] == 1
    changed = push(client, "actes", {**body, "value": 88}, secret)
    assert changed.json()["updated"] == 1
    measurement = Measurement.objects.get(indicator__name="Satisfaction")
    assert (measurement.value, measurement.source, measurement.comment) == (
        Decimal(88), Source.API, "enquête",
    )  # fmt: skip
    assert ProjectToken.objects.get().last_used_at is not None


def test_push_a_list_by_id(client, project, secret):
    users = project.indicators.get(name="Usagers actifs mensuels")
    body = [
        {"indicator": users.pk, "date": "2026-01-31", "value": 300},
        {"indicator": str(users.pk), "date": "2026-02-28", "value": "310,5"},
    ]
    response = push(client, "actes", body, secret)
    assert response.status_code == 201
    assert response.json()["created"] == 2
    assert users.measurements.get(period=date(2026, 2, 1)).value == Decimal("310.5")


def test_bad_items_give_400_in_french_and_nothing_saved(client, project, secret):
    body = [
        {"indicator": "Satisfaction", "date": "2026-01-31", "value": 50},  # fine alone
        {"indicator": "Satisfaction", "date": "2026-01-15", "value": 60},  # same month
        {"indicator": "Inconnu", "date": "2026-01-31", "value": 1},
        {"indicator": "Satisfaction", "date": "2026-02-28", "value": 101},
        {"indicator": "Satisfaction", "date": "1890-01-01", "value": 1},
        {"indicator": "Satisfaction", "date": "2026-03-31", "value": "beaucoup"},
        {"indicator": "Satisfaction", "date": "2026-03-31"},
        {"indicator": "Satisfaction", "date": "2026-03-31", "value": 1, "unite": "%"},
        "texte",
    ]
    before = Measurement.objects.count()
    response = push(client, "actes", body, secret)
    assert response.status_code == 400
    data = response.json()
    assert data["detail"].startswith("Rien n'a été enregistré")
    found = {(error["index"], error["field"]) for error in data["errors"]}
    assert found == {
        (1, "date"), (2, "indicator"), (3, "value"), (4, "date"), (5, "value"), (6, "value"),
        (7, "unite"), (8, ""),
    }  # fmt: skip
    messages = {error["index"]: error["message"] for error in data["errors"]}
    assert "l'élément 0" in messages[1]
    assert "entre 0 et 100" in messages[3]
    assert "plausible" in messages[4]
    assert messages[5] == "« beaucoup » n'est pas un nombre."
    assert Measurement.objects.count() == before


@pytest.mark.parametrize("body", ["pas du json", 42, [], None])
def test_unreadable_bodies(client, project, secret, body):
    response = client.post(
        "/api/v1/projects/actes/measurements/",
        body if isinstance(body, str) else json.dumps(body),
        content_type="application/json", headers=auth(secret),
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["detail"]


def test_missing_token_is_401_json(client, project):
    response = push(
        client, "actes", {"indicator": "Satisfaction", "date": "2026-01-31", "value": 1}
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "Jeton du projet requis" in response.json()["detail"]


def test_unknown_token_is_401_json(client, project):
    response = push(client, "actes", {}, "fab_nimportequoi")
    assert response.status_code == 401
    assert "Jeton inconnu" in response.json()["detail"]


def test_user_token_cannot_push(client, project, users):
    staff = Token.objects.create(user=users[Role.INCUBATOR])
    response = push(client, "actes", {"indicator": "Satisfaction", "date": "2026-01-31",
                                      "value": 1}, staff.key)  # fmt: skip
    assert response.status_code == 401
    assert not Measurement.objects.filter(indicator__name="Satisfaction").exists()


def test_token_of_another_project_is_403_json(client, project):
    other = ProjectFactory(slug="autre")
    IndicatorFactory(project=other, name="Satisfaction")
    other_secret = services.token_create(project=other)[1]
    body = {"indicator": "Satisfaction", "date": "2026-01-31", "value": 1}
    response = push(client, "actes", body, other_secret)
    assert response.status_code == 403
    assert "n'est pas celui du projet « actes »" in response.json()["detail"]
    assert not Measurement.objects.filter(indicator__project=project, value=1).exists()
    assert push(client, "autre", body, other_secret).status_code == 201


def test_revoked_token_is_403_json(client, project, secret):
    token = ProjectToken.objects.get()
    services.token_revoke(token=token)
    body = {"indicator": "Satisfaction", "date": "2026-01-31", "value": 1}
    response = push(client, "actes", body, secret)
    assert response.status_code == 403
    assert "révoqué" in response.json()["detail"]
    assert not Measurement.objects.filter(indicator__name="Satisfaction").exists()


def test_computed_indicator_cannot_be_pushed(client, secret, project):
    services.starter_set_add(project=project)
    response = push(client, "actes", {"indicator": "Coût par usage", "date": "2026-01-31",
                                      "value": 3}, secret)  # fmt: skip
    assert response.status_code == 400
    assert "calculé" in response.json()["errors"][0]["message"]


def test_schema_documents_the_impact_endpoints(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/projects/{slug}/indicators/" in paths
    post = paths["/api/v1/projects/{slug}/measurements/"]["post"]
    assert post["security"] == [{"jetonDeProjet": []}]
    assert {"200", "201", "400", "401", "403"} <= set(post["responses"])
    assert schema["components"]["securitySchemes"]["jetonDeProjet"]["in"] == "header"


def test_project_token_command_prints_a_working_token(client, project, capsys):
    call_command("project_token", "actes", "--nom", "cron")
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("fab_")
    token = ProjectToken.objects.get(name="cron")
    assert token.key_hash == services.token_hash(secret)
    body = {"indicator": "Satisfaction", "date": "2026-01-31", "value": 42}
    assert push(client, "actes", body, secret).status_code == 201


def test_project_token_command_unknown_project():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Aucun projet « nope »"):
        call_command("project_token", "nope")


def test_a_body_that_is_not_json_is_415_json(client, project, secret):
    response = client.post(
        "/api/v1/projects/actes/measurements/", "indicator=x", content_type="text/plain",
        headers=auth(secret),
    )  # fmt: skip
    assert response.status_code == 415
    assert "text/plain" in response.json()["detail"]


# --- Issue 17, defects 4 and 9: never a 500, never English ---------------------------------


def test_deeply_nested_json_is_a_french_400_not_a_500(client, project, secret):
    response = push(client, "actes", "[" * 100_000, secret)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Document JSON illisible : trop de niveaux imbriqués."


def test_json_syntax_errors_say_where_in_french(client, project, secret):
    response = push(client, "actes", '{"indicator": 1, date: "2026-01-01"}', secret)
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Document JSON illisible à la ligne 1, colonne 18 : nom de champ attendu entre guillemets."
    )


def test_not_found_is_said_in_french(client, secret):
    for response in (
        client.get("/api/v1/projects/inconnu/"),
        client.get("/api/v1/projects/inconnu/indicators/"),
        push(client, "inconnu", {}, secret),
    ):
        assert response.status_code == 404
        detail = response.json()["detail"]
        assert "matches" not in detail and detail.startswith("Ressource introuvable")
