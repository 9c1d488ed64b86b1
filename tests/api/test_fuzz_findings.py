"""What `make fuzz` (schemathesis against a live server) found, each pinned by a test: every
answer checked against the schema the API publishes (OpenAPI 3.0, read as JSON Schema)."""

import copy

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from fabrique.accounts.models import Role
from tests.investigations.factories import InvestigationFactory
from tests.portfolio.factories import ProjectFactory
from tests.recruitment.factories import JobOfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def _json_schema(node, components):
    """OpenAPI 3.0 to JSON Schema: `$ref` inlined, `nullable` turned into a null type, `oneOf`
    read as `anyOf` (formats such as `uri` are not checked here, so `""` would match both
    branches of drf-spectacular's « URL or blank »)."""
    if isinstance(node, list):
        return [_json_schema(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _json_schema(components[node["$ref"].rsplit("/", 1)[1]], components)
    node = {key: _json_schema(value, components) for key, value in node.items()}
    if "oneOf" in node:
        node["anyOf"] = node.pop("oneOf")
    if node.pop("nullable", False):
        node = {"anyOf": [node, {"type": "null"}]}
    return node


def assert_documented(openapi, path, method, response):
    """The status is documented for the operation, and the body matches its schema."""
    operation = openapi["paths"][path][method]
    assert str(response.status_code) in operation["responses"], response.status_code
    documented = operation["responses"][str(response.status_code)]
    assert response["Content-Type"].startswith("application/json")
    schema = documented["content"]["application/json"]["schema"]
    components = copy.deepcopy(openapi["components"]["schemas"])
    jsonschema.validate(response.json(), _json_schema(schema, components))


def test_unknown_api_address_is_a_json_404_in_french(client, openapi):
    """An id the URL pattern refuses (`/api/v1/projects/%C2%84/`) gave the HTML 404 page."""
    for address in ("/api/v1/projects/%C2%84/", "/api/v1/solutions/%C2%B2/", "/api/v2/rien/"):
        response = client.get(address)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith("Adresse inconnue de l'API")
    assert_documented(
        openapi, "/api/v1/projects/{slug}/", "get", client.get("/api/v1/projects/%C2%84/")
    )
    # Pages keep their French HTML 404.
    assert "text/html" in client.get("/projets/%C2%84/")["Content-Type"]


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/epci/", {"eligible": "AAA"}),
        ("/api/v1/operators/", {"departement": ["null", "null"]}),
        ("/api/v1/projects/", {"phase": "AAA"}),
        ("/api/v1/solutions/", {"hosting": "true"}),
        ("/api/v1/funding/", {"category": "null", "commune": "", "epci": "", "solution": ""}),
    ],
)
def test_invalid_parameters_answer_a_documented_400(client, openapi, path, query):
    """The 400 body names the fields to correct; it was documented as `{"detail": …}` only."""
    response = client.get(path, query)
    assert response.status_code == 400
    assert_documented(openapi, path, "get", response)


def test_project_answers_match_the_schema_for_anonymous_people_and_the_team(client, openapi, users):
    """Anonymous people get the public fields: the schema documented the team's as required."""
    ProjectFactory(slug="projet-public")
    for user in (None, users[Role.INCUBATOR]):
        if user is not None:
            client.force_login(user)
        assert_documented(openapi, "/api/v1/projects/", "get", client.get("/api/v1/projects/"))
        assert_documented(
            openapi,
            "/api/v1/projects/{slug}/",
            "get",
            client.get("/api/v1/projects/projet-public/"),
        )


def test_offers_and_investigations_without_project_match_the_schema(client, openapi, users):
    """An offer or an investigation without a project answered `"project": null`, which the
    schema did not allow."""
    JobOfferFactory(slug="offre-sans-projet", project=None)
    InvestigationFactory(is_public=True, project=None)
    client.force_login(users[Role.INCUBATOR])
    for path, address in (
        ("/api/v1/jobs/", "/api/v1/jobs/"),
        ("/api/v1/jobs/{slug}/", "/api/v1/jobs/offre-sans-projet/"),
        ("/api/v1/investigations/", "/api/v1/investigations/"),
    ):
        response = client.get(address)
        assert response.status_code == 200
        assert_documented(openapi, path, "get", response)


@pytest.mark.parametrize(
    "query",
    [
        {"page": ""},
        {"page": ["1", "2"]},
        {"page": "false"},
        {"page": "-1"},
        {"page": "{}"},
        {"page": "0"},
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/calls/", "/api/v1/projects/", "/api/v1/solutions/"])
def test_a_page_is_one_positive_integer(client, openapi, path, query):
    """`?page=` and repeated pages were answered as the first or the last page."""
    response = client.get(path, query)
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "Page non valide : donnez un seul numéro de page, entier positif (1, 2…)."
    )
    assert_documented(openapi, path, "get", response)
    assert client.get(path, {"page": "1"}).status_code == 200


@pytest.mark.parametrize("page_size", ["null", "0", "", ["10", "20"]])
def test_page_size_must_be_a_positive_integer(client, openapi, page_size):
    response = client.get("/api/v1/solutions/", {"page_size": page_size})
    assert response.status_code == 400
    assert "page_size" in response.json()
    assert_documented(openapi, "/api/v1/solutions/", "get", response)
    assert client.get("/api/v1/solutions/", {"page_size": "10"}).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/communes/", "/api/v1/epci/"])
def test_eligible_is_a_boolean_not_null(client, openapi, path):
    """`eligible=null` was read as « no filter »; the schema documents a boolean."""
    response = client.get(path, {"eligible": "null"})
    assert response.status_code == 400
    assert_documented(openapi, path, "get", response)
    assert client.get(path, {"eligible": "true"}).status_code == 200


def test_a_page_past_the_last_one_says_so(client, openapi):
    """Beyond the last page, « Page non valide. » said nothing of what to change."""
    response = client.get("/api/v1/projects/", {"page": "999"})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Page 999 introuvable : la liste n'a pas autant")
    assert_documented(openapi, "/api/v1/projects/", "get", response)
