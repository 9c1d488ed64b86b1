"""Issue 17 defect 6 and issue 11: every CSV export protects its cells against formula
injection (a cell that starts with =, +, -, @, a tab or a carriage return is run by
spreadsheets). A new CSV export must be added to `CSV_EXPORTS`: `test_every_csv_route_is_checked`
fails for a new route ending in a format, `test_every_view_writing_a_table_is_checked` for a
view that writes a table asked by the query string (`?export=csv`, `?format=csv`).
"""

import csv
import inspect
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import get_resolver, resolve

from fabrique.accounts.models import Role, SecurityEvent, SecurityEventKind
from fabrique.catalogue.models import SolutionUse
from fabrique.core.exports import FORMULA_STARTS, NUMBER, Column, to_csv
from fabrique.diagnostics import services as diagnostics
from tests.catalogue.factories import FundingSchemeFactory, OperatorFactory, SolutionFactory
from tests.factories import CommuneFactory, UserFactory
from tests.impact.factories import IndicatorFactory, MeasurementFactory
from tests.investigations.factories import InvestigationFactory
from tests.portfolio.factories import CommitteeFactory, ProjectFactory
from tests.recruitment.factories import JobOfferFactory

pytestmark = pytest.mark.django_db
EVIL = ["=1+2", "@SUM(1+1)", "+33 6 00", "-2+3", '=HYPERLINK("http://x")']

# Every CSV export of the site: (URL, the role whose session asks for it; None: anonymous).
TEAM, ADMIN = Role.INCUBATOR, Role.ADMIN
CSV_EXPORTS = [
    ("/catalogue/donnees/solutions.csv", None),
    ("/catalogue/donnees/utilisations.csv", None),
    ("/catalogue/donnees/financements.csv", None),
    ("/catalogue/donnees/operateurs.csv", None),
    ("/api/v1/exports/solutions.csv", None),
    ("/projets/formules/stats.csv", None),
    ("/portefeuille/export.csv", TEAM),
    ("/comites/?export=csv", TEAM),
    ("/portefeuille/attestations/?export=csv", TEAM),
    ("/recrutement/statistiques.csv", TEAM),
    ("/accompagnement/modules/export.csv", TEAM),
    ("/accompagnement/portee/export.csv", TEAM),
    ("/donnees/investigations.csv", None),
    ("/investigations/?export=csv", TEAM),
    ("/sur-mesure/donnees/besoins.csv", None),
    ("/sur-mesure/vue-nationale/?export=csv&table=missions", TEAM),
    ("/sur-mesure/vue-nationale/?export=csv&table=departements", TEAM),
    ("/sur-mesure/vue-nationale/?export=csv&table=themes", TEAM),
    ("/mon-espace/securite/?format=csv", ADMIN),
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
    InvestigationFactory(problem__title=EVIL[2])
    # An address typed on the login page is anyone's text: it lands in the security log.
    SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN_FAILED, email=EVIL[4], detail=EVIL[0])


def cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    return [cell for row in csv.reader(io.StringIO(text), dialect) for cell in row]


@pytest.mark.parametrize(("url", "role"), CSV_EXPORTS)
def test_no_csv_cell_can_run_as_a_formula(client, poisoned, url, role):
    if role:
        client.force_login(UserFactory(role=role))
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    found = cells(content)
    assert found, url
    assert not [cell for cell in found if cell.startswith(FORMULA_STARTS)], url


@pytest.mark.parametrize(("url", "role"), CSV_EXPORTS)
def test_every_csv_export_opens_with_a_byte_order_mark(client, poisoned, url, role):
    """Issue 14 review, defect 5: Excel reads a CSV as UTF-8 only after a byte order mark;
    without it, « Collectivités » becomes « CollectivitÃ©s ». The same for every download."""
    if role:
        client.force_login(UserFactory(role=role))
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


# A view writes a table when it calls a writer of `core.exports` or an app's table builder.
WRITES_A_TABLE = re.compile(
    r"exports\.(response|stream_response|export)\(|export_response\(|_table\(|spreadsheet\("
)
# Views that write files other than CSV tables, with what they write.
NOT_CSV = {
    "fabrique.diagnostics.views.deliverable.deliverable_file": "livrable PDF ou ODT",
}


def test_every_view_writing_a_table_is_checked():
    """Exports asked by the query string (`/comites/?export=csv`) have no route of their own:
    every view whose code writes a table must be reached by a URL of `CSV_EXPORTS`."""

    def views(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern)
            else:
                view = inspect.unwrap(getattr(pattern.callback, "view_class", pattern.callback))
                yield view if inspect.isfunction(view) or inspect.isclass(view) else type(view)

    def name(view):
        return f"{view.__module__}.{view.__qualname__}"

    writers = {
        name(view)
        for view in views(get_resolver())
        if view.__module__.startswith("fabrique.")
        and WRITES_A_TABLE.search(inspect.getsource(view))
    }
    checked = {
        name(inspect.unwrap(getattr(match.func, "view_class", match.func)))
        for match in (resolve(url.split("?")[0]) for url, _ in CSV_EXPORTS)
    }
    assert len(writers) > 10  # the walk sees the exports
    assert writers - checked - set(NOT_CSV) == set()


def test_decimal_numbers_are_written_with_a_french_comma():
    columns = [Column("Jours passés", NUMBER, 10), Column("Montant", NUMBER, 10)]
    text = to_csv([[2.5, Decimal("1200")], [3.0, None]], columns, "Essai").decode("utf-8-sig")
    assert text.splitlines()[1:] == ["2,5;1200,00", "3,0;"]
