from datetime import date, timedelta

import pytest

from fabrique.catalogue import services
from fabrique.territories.models import Commune, Departement

from ..query_counts import assert_constant_queries
from .factories import FundingSchemeFactory, OperatorFactory, SolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(territories):
    securite = SolutionFactory(
        name="Sécurité numérique", slug="securite-numerique", categories=["securite"],
        origin="marche", cost_model="abonnement", licence="", yearly_cost=360,
    )  # fmt: skip
    for index in range(4):
        SolutionFactory(name=f"Démarches {index}", categories=["relation-usagers"])
    services.solution_use_add(solution=securite, territory=Commune.objects.get(insee="42248"))
    return securite


def test_solutions_list_shape_count_and_facets(client, catalogue):
    data = client.get("/api/v1/solutions/", {"q": "securite"}).json()
    assert data["count"] == 1
    assert set(data) == {"count", "next", "previous", "facets", "results"}
    assert data["results"][0] == {
        "slug": "securite-numerique",
        "name": "Sécurité numérique",
        "origin": "marche",
        "summary": "Un outil utile aux mairies",
        "categories": ["securite"],
        "licence": "",
        "website": "",
        "cost_model": "abonnement",
        "yearly_cost": "360.00",
        "hosting": ["saas"],
        "maturity": "stable",
        "user_count": 1,
        "url": "http://testserver/catalogue/solutions/securite-numerique/",
    }
    assert set(data["facets"]) == {"categories", "origin", "cost_model", "hosting", "licence"}
    categories = {row["value"]: row["count"] for row in data["facets"]["categories"]}
    assert categories["securite"] == 1 and categories["relation-usagers"] == 0


def test_solutions_filters_and_pagination(client, catalogue):
    data = client.get(
        "/api/v1/solutions/", {"category": ["relation-usagers", "securite"], "page_size": 2}
    ).json()
    assert data["count"] == 5 and len(data["results"]) == 2 and data["next"]
    data = client.get("/api/v1/solutions/", {"origin": "marche", "cost_model": "abonnement"}).json()
    assert [row["slug"] for row in data["results"]] == ["securite-numerique"]
    assert client.get("/api/v1/solutions/", {"licence": "AGPL-3.0-or-later"}).json()["count"] == 4
    assert client.get("/api/v1/solutions/", {"hosting": "opsn"}).json()["count"] == 0
    # An unknown value of a facet is refused (issue 17, defect 10: the schema lists the values).
    response = client.get("/api/v1/solutions/", {"origin": "martien"})
    assert response.status_code == 400
    assert response.json() == {"origin": "Valeur inconnue pour « origin » : martien."}


def test_solution_detail(client, catalogue):
    data = client.get("/api/v1/solutions/securite-numerique/").json()
    assert data["users_by_departement"] == [{"departement": "42", "name": "Loire", "communes": 1}]
    assert data["similar"] == [] and data["operators"] == [] and data["project"] is None
    response = client.get("/api/v1/solutions/inconnue/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucune solution n'a l'identifiant « inconnue »."}


@pytest.fixture
def schemes(territories):
    FundingSchemeFactory(
        name="Loire numérique", population_max=3500,
        departements=Departement.objects.filter(code="42"),
        deadline=date.today() + timedelta(days=20), url="https://exemple.fr/aide",
    )  # fmt: skip
    FundingSchemeFactory(name="Aménagement", themes=["amenagement"])
    FundingSchemeFactory(name="Clos", is_closed=True)


def test_funding_for_a_commune_with_reasons(client, schemes):
    data = client.get("/api/v1/funding/", {"commune": "42248", "category": "securite"}).json()
    assert data["count"] == 1
    assert data["collectivite"] == {
        "kind": "commune",
        "code": "42248",
        "name": "Saint-Just-en-Chevalet",
        "population": 1141,
    }
    assert data["categories"] == ["securite"]
    scheme = data["results"][0]
    assert scheme["name"] == "Loire numérique"
    assert scheme["link"] == "https://exemple.fr/aide"
    assert scheme["beneficiaries"] == ["commune", "epci"]
    assert scheme["reasons"][:4] == [
        "ouvert aux communes",
        "population 1 141 ≤ 3 500",
        "thème : numérique",
        "périmètre : Loire (42)",
    ]
    everything = client.get("/api/v1/funding/", {"commune": "42248"}).json()
    assert everything["count"] == 2  # the closed one is never proposed
    by_solution = client.get(
        "/api/v1/funding/", {"commune": "42248", "solution": SolutionFactory().slug}
    ).json()
    assert by_solution["categories"] == ["relation-usagers"] and by_solution["count"] == 1
    epci = client.get("/api/v1/funding/", {"epci": "244200820"}).json()
    assert epci["collectivite"]["kind"] == "epci"
    assert [row["name"] for row in epci["results"]] == ["Aménagement"]  # communes only for Loire


def test_funding_errors_are_in_french(client, schemes):
    response = client.get("/api/v1/funding/")
    assert response.status_code == 400
    assert response.json() == {"commune": ["Indiquez une commune (code Insee) ou un EPCI (SIREN)."]}
    response = client.get("/api/v1/funding/", {"commune": "abc"})
    assert response.status_code == 400 and "Code Insee" in response.json()["commune"][0]
    response = client.get("/api/v1/funding/", {"commune": "99999"})
    assert response.status_code == 404
    assert response.json()["detail"] == "Aucune commune ne porte le code Insee « 99999 »."
    response = client.get("/api/v1/funding/", {"commune": "42248", "category": "cuisine"})
    assert response.status_code == 400


def test_operators_by_departement(client, territories, django_assert_max_num_queries):
    loire = Departement.objects.get(code="42")
    for index in range(3):
        OperatorFactory(name=f"OPSN {index}", departements=[loire], solutions=[SolutionFactory()])
    OperatorFactory(name="Ailleurs", departements=Departement.objects.filter(code="35"))
    with django_assert_max_num_queries(4):
        data = client.get("/api/v1/operators/", {"departement": "42"}).json()
    assert data["count"] == 3
    first = data["results"][0]
    assert first["departements"] == ["42"] and len(first["solutions"]) == 1
    assert first["status"] == "partenaire"
    response = client.get("/api/v1/operators/", {"departement": "xyz"})
    assert response.status_code == 400
    assert "Code de département invalide" in response.json()["departement"][0]
    assert client.get("/api/v1/operators/").json()["count"] == 4


def test_solutions_list_runs_a_constant_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/solutions/", {"q": "demarches"}).status_code == 200


@pytest.mark.parametrize(
    ("url", "params", "budget"),
    [
        ("/api/v1/funding/", {"commune": "42248"}, 5),
        ("/api/v1/funding/", {"epci": "244200820", "category": "securite"}, 6),
        ("/api/v1/operators/", {}, 4),
        ("/api/v1/operators/", {"departement": "42"}, 4),
        ("/api/v1/solutions/", {}, 2),
        ("/api/v1/solutions/", {"q": "solution", "category": "securite", "origin": "marche"}, 2),
    ],
)
def test_lists_run_a_constant_number_of_queries(
    client, territories, url, params, budget, django_assert_max_num_queries
):
    """2 then 20 schemes over the Loire, OPSN with a solution each, solutions in use."""
    loire = Departement.objects.filter(code="42")
    commune = Commune.objects.get(insee="42248")

    def grow(rows):
        for _ in range(rows):
            FundingSchemeFactory(departements=loire, population_max=50_000)
            solution = SolutionFactory(categories=["securite"], origin="marche")
            services.solution_use_add(solution=solution, territory=commune)
            OperatorFactory(departements=loire, solutions=[solution])

    grow(2)
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(url, params), lambda: grow(18),
        budget=budget,
    )  # fmt: skip
    assert response.status_code == 200 and response.json()["count"] == 20


def test_schema_lists_the_catalogue_endpoints(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in ("/api/v1/solutions/", "/api/v1/solutions/{slug}/", "/api/v1/funding/",
                 "/api/v1/operators/"):  # fmt: skip
        assert path in paths
    parameters = {p["name"] for p in paths["/api/v1/solutions/"]["get"]["parameters"]}
    assert {"q", "category", "origin", "cost_model", "hosting", "licence"} <= parameters
    listing = paths["/api/v1/solutions/"]["get"]["responses"]["200"]["content"]
    reference = listing["application/json"]["schema"]["$ref"].split("/")[-1]
    assert "facets" in schema["components"]["schemas"][reference]["properties"]
    funding = {p["name"] for p in paths["/api/v1/funding/"]["get"]["parameters"]}
    assert {"commune", "epci", "category", "solution"} <= funding
