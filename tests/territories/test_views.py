import pytest
from django.urls import reverse

from fabrique.territories.models import EPCI, Departement

from ..catalogue.factories import OperatorFactory
from ..factories import CommuneFactory, DepartementFactory, EPCIFactory
from ..query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    """The page, French thin and no-break spaces made plain."""
    return response.content.decode().replace("\xa0", " ").replace("\u202f", " ")


def test_commune_page_is_public_and_complete(client, territories):
    response = client.get("/territoires/communes/42248/")
    assert response.status_code == 200
    html = page_text(response)
    assert "Saint-Just-en-Chevalet" in html
    assert "1 141 habitants" in html
    assert "Communauté de communes du Pays d&#x27;Urfé" in html
    assert "Auvergne-Rhône-Alpes" in html
    assert "Éligible à l'accompagnement sur-mesure" in html


def test_commune_page_shows_digital_presence(client, territories):
    html = client.get("/territoires/communes/42218/").content.decode()
    assert "Non éligible" in html
    assert "Site internet (saint-etienne.fr)" in html


def test_generic_provider_is_flagged(client):
    commune = CommuneFactory(email="mairie.exemple@orange.fr", website="")
    html = client.get(commune.get_absolute_url()).content.decode()
    assert "fournisseur grand public (orange.fr)" in html
    assert "Pas de site internet déclaré" in html


def test_island_without_epci_and_unknown_population(client, territories):
    assert "commune isolée" in client.get("/territoires/communes/22016/").content.decode()
    html = client.get("/territoires/communes/97611/").content.decode()
    assert "Inconnue" in html
    assert "Non éligible" in html


def test_epci_page_lists_members_by_population(client, territories):
    response = client.get("/territoires/epci/244200820/")
    assert response.status_code == 200
    members = [commune.insee for commune in response.context["members"]]
    assert len(members) == 11
    assert members[0] == "42248"  # Saint-Just-en-Chevalet, the largest
    assert members[-1] == "42339"  # Chausseterre, the smallest
    html = page_text(response)
    assert "5 212" in html
    assert "Éligible" in html


def test_departement_page_counts(client, territories):
    response = client.get("/territoires/departements/42/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["communes"] == 15
    assert figures["eligible_communes"] == 11
    assert figures["epcis"] == 3
    assert figures["eligible_epcis"] == 1
    assert 0 <= figures["generic_email"] <= figures["with_email"] <= 15


def test_departement_generic_email_share():
    departement = DepartementFactory(code="07")
    CommuneFactory(departement=departement, email="a@wanadoo.fr")
    CommuneFactory(departement=departement, email="b@GMAIL.COM")
    CommuneFactory(departement=departement, email="mairie@village.fr")
    CommuneFactory(departement=departement, email="")
    from fabrique.territories.selectors import departement_figures

    figures = departement_figures(departement)
    assert figures["generic_email"] == 2
    assert figures["generic_email_share"] == 0.5


@pytest.mark.parametrize(
    "url",
    [
        "/territoires/communes/99999/",
        "/territoires/communes/%F0%9F%99%82/",
        "/territoires/epci/123/",
        "/territoires/departements/00/",
        "/une-page-qui-n-existe-pas/",
    ],
)
def test_unknown_codes_give_the_french_404_page(client, territories, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_search_page(client, territories):
    response = client.get("/territoires/", {"q": "saint etienne"})
    assert response.status_code == 200
    assert response.context["hits"][0].code == "42218"
    assert "<h1>Rechercher un territoire</h1>" in response.content.decode()


def test_search_page_htmx_returns_only_the_results(client, territories):
    response = client.get(
        "/territoires/",
        {"q": "st malo"},
        headers={"HX-Request": "true", "HX-Target": "search-results"},
    )
    html = response.content.decode()
    assert "Saint-Malo" in html
    assert "<html" not in html


def test_header_suggestions(client, territories):
    html = client.get(reverse("territories:suggestions"), {"q": "2A004"}).content.decode()
    assert 'href="/territoires/communes/2A004/"' in html
    assert "Ajaccio" in html
    assert (
        "Aucun territoire"
        in client.get("/territoires/suggestions/", {"q": "zzzz"}).content.decode()
    )


@pytest.mark.parametrize(
    "query",
    ["", "x" * 10_000, "' OR 1=1; --", "<script>alert(1)</script>", "🙂🏛️", "%%", "\x00"],
)
def test_odd_queries_give_a_normal_page(client, territories, query):
    for url in ("/territoires/", "/territoires/suggestions/"):
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("url", ["epci", "dep"])
def test_list_pages_run_a_constant_number_of_queries(client, django_assert_max_num_queries, url):
    """2 then 20 member communes, and as many OPSN serving the département."""
    departement = DepartementFactory(code="07")
    epci = EPCIFactory()

    def grow(rows):
        for _ in range(rows):
            CommuneFactory(departement=departement, epci=epci)
            OperatorFactory(departements=[departement])

    grow(2)
    target = epci.get_absolute_url() if url == "epci" else departement.get_absolute_url()
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(target), lambda: grow(18),
        budget={"epci": 5, "dep": 6}[url],
    )  # fmt: skip
    assert response.status_code == 200
    assert len(response.context["operators"]) == 20


def test_epci_page_shows_the_opsn_of_its_departements(client, territories):
    loire, rhone = Departement.objects.get(code="42"), DepartementFactory(code="69", name="Rhône")
    OperatorFactory(name="SITIV", departements=[loire, rhone], website="https://www.sitiv.fr/")
    OperatorFactory(name="Rhône numérique", departements=[rhone])
    OperatorFactory(name="Mégalis Bretagne", departements=Departement.objects.filter(code="35"))
    page = page_text(client.get("/territoires/epci/244200820/"))  # Pays d'Urfé, in the Loire
    assert "Opérateur public de services numériques (OPSN)" in page
    assert "SITIV" in page and "https://www.sitiv.fr/" in page
    assert "Rhône numérique" not in page and "Mégalis Bretagne" not in page
    # An EPCI over two départements: the OPSN of both, each with the départements it serves.
    epci = EPCIFactory(name="Communauté à cheval")
    CommuneFactory(epci=epci, departement=loire)
    CommuneFactory(epci=epci, departement=rhone)
    page = " ".join(page_text(client.get(epci.get_absolute_url())).split())
    assert "SITIV</a> (Loire (42), Rhône (69))" in page
    assert "Rhône numérique</a> (Rhône (69))" in page
    assert "Mégalis Bretagne" not in page
    alone = EPCIFactory()
    CommuneFactory(epci=alone, departement=DepartementFactory(code="07"))
    assert "Aucun opérateur public de services numériques connu pour les départements" in (
        page_text(client.get(alone.get_absolute_url()))
    )


def test_departement_page_shows_its_opsn(client, territories):
    OperatorFactory(name="SITIV", departements=Departement.objects.filter(code__in=["42", "69"]))
    OperatorFactory(name="Mégalis Bretagne", departements=Departement.objects.filter(code="35"))
    page = page_text(client.get("/territoires/departements/42/"))
    assert "Opérateur public de services numériques (OPSN)" in page
    assert "SITIV" in page and "Mégalis Bretagne" not in page
    page = page_text(client.get("/territoires/departements/2A/"))
    assert "Aucun opérateur public de services numériques connu pour ce département." in page


@pytest.mark.parametrize("query", ["saint", "a", "42"])
def test_search_pages_run_a_constant_number_of_queries(
    client, territories, django_assert_max_num_queries, query
):
    with django_assert_max_num_queries(4):
        client.get("/territoires/", {"q": query})
    with django_assert_max_num_queries(4):
        client.get("/territoires/suggestions/", {"q": query})


def test_search_results_show_the_departement_of_an_epci(client, territories):
    """The EPCI page knows its départements: the results table says them too, not « — »."""
    response = client.get("/territoires/", {"q": "cc pays urfe"})
    [hit] = [hit for hit in response.context["hits"] if hit.code == "244200820"]
    assert hit.departement_label == "42"
    assert "<td>42</td>" in page_text(response)
    urfe = EPCI.objects.get(siren="244200820")
    CommuneFactory(epci=urfe, departement=Departement.objects.get(code="69"))
    response = client.get("/territoires/", {"q": "cc pays urfe"})
    [hit] = [hit for hit in response.context["hits"] if hit.code == "244200820"]
    assert hit.departement_label == "42, 69"
    CommuneFactory(epci=urfe, departement=Departement.objects.get(code="35"))
    response = client.get("/territoires/", {"q": "cc pays urfe"})
    [hit] = [hit for hit in response.context["hits"] if hit.code == "244200820"]
    assert hit.departement_label == "35, 69 et 1 autre"
    # The API keeps its contract: the code of the département, empty for an EPCI.
    assert hit.departement == ""


def test_departements_text():
    from fabrique.territories.rules import departements_text

    assert departements_text("42", "42", 1) == "42"
    assert departements_text("42", "69", 2) == "42, 69"
    assert departements_text("01", "74", 4) == "01, 74 et 2 autres"
    assert departements_text(None, None, 0) == ""
