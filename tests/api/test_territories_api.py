import pytest

from fabrique.core.text import search_key

from ..factories import CommuneFactory, DepartementFactory, EPCIFactory
from ..query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_search_returns_the_documented_shape(client, territories):
    response = client.get("/api/v1/territoires/", {"q": "st malo"})
    assert response.status_code == 200
    data = response.json()
    assert data[0] == {
        "kind": "commune",
        "code": "35288",
        "name": "Saint-Malo",
        "departement": "35",
        "population": 46097,
        "url": "http://testserver/territoires/communes/35288/",
    }


@pytest.mark.parametrize(
    ("query", "kind", "name"),
    [
        ("saint etienne", "commune", "Saint-Étienne"),
        ("2A004", "commune", "Ajaccio"),
        ("200046977", "epci", "Métropole de Lyon"),
    ],
)
def test_search_examples(client, territories, query, kind, name):
    first = client.get("/api/v1/territoires/", {"q": query}).json()[0]
    assert (first["kind"], first["name"]) == (kind, name)


@pytest.mark.parametrize("query", ["", "x" * 10_000, "'; DROP TABLE x; --", "🙂", "%_\\"])
def test_odd_queries_give_a_list(client, territories, query):
    response = client.get("/api/v1/territoires/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json(), list)


def test_eligible_communes_of_a_departement(client, territories):
    response = client.get("/api/v1/communes/", {"eligible": "true", "departement": "42"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 11
    assert {row["insee"] for row in data["results"]} >= {"42248", "42339"}
    assert all(row["eligible"] and row["departement"] == "42" for row in data["results"])
    not_eligible = client.get("/api/v1/communes/", {"eligible": "false", "departement": "42"})
    assert not_eligible.json()["count"] == 4


def test_eligible_epci(client, territories):
    data = client.get("/api/v1/epci/", {"eligible": "true"}).json()
    sirens = {row["siren"] for row in data["results"]}
    assert "244200820" in sirens
    assert "244200770" not in sirens
    assert data["count"] == len(sirens)
    urfe = next(row for row in data["results"] if row["siren"] == "244200820")
    assert urfe["population"] == 5212
    assert urfe["member_count"] == 11


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/communes/", {"departement": "xyz"}, "departement"),
        ("/api/v1/communes/", {"eligible": "peut-être"}, "eligible"),
        ("/api/v1/epci/", {"departement": "'; --"}, "departement"),
    ],
)
def test_bad_filters_give_a_400_in_french(client, territories, url, params, field):
    response = client.get(url, params)
    assert response.status_code == 400
    assert field in response.json()


def test_bad_page_gives_a_404_not_a_500(client, territories):
    assert client.get("/api/v1/communes/", {"page": "9999"}).status_code == 404


@pytest.mark.parametrize("rows", [3, 60])
def test_lists_run_a_constant_number_of_queries(client, django_assert_max_num_queries, rows):
    departement = DepartementFactory(code="07")
    for _ in range(rows):
        CommuneFactory(departement=departement, epci=EPCIFactory())
    with django_assert_max_num_queries(2):
        assert client.get("/api/v1/communes/").json()["count"] == rows
    with django_assert_max_num_queries(2):
        assert client.get("/api/v1/epci/", {"eligible": "true"}).json()["count"] == rows


@pytest.mark.parametrize(("query", "budget"), [("commune", 3), ("communes num", 3), ("07", 1)])
def test_search_view_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, query, budget
):
    """2 then 20 communes and EPCI whose names match ("Commune 7", "Communauté de communes
    numéro 7"): one query per kind of territory, one for a code."""
    departement = DepartementFactory(code="07")

    def grow(rows):
        for _ in range(rows):
            epci = EPCIFactory()
            commune = CommuneFactory(departement=departement, epci=epci)
            for territory in (epci, commune):  # the import fills the search column
                territory.search_key = search_key(territory.name)
                territory.save(update_fields=["search_key"])

    grow(2)
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get("/api/v1/territoires/", {"q": query}),
        lambda: grow(18), budget=budget,
    )  # fmt: skip
    assert len(response.json()) == (1 if query == "07" else 20)


def test_openapi_schema_and_docs_are_public(client):
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/territoires/", "/api/v1/communes/", "/api/v1/epci/"} <= set(paths)
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "swagger" in docs.content.decode().lower()
