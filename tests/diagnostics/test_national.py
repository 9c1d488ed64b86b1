"""Issue 13, item 13: the national view for the team — missions by région and département,
needs by theme, days per mission, deliverables late — with XLSX/ODS/CSV exports opened back,
constant queries, and no access for others."""

import io
import json
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from fabrique.diagnostics.models import Mission
from fabrique.diagnostics.services import benchmark
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.breadcrumbs import trail
from tests.catalogue.factories import SolutionFactory
from tests.factories import CommuneFactory, DepartementFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
SCORES = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}
URL = "/sur-mesure/vue-nationale/"


def make_missions(count, coach, solution=None):
    region = RegionFactory(name="Auvergne-Rhône-Alpes")
    departement = DepartementFactory(code="42", name="Loire", region=region)
    for index in range(count):
        commune = CommuneFactory(name=f"Bourg {index}", population=800, departement=departement)
        mission = services.mission_request(collectivite=commune, hopes="Un site",
                                           today=date(2026, 1, 5))  # fmt: skip
        services.mission_accept(mission=mission, consultant=coach, start=date(2026, 1, 5))
        site = services.need_save(mission=mission, title="Site", theme="site-internet",
                                  scores=SCORES)  # fmt: skip
        services.need_save(mission=mission, title="Courriel", theme="messagerie", scores=SCORES)
        if solution is not None:
            benchmark.candidate_save(
                need=site,
                solution=solution,
                technical=3,
                economic=2,
                human=2,
                recommended=True,
                choice_criteria="Simple",
            )
            benchmark.candidate_save(
                need=site,
                name="Offre locale",
                technical=1,
                economic=1,
                human=1,
                recommended=index % 2 == 0,
                choice_criteria="Proche",
            )


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


def test_the_national_view_counts_by_territory_and_theme(team):
    make_missions(3, UserFactory(role=Role.COACH))
    Mission.objects.filter(pk=Mission.objects.first().pk).update(status=MissionStatus.IN_PROGRESS)
    page = " ".join(team.get(URL).content.decode().split())
    assert "42 Loire" in page and "Auvergne-Rhône-Alpes" in page
    assert "3 livrables en retard" in page  # planned end 05/03/2026, long past
    assert "<td>Site internet</td> <td>3</td> <td>3</td>" in page


def test_most_recommended_solutions(team):
    make_missions(3, UserFactory(role=Role.COACH), solution=SolutionFactory(name="Site facile"))
    page = " ".join(team.get(URL).content.decode().split())
    assert "Solutions les plus recommandées" in page
    assert page.index("Site facile") < page.index("Offre locale")
    assert "Site facile</a> </td> <td>3</td> <td>3</td>" in page
    assert 'Offre locale <span class="fr-text--xs">(hors catalogue)</span> </td> <td>2</td>' in page
    csv = team.get(URL, {"export": "csv", "table": "solutions"}).content.decode("utf-8-sig")
    assert "Site facile" in csv and ";http://testserver/catalogue/" in csv  # a full address


def test_exports_open_back(team):
    make_missions(2, UserFactory(role=Role.COACH))
    response = team.get(URL, {"export": "xlsx", "table": "departements"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Région", "Code", "Département")
    assert rows[1][1:3] == ("42", "Loire") and rows[1][-1] == 2
    csv = team.get(URL, {"export": "csv", "table": "themes"}).content.decode("utf-8-sig")
    assert "Site internet" in csv
    assert team.get(URL, {"export": "ods", "table": "missions"}).status_code == 200
    assert team.get(URL, {"export": "pdf", "table": "missions"}).status_code == 404


def test_constant_queries(team, django_assert_max_num_queries):
    coach = UserFactory(role=Role.COACH)
    make_missions(2, coach, solution=SolutionFactory())
    with django_assert_max_num_queries(20) as first:
        team.get(URL)
    make_missions(10, coach, solution=SolutionFactory())
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert team.get(URL).status_code == 200


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_only_the_team(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(URL).status_code == 403


def test_open_data_is_aggregated_and_anonymous(client):
    make_missions(3, UserFactory(role=Role.COACH))
    client.logout()
    csv = client.get("/sur-mesure/donnees/besoins.csv")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    header, *lines = text.strip().splitlines()
    assert header == "theme,theme_libelle,taille,taille_libelle,besoins,missions,secret_statistique"
    assert (
        "site-internet,Site internet,commune-500-999,commune de 500 à 999 habitants,3,3,non"
        in lines
    )
    assert "Bourg" not in text
    data = json.loads(b"".join(client.get("/sur-mesure/donnees/besoins.json").streaming_content))
    assert {row["taille"] for row in data} >= {"commune-moins-500", "epci-15000-plus"}
    schema = client.get("/sur-mesure/donnees/besoins.schema.json").json()
    assert [field["name"] for field in schema["fields"]] == list(data[0])
    page = client.get(reverse("catalogue:open-data")).content.decode()
    assert "/sur-mesure/donnees/besoins.csv" in page


def test_every_page_leads_back_to_the_queue_under_one_name(team):
    """The mission page, the national view, the follow-ups to do and the funding leads of a
    compared solution all start their breadcrumb at the team's queue, under the same name."""
    make_missions(1, UserFactory(role=Role.COACH), solution=SolutionFactory())
    mission = Mission.objects.get()
    candidate = mission.needs.get(title="Site").candidates.first()
    queue = (reverse("diagnostics:queue"), "Accompagnement sur-mesure")
    name = str(mission.collectivite)  # « Bourg 0 (code Insee) »
    assert trail(team, mission.get_absolute_url()) == [queue, (None, name)]
    assert trail(team, reverse("diagnostics:national")) == [queue, (None, "Vue nationale")]
    assert trail(team, reverse("diagnostics:followups")) == [queue, (None, "Suivis à faire")]
    leads = reverse("diagnostics:leads", args=[candidate.pk])
    assert trail(team, leads) == [
        queue, (mission.get_absolute_url(), name), (None, "Financements et partenaires")
    ]  # fmt: skip


def test_days_used_per_mission_sum_each_missions_entries_only(team):
    coach = UserFactory(role=Role.COACH)
    make_missions(2, coach)
    first, second = Mission.objects.order_by("pk")
    for index, half_days in enumerate((2, 2, 2, 1)):  # 3,5 days on the first mission
        services.time_save(mission=first, person=coach, day=date(2026, 1, 6 + index),
                           half_days=half_days, kind="entretiens")  # fmt: skip
    page = " ".join(team.get(URL).content.decode().split())
    row = {m.pk: page.split(f"{m.collectivite}</a>")[1].split("</tr>")[0] for m in (first, second)}
    assert "<td> 3,5 / 10 </td>" in row[first.pk]  # (spaces: the page split and joined)
    assert "<td> 0 / 10 </td>" in row[second.pk]


def test_a_cell_of_one_or_two_missions_keeps_its_counts_secret(client):
    """« EPCI de 5 000 à 14 999 habitants : 1 mission » could point at one collectivité."""
    make_missions(2, UserFactory(role=Role.COACH))
    data = json.loads(b"".join(client.get("/sur-mesure/donnees/besoins.json").streaming_content))
    cell = next(
        row for row in data if (row["theme"], row["taille"]) == ("site-internet", "commune-500-999")
    )
    assert cell["besoins"] is None and cell["missions"] is None and cell["secret_statistique"]
    empty = next(row for row in data if row["taille"] == "epci-15000-plus")
    assert empty["missions"] == 0 and not empty["secret_statistique"]  # nothing there to hide


def _ods_rows(content):
    """The cells of an ODS file opened back: (value type, value, shown text, style) each."""
    from odf import opendocument, table, text

    document = opendocument.load(io.BytesIO(content))
    rows = []
    for row in document.spreadsheet.getElementsByType(table.TableRow):
        cells = []
        for cell in row.getElementsByType(table.TableCell):
            shown = " ".join(str(p) for p in cell.getElementsByType(text.P))
            cells.append((cell.getAttribute("valuetype"), cell.getAttribute("value"), shown,
                          cell.getAttribute("stylename")))  # fmt: skip
        rows.append(cells)
    return rows


NUMERIC = {
    "departements": ["Demandes", "En cours", "Livrées ou suivies", "Closes", "Total"],
    "themes": ["Besoins", "Missions"],
    "solutions": ["Recommandations", "Missions"],
    "missions": ["Jours utilisés"],
}


@pytest.mark.parametrize("table", list(NUMERIC))
def test_numeric_columns_are_numbers_in_xlsx_and_ods(team, table):
    """« Jours utilisés » was written as text ('9', '10,5'): every count is a number."""
    coach = UserFactory(role=Role.COACH)
    make_missions(2, coach, solution=SolutionFactory(name="Site facile"))
    mission = Mission.objects.order_by("pk").first()
    for day in (6, 7, 8):
        services.time_log(mission=mission, person=coach, day=date(2026, 1, day), half_days=2,
                          kind="analyse")  # fmt: skip
    services.time_log(mission=mission, person=coach, day=date(2026, 1, 9), half_days=1,
                      kind="analyse")  # fmt: skip
    xlsx = team.get(URL, {"export": "xlsx", "table": table}).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    header = [cell.value for cell in sheet[1]]
    ods = _ods_rows(team.get(URL, {"export": "ods", "table": table}).content)
    assert [cell[2] for cell in ods[0]] == header
    for name in NUMERIC[table]:
        index = header.index(name)
        column = [row[index] for row in list(sheet.iter_rows(min_row=2))]
        assert column, name
        for cell in column:
            assert cell.data_type == "n" and isinstance(cell.value, int | float), (name, cell.value)
        for row in ods[1:]:
            assert row[index][0] == "float", (name, row[index])
    if table == "missions":
        index = header.index("Jours utilisés")
        cells = [row[index] for row in sheet.iter_rows(min_row=2)]
        assert sorted(cell.value for cell in cells) == [0, 3.5]
        assert all(cell.number_format == "0.0" for cell in cells)
        assert sorted(float(row[index][1]) for row in ods[1:]) == [0, 3.5]
        assert all(row[index][3] == "decimal" for row in ods[1:])
        csv = team.get(URL, {"export": "csv", "table": table}).content.decode("utf-8-sig")
        assert ";3,5;" in csv and ";0,0;" in csv


def test_the_missions_export_carries_the_days_alert_of_the_page(team):
    """The page shows « Il reste 1,5 jour », « Dépassement non approuvé »… (rules.days_badge):
    the XLSX/ODS/CSV exports say it too."""
    coach = UserFactory(role=Role.COACH)
    make_missions(2, coach)
    mission = Mission.objects.order_by("pk").first()
    Mission.objects.filter(pk=mission.pk).update(status=MissionStatus.IN_PROGRESS)
    for day in range(5, 13):
        services.time_log(mission=mission, person=coach, day=date(2026, 1, day), half_days=2,
                          kind="analyse")  # fmt: skip
    services.time_log(mission=mission, person=coach, day=date(2026, 1, 13), half_days=1,
                      kind="analyse")  # fmt: skip
    assert "Il reste 1,5 jour" in team.get(URL).content.decode()
    xlsx = team.get(URL, {"export": "xlsx", "table": "missions"}).content
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    index = rows[0].index("Alerte sur les jours")
    assert sorted(row[index] or "" for row in rows[1:]) == ["", "Il reste 1,5 jour"]
    csv = team.get(URL, {"export": "csv", "table": "missions"}).content.decode("utf-8-sig")
    assert ";8,5;Il reste 1,5 jour;" in csv
