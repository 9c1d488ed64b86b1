import csv
import io
import json

import pytest

from fabrique.catalogue import services
from fabrique.territories.models import EPCI, Commune, Departement

from ..query_counts import assert_constant_queries
from .factories import FundingSchemeFactory, OperatorFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def catalogue(territories):
    solution = SolutionFactory(
        name="Registre", slug="registre", categories=["gestion-interne", "donnees"],
        hosting=["saas", "opsn"], yearly_cost=120,
    )  # fmt: skip
    services.solution_use_add(solution=solution, territory=Commune.objects.get(insee="42248"))
    services.solution_use_add(solution=solution, territory=EPCI.objects.get(siren="244200820"))
    FundingSchemeFactory(
        name="Aide", slug="aide", departements=Departement.objects.filter(code="42"),
        population_max=3500,
    )  # fmt: skip
    OperatorFactory(name="SITIV", slug="sitiv", solutions=[solution],
                    departements=Departement.objects.filter(code__in=["42", "69"]))  # fmt: skip
    return solution


def test_solutions_csv_reads_back(client, catalogue):
    response = client.get("/catalogue/donnees/solutions.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="catalogue-solutions.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response).removeprefix("\ufeff"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["identifiant"] == "registre"
    assert row["categories"] == "gestion-interne;donnees"
    assert row["hebergement"] == "saas;opsn"
    assert row["cout_annuel_indicatif"] == "120.0"
    assert row["operateurs"] == "sitiv"
    assert row["collectivites_utilisatrices"] == "2"


def test_json_exports_read_back(client, catalogue):
    solutions = json.loads(body(client.get("/catalogue/donnees/solutions.json")))
    assert solutions[0]["hebergement"] == ["saas", "opsn"]
    assert solutions[0]["licence"] == "AGPL-3.0-or-later"
    schemes = json.loads(body(client.get("/catalogue/donnees/financements.json")))
    assert schemes == [
        {
            "identifiant": "aide",
            "nom": "Aide",
            "lien": "",
            "financeurs": ["Agence nationale de la cohésion des territoires (ANCT)"],
            "types_d_aide": ["subvention"],
            "beneficiaires": ["commune", "epci"],
            "population_min": None,
            "population_max": 3500,
            "themes": ["numerique"],
            "recurrence": "permanente",
            "appel_a_projets": False,
            "date_cloture": "",
            "ouvert": True,
            "departements": ["42"],
            "regions": [],
        }
    ]
    operators = json.loads(body(client.get("/catalogue/donnees/operateurs.json")))
    assert operators[0]["departements"] == ["42", "69"]
    uses = json.loads(body(client.get("/catalogue/donnees/utilisations.json")))
    assert sorted((use["type"], use["code"]) for use in uses) == [
        ("commune", "42248"),
        ("epci", "244200820"),
    ]


def test_uses_csv_and_unknown_exports(client, catalogue):
    rows = list(
        csv.DictReader(io.StringIO(body(client.get("/catalogue/donnees/utilisations.csv"))[1:]))
    )
    assert {row["nom"] for row in rows} == {
        "Saint-Just-en-Chevalet",
        "Communauté de communes du Pays d'Urfé",
    }
    assert client.get("/catalogue/donnees/secrets.csv").status_code == 404
    assert client.get("/catalogue/donnees/solutions.xml").status_code == 404


def test_empty_exports_are_valid(client, db):
    assert json.loads(body(client.get("/catalogue/donnees/solutions.json"))) == []
    assert body(client.get("/catalogue/donnees/solutions.csv")) == ""


# --- The same files through the API, documented in its schema -------------------------------

DATASETS = ["solutions", "utilisations", "financements", "operateurs"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("name", DATASETS)
def test_the_api_serves_the_same_files(client, catalogue, name, fmt):
    page = client.get(f"/catalogue/donnees/{name}.{fmt}")
    # Whatever the client accepts: the type is in the file name.
    api = client.get(f"/api/v1/exports/{name}.{fmt}", headers={"Accept": "text/csv"})
    assert api.status_code == 200
    assert api["Content-Type"] == page["Content-Type"]
    assert api["Content-Disposition"] == f'attachment; filename="catalogue-{name}.{fmt}"'
    assert body(api) == body(page) != ""


def test_the_api_refuses_unknown_files_in_french(client, db):
    for path in ("secrets.csv", "solutions.xml"):
        response = client.get(f"/api/v1/exports/{path}")
        assert response.status_code == 404
        assert response.json()["detail"].startswith(f"Aucun fichier « {path} »")
    assert client.get("/api/v1/exports/solutions").status_code == 404


def test_the_schema_lists_the_exports(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/exports/{dataset}.{extension}"]["get"]
    parameters = {p["name"]: p["schema"]["enum"] for p in operation["parameters"]}
    assert parameters == {"dataset": sorted(DATASETS), "extension": ["csv", "json"]}
    assert set(operation["responses"]["200"]["content"]) == {"text/csv", "application/json"}
    assert "/catalogue/donnees/" in operation["description"]


def test_the_open_data_page_points_to_the_api(client):
    page = client.get("/catalogue/donnees/").content.decode()
    assert "/api/v1/exports/solutions.csv" in page


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("prefix", ["/catalogue/donnees/", "/api/v1/exports/"])
def test_exports_run_a_constant_number_of_queries(
    client, territories, name, prefix, django_assert_max_num_queries
):
    """2 then 20 of each: solutions used in a commune and an EPCI, with a similar one and an OPSN;
    schemes over a département and a region."""
    loire = Departement.objects.filter(code="42")
    commune, epci = Commune.objects.get(insee="42248"), EPCI.objects.get(siren="244200820")

    def grow(rows):
        for _ in range(rows):
            solution = SolutionFactory()
            services.solution_save(
                name=solution.name, solution=solution, similar=[SolutionFactory()]
            )
            services.solution_use_add(solution=solution, territory=commune)
            services.solution_use_add(solution=solution, territory=epci)
            FundingSchemeFactory(departements=loire, regions=[loire.get().region])
            OperatorFactory(departements=loire, solutions=[solution])

    grow(2)
    url = f"{prefix}{name}.json"
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(url), lambda: grow(18),
        budget=1 if name == "utilisations" else 3,
    )  # fmt: skip
    assert len(json.loads(response.content_bytes)) >= 20
