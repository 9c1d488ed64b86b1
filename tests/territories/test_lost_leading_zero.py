"""A spreadsheet reads Insee codes as numbers: the commune 01004 becomes « 1004 », the
département 01 « 1 ». Every entry point that takes a typed territory code puts the zero back
(one rule: `territories.rules.territory_code`)."""

import pytest
from django.http import Http404

from fabrique.accounts.models import Role
from fabrique.catalogue.filters import OperatorAPIFilter
from fabrique.catalogue.forms import FundingSchemeForm
from fabrique.catalogue.models import Operator
from fabrique.catalogue.selectors.collectivites import collectivite_by_code
from fabrique.diagnostics import services
from fabrique.diagnostics.importers.values import document_collectivite
from fabrique.impact.forms import DeploymentForm, DeploymentTargetForm
from fabrique.investigations.forms import territory_from_code
from fabrique.investigations.importers.names import Resolver
from fabrique.synergies.importers import read_rows
from fabrique.territories.rules import territory_code
from fabrique.territories.selectors import search_territories
from tests.factories import CommuneFactory, DepartementFactory, EPCIFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("1004", "01004"),
        (" 1004 ", "01004"),
        (1004, "01004"),
        ("1", "01"),
        ("01", "01"),
        ("01004", "01004"),
        ("42218", "42218"),
        ("2a", "2A"),
        ("2B", "2B"),
        ("2a004", "2A004"),
        ("971", "971"),
        ("97411", "97411"),
        ("200046977", "200046977"),
        ("", ""),
        (None, ""),
        ("12", "12"),
    ],
)
def test_the_rule(written, code):
    assert territory_code(written) == code


@pytest.fixture
def ain():
    region = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    departement = DepartementFactory(code="01", name="Ain", region=region)
    epci = EPCIFactory(siren="200071751", name="CC de la Dombes")
    return CommuneFactory(insee="01004", name="Ambérieu-en-Bugey", departement=departement,
                          epci=epci, population=14_000)  # fmt: skip


def test_search_and_header_search(client, ain):
    assert [(h.kind, h.code) for h in search_territories("1004")] == [("commune", "01004")]
    assert [(h.kind, h.code) for h in search_territories("1")] == [("departement", "01")]
    page = client.get("/territoires/", {"q": "1004"})
    assert "Ambérieu-en-Bugey" in page.content.decode()
    api = client.get("/api/v1/territoires/", {"q": "1004"}).json()
    assert [hit["code"] for hit in api] == ["01004"]


def test_api_lists_filtered_by_a_one_digit_departement(client, ain):
    communes = client.get("/api/v1/communes/", {"departement": "1"})
    assert communes.status_code == 200
    assert [row["insee"] for row in communes.json()["results"]] == ["01004"]
    epcis = client.get("/api/v1/epci/", {"departement": "1"}).json()
    assert [row["siren"] for row in epcis["results"]] == ["200071751"]


def test_operators_of_a_one_digit_departement(ain):
    operator = Operator.objects.create(name="Opérateur de l'Ain")
    operator.departements.add(ain.departement)
    found = OperatorAPIFilter({"departement": "1"}, queryset=Operator.objects.all())
    assert found.is_valid() and list(found.qs) == [operator]


def test_codes_read_by_catalogue_investigations_and_impact(ain):
    assert collectivite_by_code("commune", "1004").code == "01004"
    assert collectivite_by_code("departement", "1").code == "01"
    with pytest.raises(Http404):
        collectivite_by_code("commune", "9999")
    assert territory_from_code("1004") == ain
    assert territory_from_code("dep:1") == ain.departement
    resolver = Resolver()
    assert resolver.by_code("1004") == ain
    assert resolver.by_code("dep:1") == ain.departement
    assert resolver.departements("1") == [ain.departement]
    assert document_collectivite("1004", "missions[0]") == ain
    form = FundingSchemeForm()
    assert form.fields["departements_codes"].clean("1") == [ain.departement]
    target = DeploymentTargetForm({"kind": "communes", "departements": "1"})
    target.is_valid()
    assert "departements" not in target.errors
    assert target.cleaned_data["departements"] == [ain.departement]
    deployment = DeploymentForm({"codes": "1004", "since": "2026-01-05"})
    deployment.is_valid()
    assert "codes" not in deployment.errors


def test_synergies_import_reads_a_four_digit_insee():
    rows, errors = read_rows(
        "code_commune;nom_du_projet;nom_demarche_ds\n1004;Tiers-lieu;Fonds vert\n123;X;Y\n",
        "laureats.csv",
    )
    assert [row["insee"] for row in rows] == ["01004"]
    assert errors == ["laureats.csv, ligne 3 : code Insee invalide « 123 »."]


def test_diagnostics_api_filter(client, ain, users):
    services.mission_request(collectivite=ain, hopes="Un site")
    client.force_login(users[Role.INCUBATOR])
    data = client.get("/api/v1/diagnostics/", {"collectivite": "1004"}).json()
    assert data["count"] == 1 and data["results"][0]["collectivite"] == "01004"
