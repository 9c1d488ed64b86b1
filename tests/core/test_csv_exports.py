"""Issue 17 defect 6 and issue 11: every CSV export protects its cells against formula
injection (a cell that starts with =, +, -, @, a tab or a carriage return is run by
spreadsheets). A new CSV export must be added to `CSV_EXPORTS` (the last test fails otherwise).
"""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import get_resolver

from fabrique.accounts.models import Role
from fabrique.catalogue.models import SolutionUse
from fabrique.core.exports import FORMULA_STARTS, NUMBER, Column, to_csv
from fabrique.diagnostics import services as diagnostics
from tests.catalogue.factories import FundingSchemeFactory, OperatorFactory, SolutionFactory
from tests.factories import CommuneFactory, UserFactory
from tests.impact.factories import IndicatorFactory, MeasurementFactory
from tests.portfolio.factories import CommitteeFactory, ProjectFactory
from tests.recruitment.factories import JobOfferFactory

pytestmark = pytest.mark.django_db
EVIL = ["=1+2", "@SUM(1+1)", "+33 6 00", "-2+3", '=HYPERLINK("http://x")']

# Every CSV export of the site: (URL, needs the team's session).
CSV_EXPORTS = [
    ("/catalogue/donnees/solutions.csv", False),
    ("/catalogue/donnees/utilisations.csv", False),
    ("/catalogue/donnees/financements.csv", False),
    ("/catalogue/donnees/operateurs.csv", False),
    ("/api/v1/exports/solutions.csv", False),
    ("/projets/formules/stats.csv", False),
    ("/portefeuille/export.csv", True),
    ("/comites/?export=csv", True),
    ("/portefeuille/attestations/?export=csv", True),
    ("/recrutement/statistiques.csv", True),
    ("/accompagnement/modules/export.csv", True),
    ("/accompagnement/portee/export.csv", True),
    ("/donnees/investigations.csv", False),
    ("/sur-mesure/donnees/besoins.csv", False),
    ("/sur-mesure/vue-nationale/?export=csv&table=missions", True),
    ("/sur-mesure/vue-nationale/?export=csv&table=departements", True),
]
# URL patterns that serve CSV, as routes: each must have a line above.
CSV_ROUTES = {
    "catalogue/donnees/<str:name>.<str:fmt>", "api/v1/exports/<slug:dataset>.<slug:extension>",
    "portefeuille/export.<str:fmt>", "recrutement/statistiques.<str:fmt>",
    "accompagnement/modules/export.<str:fmt>", "accompagnement/portee/export.<str:fmt>",
    "sur-mesure/livrables/<int:pk>.<str:fmt>",  # PDF and ODT deliverables, not tables
    "donnees/investigations.<str:fmt>",
    "sur-mesure/donnees/besoins.<str:fmt>",
}  # fmt: skip


@pytest.fixture
def poisoned():
    project = ProjectFactory(slug="formules", name=EVIL[0], mission=EVIL[1])
    solution = SolutionFactory(name=EVIL[0], summary=EVIL[1], description=EVIL[2])
    SolutionUse.objects.create(solution=solution, commune=CommuneFactory(name=EVIL[3]))
    FundingSchemeFactory(name=EVIL[0])
    OperatorFactory(name=EVIL[1])
    indicator = IndicatorFactory(project=project, name=EVIL[4], is_public=True)
    MeasurementFactory(indicator=indicator, period=date(2026, 1, 1), value=3)
    CommitteeFactory(title=EVIL[3], projects=[project])
    JobOfferFactory(title=EVIL[0], opens_on=date(2026, 1, 5))
    commune = CommuneFactory(name=EVIL[4], population=700)
    mission = diagnostics.mission_request(collectivite=commune, hopes=EVIL[2])
    diagnostics.mission_accept(
        mission=mission, consultant=UserFactory(role=Role.COACH, first_name=EVIL[1])
    )
    scores = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}
    diagnostics.need_save(mission=mission, title=EVIL[0], theme="site-internet", scores=scores)


def cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    return [cell for row in csv.reader(io.StringIO(text), dialect) for cell in row]


@pytest.mark.parametrize(("url", "team"), CSV_EXPORTS)
def test_no_csv_cell_can_run_as_a_formula(client, poisoned, url, team):
    if team:
        client.force_login(UserFactory(role=Role.INCUBATOR))
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    found = cells(content)
    assert found, url
    assert not [cell for cell in found if cell.startswith(FORMULA_STARTS)], url


@pytest.mark.parametrize(("url", "team"), CSV_EXPORTS)
def test_every_csv_export_opens_with_a_byte_order_mark(client, poisoned, url, team):
    """Issue 14 review, defect 5: Excel reads a CSV as UTF-8 only after a byte order mark;
    without it, « Collectivités » becomes « CollectivitÃ©s ». The same for every download."""
    if team:
        client.force_login(UserFactory(role=Role.INCUBATOR))
    response = client.get(url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith("\ufeff".encode()), url


def test_every_csv_route_is_checked():
    def routes(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from routes(pattern, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    served = {
        route
        for route in routes(get_resolver())
        if any(mark in route for mark in ("<str:fmt>", "<slug:extension>", ".csv"))
    }
    unchecked = {route for route in served if route not in CSV_ROUTES and "stats.csv" not in route}
    assert unchecked == set()


def test_decimal_numbers_are_written_with_a_french_comma():
    columns = [Column("Jours passés", NUMBER, 10), Column("Montant", NUMBER, 10)]
    text = to_csv([[2.5, Decimal("1200")], [3.0, None]], columns, "Essai").decode("utf-8-sig")
    assert text.splitlines()[1:] == ["2,5;1200,00", "3,0;"]
