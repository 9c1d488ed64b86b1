"""Issue 17, defect 10: the OpenAPI schema documents what the API does."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_operation_documents_its_error_answers(schema):
    missing = [
        f"{method.upper()} {path}: {code}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for code in ("400", "404", "429")
        if code not in operation["responses"]
    ]
    assert missing == []
    assert schema["components"]["schemas"]["Erreur"]["required"] == ["detail"]


def test_departement_parameters_carry_the_pattern_the_api_checks(schema):
    for path in ("/api/v1/communes/", "/api/v1/epci/", "/api/v1/operators/"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["departement"]["schema"]["pattern"] == r"^(\d{1,3}|2[ABab])$"


def test_unknown_category_is_refused(client):
    response = client.get("/api/v1/solutions/", {"category": "cuisine"})
    assert response.status_code == 400
    assert response.json()["category"] == "Valeur inconnue pour « category » : cuisine."


def test_page_zero_is_a_documented_404(client):
    response = client.get("/api/v1/solutions/", {"page": 0})
    assert response.status_code == 404
    assert "detail" in response.json()
