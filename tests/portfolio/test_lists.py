"""Every staff list sortable by its column headers and exportable whole (XLSX, ODS, CSV).

Exports are opened back (csv, openpyxl, odfpy): French headers, dates as dates, amounts and
counts as numbers, rows in the order shown on screen.
"""

import csv
import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.portfolio import selectors
from fabrique.portfolio.selectors import SORTS, PortfolioFilters
from fabrique.portfolio.views.common import PAGE_SIZE
from tests.documents import ods_rows

from .factories import (
    CommitteeFactory,
    DecisionFactory,
    PhaseFactory,
    ProjectFactory,
    ServiceFaitFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db

COMMITTEE_HEADERS = [
    "Date",
    "Comité",
    "Type",
    "Projets à l'ordre du jour (nombre)",
    "Décisions (nombre)",
    "Montant accordé (€)",
    "Projets à l'ordre du jour",
]
ATTESTATION_HEADERS = [
    "Statut", "Personne", "Structure", "Projet", "Début de période", "Fin de période",
]  # fmt: skip


@pytest.fixture
def staff_client(client, users):
    client.force_login(users[Role.INCUBATOR])
    return client


def _header(html: str, label: str) -> str:
    """The `<th>` of a column, found by its visible label."""
    match = re.search(rf'<th scope="col"[^>]*><a [^>]*>{re.escape(label)}<.*?</th>', html)
    assert match, label
    return match.group(0)


def _csv(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


# --- Committees ---------------------------------------------------------------------------


@pytest.fixture
def committees():
    """Three committees whose every column sorts them differently."""
    alpha, beta, gamma = (ProjectFactory(name=name) for name in ("Alpha", "Bêta", "Gamma"))
    bilan = CommitteeFactory(
        date=date(2025, 3, 1), title="Bilan", kind="investissement", projects=[alpha, beta]
    )
    DecisionFactory(committee=bilan, project=alpha, amount=Decimal("50000.50"))
    go = CommitteeFactory(date=date(2026, 1, 15), title="", kind="go-no-go", projects=[gamma])
    audit = CommitteeFactory(
        date=date(2025, 11, 10), title="Audit", kind="perennisation",
        projects=[alpha, beta, gamma],
    )  # fmt: skip
    DecisionFactory(committee=audit, project=alpha, amount=Decimal(10_000))
    DecisionFactory(committee=audit, project=beta, amount=Decimal(5_000))
    return {"bilan": bilan, "go": go, "audit": audit}


def _committee_order(response, committees) -> list[str]:
    names = {committee.pk: name for name, committee in committees.items()}
    return [names[committee.pk] for committee in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["go", "audit", "bilan"]),  # most recent first
        ("?sort=date", ["bilan", "audit", "go"]),
        ("?sort=date&desc=on", ["go", "audit", "bilan"]),
        ("?sort=comite", ["audit", "bilan", "go"]),  # « Go/no-go d'investigation du … »
        ("?sort=projets", ["go", "bilan", "audit"]),
        ("?sort=projets&desc=on", ["audit", "bilan", "go"]),
        ("?sort=decisions", ["go", "bilan", "audit"]),
        ("?sort=montant", ["go", "audit", "bilan"]),
        ("?sort=montant&desc=on", ["bilan", "audit", "go"]),
        ("?sort=inconnu", ["go", "audit", "bilan"]),  # unknown column: the default order
    ],
)
def test_committee_list_sorts_by_every_column(staff_client, committees, query, expected):
    response = staff_client.get("/comites/" + query)
    assert _committee_order(response, committees) == expected


def test_committee_counts_and_total(staff_client, committees, django_assert_max_num_queries):
    # Projects and decisions counted apart: 3 projects and 2 decisions, not 3 × 2 rows.
    with django_assert_max_num_queries(6):
        rows = staff_client.get("/comites/").context["page"].object_list
    figures = {row.pk: (row.project_count, row.decision_count, row.granted) for row in rows}
    assert figures[committees["audit"].pk] == (3, 2, Decimal(15_000))
    assert figures[committees["bilan"].pk] == (2, 1, Decimal("50000.50"))
    assert figures[committees["go"].pk] == (1, 0, Decimal(0))


def test_committee_type_sort_puts_go_no_go_after_the_committees(staff_client, committees):
    # Sorted on the French label (« Comité … » before « Go/no-go … »), not on the code.
    assert _committee_order(staff_client.get("/comites/?sort=type"), committees)[-1] == "go"
    order = _committee_order(staff_client.get("/comites/?sort=type&desc=on"), committees)
    assert order[0] == "go"


def test_committee_headers_are_links_with_aria_sort(staff_client, committees):
    html = staff_client.get("/comites/").content.decode()
    # Default order: by date, most recent first; a click on « Date » sorts it the other way.
    date_header = _header(html, "Date")
    assert 'aria-sort="descending"' in date_header
    assert 'href="?sort=date"' in date_header
    amount = _header(html, "Montant accordé (€)")
    assert "aria-sort" not in amount
    assert 'href="?sort=montant"' in amount and "trier par ordre croissant" in amount

    html = staff_client.get("/comites/?sort=montant&page=1").content.decode()
    amount = _header(html, "Montant accordé (€)")
    assert 'aria-sort="ascending"' in amount
    assert 'href="?sort=montant&amp;desc=on"' in amount  # page dropped, direction reversed
    assert "trier par ordre décroissant" in amount
    assert "aria-sort" not in _header(html, "Date")
    assert 'href="?sort=montant&amp;export=csv"' in html  # exports follow the order shown


def test_committee_pagination_keeps_the_order(staff_client):
    for day in range(PAGE_SIZE + 5):
        CommitteeFactory(date=date(2025, 1, 1) + timedelta(days=day))
    response = staff_client.get("/comites/?sort=date")
    assert response.context["page"].object_list[0].date == date(2025, 1, 1)
    assert 'href="?sort=date&amp;page=2"' in response.content.decode()
    second = staff_client.get("/comites/?sort=date&page=2").context["page"].object_list
    assert second[0].date == date(2025, 1, 1) + timedelta(days=PAGE_SIZE)


def test_committee_csv_export(staff_client, committees):
    response = staff_client.get("/comites/?sort=montant&desc=on&export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate()
    assert response["Content-Disposition"] == f'attachment; filename="comites-{today}.csv"'
    assert "no-store" in response["Cache-Control"]
    lines = _csv(response)
    assert lines[0] == COMMITTEE_HEADERS
    assert [line[1] for line in lines[1:]] == [
        "Bilan", "Audit", "Go/no-go d'investigation du 15/01/2026",
    ]  # fmt: skip
    assert lines[1] == [
        "01/03/2025", "Bilan", "Comité d'investissement", "2", "1", "50000,50", "Alpha, Bêta",
    ]  # fmt: skip
    assert lines[3][4:6] == ["0", "0,00"]


def test_committee_xlsx_export_has_typed_cells(staff_client, committees):
    response = staff_client.get("/comites/?export=xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = _xlsx(response)
    assert sheet.title == "Comités"
    assert [cell.value for cell in sheet[1]] == COMMITTEE_HEADERS
    assert sheet["A1"].font.b
    audit = list(sheet[3])  # default order: go, audit, bilan
    assert audit[1].value == "Audit"
    assert isinstance(audit[0].value, datetime)
    assert audit[0].value.date() == date(2025, 11, 10)
    assert audit[0].number_format == "DD/MM/YYYY"
    assert (audit[3].value, audit[4].value) == (3, 2)
    assert audit[5].value == 15_000
    assert "€" in audit[5].number_format
    assert audit[6].value == "Alpha, Bêta, Gamma"


def test_committee_ods_export_has_typed_cells(staff_client, committees):
    response = staff_client.get("/comites/?sort=date&export=ods")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    header, bilan, *_ = ods_rows(response.content)
    assert header == COMMITTEE_HEADERS
    assert bilan[0] == date(2025, 3, 1)
    assert bilan[5] == 50_000.5


def test_committee_export_holds_every_committee_not_only_the_page(staff_client):
    for day in range(PAGE_SIZE + 5):
        CommitteeFactory(date=date(2025, 1, 1) + timedelta(days=day))
    lines = _csv(staff_client.get("/comites/?export=csv&page=1"))
    assert len(lines) == 1 + PAGE_SIZE + 5


def test_unknown_export_format_is_404(staff_client, committees):
    assert staff_client.get("/comites/?export=pdf").status_code == 404
    assert staff_client.get("/portefeuille/attestations/?export=docx").status_code == 404


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
@pytest.mark.parametrize("url", ["/comites/?export=csv", "/portefeuille/attestations/?export=xlsx"])
def test_list_exports_are_refused_to_other_roles(client, users, committees, role, url):
    client.force_login(users[role])
    assert client.get(url).status_code == 403


def test_list_exports_need_login(client):
    response = client.get("/comites/?export=csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


# --- Attestations -------------------------------------------------------------------------


@pytest.fixture
def periods():
    """Two late periods and two due this month, each person and project named to sort apart."""
    month_start = timezone.localdate().replace(day=1)
    alpha, zeta, beta = (ProjectFactory(name=name) for name in ("Alpha", "Zêta", "Bêta"))

    def period(full_name, project, end, company=""):
        member = TeamMemberFactory(
            full_name=full_name, project=project, is_freelance=True, company=company
        )
        return ServiceFaitFactory(member=member, period_start=end - timedelta(days=20),
                                  period_end=end)  # fmt: skip

    return {
        "zoe": period("Zoé Martin", alpha, month_start - timedelta(days=40), "Octo"),
        "adam": period("Adam Roux", zeta, month_start - timedelta(days=5)),
        "marie": period("Marie Curie", beta, month_start + timedelta(days=5)),
        "bruno": period("Bruno Petit", alpha, month_start + timedelta(days=2)),
    }


def _attestation_order(response, periods) -> list[list[str]]:
    names = {period.pk: name for name, period in periods.items()}
    return [[names[p.pk] for p in rows] for _, rows in response.context["sections"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [["zoe", "adam"], ["bruno", "marie"]]),  # by end of period
        ("?sort=periode&desc=on", [["adam", "zoe"], ["marie", "bruno"]]),
        ("?sort=personne", [["adam", "zoe"], ["bruno", "marie"]]),
        ("?sort=projet", [["zoe", "adam"], ["bruno", "marie"]]),
        ("?sort=projet&desc=on", [["adam", "zoe"], ["marie", "bruno"]]),
    ],
)
def test_attestations_sort_within_each_list(staff_client, periods, query, expected):
    response = staff_client.get("/portefeuille/attestations/" + query)
    assert _attestation_order(response, periods) == expected


def test_attestation_headers_and_attest_keeps_the_order(staff_client, periods):
    html = staff_client.get("/portefeuille/attestations/?sort=personne").content.decode()
    header = _header(html, "Personne")
    assert 'aria-sort="ascending"' in header
    assert 'href="?sort=personne&amp;desc=on"' in header
    assert "aria-sort" not in _header(html, "Période")
    assert 'href="?sort=personne&amp;export=xlsx"' in html
    # Attesting a period comes back to the list in the same order.
    assert 'name="next" value="/portefeuille/attestations/?sort=personne"' in html
    response = staff_client.post(
        f"/portefeuille/attestations/{periods['adam'].pk}/attester/",
        {"next": "/portefeuille/attestations/?sort=personne"},
    )
    assert response["Location"] == "/portefeuille/attestations/?sort=personne"


def test_attest_does_not_redirect_elsewhere(staff_client, periods):
    response = staff_client.post(
        f"/portefeuille/attestations/{periods['adam'].pk}/attester/",
        {"next": "https://ailleurs.example/"},
    )
    assert response["Location"] == "/portefeuille/attestations/"


def test_attestation_exports(staff_client, periods):
    lines = _csv(staff_client.get("/portefeuille/attestations/?sort=personne&export=csv"))
    assert lines[0] == ATTESTATION_HEADERS
    assert [line[:2] for line in lines[1:]] == [
        ["En retard", "Adam Roux"],
        ["En retard", "Zoé Martin"],
        ["À attester ce mois-ci", "Bruno Petit"],
        ["À attester ce mois-ci", "Marie Curie"],
    ]
    zoe = periods["zoe"]
    assert lines[2][2:] == [
        "Octo", "Alpha", f"{zoe.period_start:%d/%m/%Y}", f"{zoe.period_end:%d/%m/%Y}",
    ]  # fmt: skip

    sheet = _xlsx(staff_client.get("/portefeuille/attestations/?export=xlsx"))
    assert sheet.title == "Services faits à attester"
    assert [cell.value for cell in sheet[1]] == ATTESTATION_HEADERS
    first = [cell.value for cell in sheet[2]]
    assert first[:4] == ["En retard", "Zoé Martin", "Octo", "Alpha"]
    assert first[5] == datetime.combine(zoe.period_end, datetime.min.time())
    assert sheet[2][5].number_format == "DD/MM/YYYY"
    assert sheet["C3"].value is None  # no company: an empty cell

    header, first, *_ = ods_rows(staff_client.get("/portefeuille/attestations/?export=ods").content)
    assert header == ATTESTATION_HEADERS
    assert first[4] == zoe.period_start


# --- Query counts -------------------------------------------------------------------------


def make_lists(count: int) -> None:
    """`count` committees with projects and decisions, and `count` periods to attest."""
    month_start = timezone.localdate().replace(day=1)
    for index in range(count):
        project = ProjectFactory()
        committee = CommitteeFactory(
            date=date(2025, 1, 1) + timedelta(days=index), projects=[project, ProjectFactory()]
        )
        DecisionFactory(committee=committee, project=project)
        member = TeamMemberFactory(project=project, is_freelance=True)
        end = month_start - timedelta(days=1 + index) if index % 2 else month_start
        ServiceFaitFactory(member=member, period_start=end - timedelta(days=10), period_end=end)


# Session and user, then: committees — count, page; attestations — late, due.
# Exports: committees — the whole list, their projects; attestations — late, due, and the
# line of the security log (the list names freelancers).
LIST_QUERIES = [
    ("/comites/", 4),
    ("/comites/?sort=montant&desc=on", 4),
    ("/comites/?sort=type&export=xlsx", 4),
    ("/comites/?sort=projets&export=csv", 4),
    ("/comites/?export=ods", 4),
    ("/portefeuille/attestations/", 4),
    ("/portefeuille/attestations/?sort=projet&desc=on", 4),
    ("/portefeuille/attestations/?sort=personne&export=xlsx", 5),
    ("/portefeuille/attestations/?export=csv", 5),
]


@pytest.mark.parametrize("count", [3, PAGE_SIZE + 10])
@pytest.mark.parametrize(("url", "queries"), LIST_QUERIES)
def test_lists_and_exports_run_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, count, url, queries
):
    make_lists(count)
    with django_assert_num_queries(queries):
        response = staff_client.get(url)
    assert response.status_code == 200
    if "export=csv" in url and "comites" in url:
        assert len(_csv(response)) == count + 1


# --- Dashboard ----------------------------------------------------------------------------


@pytest.fixture
def overdue():
    """Three projects whose committee is overdue; due dates sort them unlike their names."""
    today = timezone.localdate()
    for name, late_by in [("Abeille", 10), ("Castor", 30), ("Bison", 20)]:
        project = ProjectFactory(name=name)
        PhaseFactory(project=project, name="construction", start=today - timedelta(days=900))
        CommitteeFactory(projects=[project], date=today - timedelta(days=183 + late_by))
    return today


def _section(response, list_name) -> list[str]:
    sections = {name: rows for name, _, rows, _ in response.context["sections"]}
    return [row.name for row in sections[list_name]]


@pytest.mark.parametrize(
    ("query", "overdue_order", "without_committee_order"),
    [
        # No column chosen: each list in its rule's order (due date), or by name.
        ("", ["Castor", "Bison", "Abeille"], ["Abeille", "Bison", "Castor"]),
        ("?desc=on", ["Castor", "Bison", "Abeille"], ["Castor", "Bison", "Abeille"]),
        ("?sort=nom", ["Abeille", "Bison", "Castor"], ["Abeille", "Bison", "Castor"]),
        ("?sort=nom&desc=on", ["Castor", "Bison", "Abeille"], ["Castor", "Bison", "Abeille"]),
        ("?sort=comite&desc=on", ["Abeille", "Bison", "Castor"], ["Abeille", "Bison", "Castor"]),
    ],
)
def test_dashboard_sections_follow_the_chosen_sort(
    staff_client, overdue, query, overdue_order, without_committee_order
):
    response = staff_client.get("/portefeuille/" + query)
    assert _section(response, "en-retard") == overdue_order
    assert _section(response, "sans-comite") == without_committee_order


def test_dashboard_section_export_follows_the_chosen_sort(staff_client, overdue):
    for query, expected in [
        ("liste=en-retard", ["Castor", "Bison", "Abeille"]),
        ("liste=en-retard&sort=nom", ["Abeille", "Bison", "Castor"]),
    ]:
        lines = _csv(staff_client.get("/portefeuille/export.csv?" + query))
        assert [line[0] for line in lines[1:]] == expected


def test_dashboard_headers_sort_every_section(staff_client, overdue):
    html = staff_client.get("/portefeuille/").content.decode()
    assert "aria-sort" not in html  # each list in its rule's order
    assert 'href="?sort=nom#en-retard"' in html
    html = staff_client.get("/portefeuille/?sort=nom&kind=startup-etat").content.decode()
    assert 'aria-sort="ascending"' in _header(html, "Projet")
    assert 'href="?sort=nom&amp;kind=startup-etat&amp;desc=on#en-retard"' in html


def test_dashboard_section_sort_adds_no_query(overdue, django_assert_num_queries):
    for sort in ["", "nom"]:
        board = selectors.dashboard(PortfolioFilters(sort=sort), overdue)
        with django_assert_num_queries(1):  # the shown rows in detail, whatever the sort
            board.sections(shown=20)


@pytest.mark.parametrize("sort", list(SORTS))
def test_dashboard_and_its_exports_accept_every_sort(staff_client, overdue, sort):
    TeamMemberFactory(project=ProjectFactory(name="Dauphin"))
    for url in ["/portefeuille/", "/portefeuille/export.xlsx"]:
        assert staff_client.get(f"{url}?sort={sort}&desc=on").status_code == 200


# --- Project list -------------------------------------------------------------------------


def test_project_list_headers_sort(staff_client):
    for name, remaining in [("Abeille", 30), ("Bison", 10), ("Castor", 20)]:
        project = ProjectFactory(name=name)
        project.funding.create(source="ANCT", amount=remaining, start=date(2025, 1, 1))
    html = staff_client.get("/projets/").content.decode()
    assert 'aria-sort="ascending"' in _header(html, "Projet")  # by name by default
    html = staff_client.get("/projets/?kind=startup-etat&sort=reste").content.decode()
    header = _header(html, "Reste (€)")
    assert 'aria-sort="ascending"' in header
    assert 'href="?kind=startup-etat&amp;sort=reste&amp;desc=on"' in header
    response = staff_client.get("/projets/?sort=reste&desc=on")
    assert [row.name for row in response.context["page"]] == ["Abeille", "Castor", "Bison"]


def test_public_project_list_sorts_by_public_columns_only(client):
    for name, remaining in [("Abeille", 30), ("Bison", 10)]:
        project = ProjectFactory(name=name)
        project.funding.create(source="ANCT", amount=remaining, start=date(2025, 1, 1))
    response = client.get("/projets/?sort=reste")
    # The remaining budget is not public: its order is not either.
    assert [row.name for row in response.context["page"]] == ["Abeille", "Bison"]
    html = response.content.decode()
    assert "Reste (€)" not in html
    assert 'name="manager"' not in html
    response = client.get("/projets/?sort=nom&desc=on")
    assert [row.name for row in response.context["page"]] == ["Bison", "Abeille"]
    assert 'aria-sort="descending"' in _header(response.content.decode(), "Projet")
