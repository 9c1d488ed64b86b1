"""Institutional reporting: every format opened back, selections, lists and access.

No PDF reader is installed: the PDF is checked by its header and its page count (WeasyPrint's
document API), and its text by reading the HTML it is printed from (`report_html`).
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
from fabrique.core.numbers import integer
from fabrique.portfolio import exports
from fabrique.portfolio.exports import REPORT_COLUMNS
from fabrique.portfolio.selectors import PortfolioFilters
from fabrique.portfolio.vocabulary import Outcome, PhaseName, ProjectKind
from tests.documents import ods_rows

from ..factories import UserFactory
from .factories import (
    CommitteeFactory,
    DecisionFactory,
    ExpenseFactory,
    FundingLineFactory,
    MaturityReviewFactory,
    PhaseFactory,
    ProjectFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db

NAMES = ["Ancien Service", "Cantine Locale", "Mon Espace Collectivité", "Rézo Mobilité"]
COLUMN = {header: index for index, header in enumerate(REPORT_COLUMNS)}


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def managers():
    return {
        "camille": UserFactory(role=Role.INCUBATOR, first_name="Camille", last_name="Martin"),
        "dominique": UserFactory(role=Role.INCUBATOR, first_name="Dominique", last_name="Petit"),
    }


def _committee(project, day, outcome=None):
    committee = CommitteeFactory(date=day, projects=[project])
    if outcome:
        DecisionFactory(committee=committee, project=project, outcome=outcome)
    return committee


@pytest.fixture
def projects(today, managers):
    """Four projects, one per dashboard list (see each comment), relative to today."""

    def ago(days):
        return today - timedelta(days=days)

    # Last committee 200 days ago: without committee for 6 months, and overdue.
    espace = ProjectFactory(
        name="Mon Espace Collectivité", kind=ProjectKind.STARTUP_ETAT, manager=managers["camille"]
    )
    PhaseFactory(project=espace, name=PhaseName.INVESTIGATION, start=ago(400), end=ago(300))
    PhaseFactory(project=espace, name=PhaseName.CONSTRUCTION, start=ago(299))
    _committee(espace, ago(200), Outcome.CONTINUE)
    FundingLineFactory(project=espace, amount=Decimal(100_000), start=ago(300))
    ExpenseFactory(project=espace, amount=Decimal(30_000), date=ago(30))
    MaturityReviewFactory(project=espace, date=ago(300), impact=0, design=0)
    MaturityReviewFactory(
        project=espace, date=ago(60), impact=2, deployment=1, design=3, open_source=2, open_data=0
    )
    for _ in range(3):
        TeamMemberFactory(project=espace, start=ago(300))
    TeamMemberFactory(project=espace, start=ago(300), end=ago(10))

    # 5,000 € left at 500 €/day: the budget ends in 10 days, and the committee is overdue.
    rezo = ProjectFactory(
        name="Rézo Mobilité", kind=ProjectKind.STARTUP_TERRITOIRE, manager=managers["dominique"]
    )
    PhaseFactory(project=rezo, name=PhaseName.CONSTRUCTION, start=ago(500), end=ago(101))
    PhaseFactory(project=rezo, name=PhaseName.ACCELERATION, start=ago(100))
    _committee(rezo, ago(20), Outcome.ACCELERATE)
    FundingLineFactory(project=rezo, amount=Decimal("50000.50"), start=ago(500))
    ExpenseFactory(project=rezo, amount=Decimal(45_000), date=ago(10))
    TeamMemberFactory(project=rezo, start=ago(100))

    # Started 150 days ago, never in committee: its first committee is due in 33 days.
    cantine = ProjectFactory(
        name="Cantine Locale", kind=ProjectKind.INVESTIGATION, manager=managers["camille"]
    )
    PhaseFactory(project=cantine, name=PhaseName.INVESTIGATION, start=ago(150))

    # Abandoned, post-mortem not written: in no list.
    ancien = ProjectFactory(
        name="Ancien Service", kind=ProjectKind.COMMON, manager=managers["dominique"]
    )
    PhaseFactory(project=ancien, name=PhaseName.CONSTRUCTION, start=ago(900), end=ago(401))
    PhaseFactory(project=ancien, name=PhaseName.ABANDONED, start=ago(400))
    _committee(ancien, ago(450), Outcome.STOP)
    return {"espace": espace, "rezo": rezo, "cantine": cantine, "ancien": ancien}


def _all(today):
    return exports.select(PortfolioFilters(), "tous", today)


def _row(rows, name):
    return next(row for row in rows if row[0] == name)


# --- Rows -------------------------------------------------------------------------------


def test_rows_are_typed_and_follow_the_columns(projects, today):
    rows = exports.report_rows(_all(today))
    assert [row[0] for row in rows] == NAMES
    assert all(len(row) == len(REPORT_COLUMNS) for row in rows)

    espace = dict(zip(REPORT_COLUMNS, _row(rows, "Mon Espace Collectivité"), strict=True))
    assert espace["Type"] == "Startup d'État"
    assert espace["Chargé·e de portefeuille"] == "Camille Martin"
    assert espace["Phase"] == "Construction"
    assert espace["Phase depuis le"] == today - timedelta(days=299)
    assert espace["Début du projet"] == today - timedelta(days=400)
    assert espace["Dernier comité"] == today - timedelta(days=200)
    assert espace["Dernière décision"] == "Continuer"
    assert espace["Prochain comité attendu"] == today - timedelta(days=17)
    assert espace["Budget accordé (€)"] == Decimal(100_000)
    assert espace["Dépensé (€)"] == Decimal(30_000)
    assert espace["Reste (€)"] == Decimal(70_000)
    assert isinstance(espace["Reste (€)"], Decimal)
    assert espace["Dernière revue de maturité"] == today - timedelta(days=60)
    scores = [espace[f"{axis} (0 à 3)"] for axis in ["Impact", "Déploiement", "Design"]]
    assert scores == [2, 1, 3]
    assert espace["Open data (0 à 3)"] == 0
    assert espace["Équipe (personnes)"] == 3

    rezo = dict(zip(REPORT_COLUMNS, _row(rows, "Rézo Mobilité"), strict=True))
    assert rezo["Phase"] == "Accélération"
    assert rezo["Dernière décision"] == "Accélérer"
    assert rezo["Budget épuisé le (estimation)"] == today + timedelta(days=10)

    cantine = dict(zip(REPORT_COLUMNS, _row(rows, "Cantine Locale"), strict=True))
    assert cantine["Dernier comité"] is None
    assert cantine["Impact (0 à 3)"] is None
    assert cantine["Équipe (personnes)"] == 0
    assert cantine["Budget accordé (€)"] == Decimal(0)


def test_the_selection_and_its_rows_take_a_fixed_number_of_queries(
    projects, today, django_assert_num_queries
):
    # Four passes decide the selection (projects with their phases, committees, funding,
    # expenses), one fetches the figures of the selected rows.
    with django_assert_num_queries(5):
        exports.to_xlsx(exports.report_rows(_all(today)))


# --- CSV, XLSX, ODS ---------------------------------------------------------------------


def test_csv_opens_right_in_french_spreadsheets(projects, today):
    content = exports.to_csv(exports.report_rows(_all(today)))
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == REPORT_COLUMNS
    assert [line[0] for line in lines[1:]] == NAMES
    rezo = _row(lines, "Rézo Mobilité")
    assert rezo[COLUMN["Budget accordé (€)"]] == "50000,50"
    assert rezo[COLUMN["Reste (€)"]] == "5000,50"
    assert rezo[COLUMN["Phase depuis le"]] == f"{today - timedelta(days=100):%d/%m/%Y}"
    assert rezo[COLUMN["Chargé·e de portefeuille"]] == "Dominique Petit"
    assert _row(lines, "Cantine Locale")[COLUMN["Impact (0 à 3)"]] == ""


def test_xlsx_has_a_bold_header_french_dates_and_euros(projects, today):
    content = exports.to_xlsx(exports.report_rows(_all(today)))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Portefeuille"
    assert [cell.value for cell in sheet[1]] == REPORT_COLUMNS
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:U5"
    assert sheet.column_dimensions["A"].width == 36
    assert [sheet.cell(row=row, column=1).value for row in range(2, 6)] == NAMES

    espace = sheet[4]
    assert espace[0].value == "Mon Espace Collectivité"
    phase_start = espace[COLUMN["Phase depuis le"]]
    assert isinstance(phase_start.value, datetime)
    assert phase_start.value.date() == today - timedelta(days=299)
    assert phase_start.number_format == "DD/MM/YYYY"
    granted = espace[COLUMN["Budget accordé (€)"]]
    assert granted.value == 100_000
    assert "€" in granted.number_format
    assert espace[COLUMN["Impact (0 à 3)"]].value == 2
    assert espace[COLUMN["Équipe (personnes)"]].value == 3


def test_ods_reads_back_with_typed_cells(projects, today):
    content = exports.to_ods(exports.report_rows(_all(today)))
    header, *rows = ods_rows(content)
    assert header == REPORT_COLUMNS
    assert [row[0] for row in rows] == NAMES
    espace = _row(rows, "Mon Espace Collectivité")
    assert espace[COLUMN["Dernier comité"]] == today - timedelta(days=200)
    assert espace[COLUMN["Reste (€)"]] == 70_000.0


def test_a_name_that_looks_like_a_formula_stays_text(managers, today):
    PhaseFactory(project=ProjectFactory(name='=HYPERLINK("http://x")', manager=None))
    rows = exports.report_rows(_all(today))
    lines = list(csv.reader(io.StringIO(exports.to_csv(rows).decode("utf-8-sig")), delimiter=";"))
    assert lines[1][0] == '\'=HYPERLINK("http://x")'
    cell = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(rows))).active["A2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


# --- PDF --------------------------------------------------------------------------------


def test_pdf_report_has_a_summary_page_then_the_projects(projects, today):
    summaries = _all(today)
    html = exports.report_html(summaries, "Portefeuille de projets", "Tous les projets.", today)
    # Summary page: title, date, selection, key figures (French numbers), points of attention.
    assert '<h1 class="report-title">Portefeuille de projets</h1>' in html
    assert f"Rapport établi le {today:%d/%m/%Y}" in html
    assert "Tous les projets." in html
    assert "150\u202f000,50" not in html  # euros are rounded
    assert "150\u202f001\u00a0€" in html  # granted: 100,000 + 50,000.50
    assert "75\u202f000\u00a0€" in html  # spent
    summary = re.sub(r"\s+", " ", html.split('<section class="projects">')[0])
    for label, count in [
        ("Construction", 1),
        ("Accélération", 1),
        ("Investigation", 1),
        ("Abandon", 1),
        ("Projets sans comité depuis plus de 6 mois", 1),
        ("Comités en retard", 2),
        ("Comités à tenir d'ici 60 jours", 1),
        ("Budgets épuisés d'ici 60 jours", 1),
        ("Post-mortems à rédiger", 1),
    ]:
        assert f'<td>{label}</td> <td class="number">{count}</td>' in summary
    # One block per project, with its facts.
    assert html.count('<article class="project') == 4
    assert f"depuis le {today - timedelta(days=299):%d/%m/%Y}" in html
    assert "Décision : <strong>Accélérer</strong>" in html
    assert f"Épuisé vers le {today + timedelta(days=10):%d/%m/%Y}" in html
    assert "équipe : 3 personnes" in html
    assert "Post-mortem à rédiger" in html
    assert "http" not in html.lower()  # nothing to fetch

    document = exports.render_pdf(html)
    assert len(document.pages) == 2  # the summary page, then four blocks on one page
    pdf = document.write_pdf()
    assert pdf.startswith(b"%PDF-")
    assert exports.to_pdf(summaries, "Portefeuille", "Tous.", today).startswith(b"%PDF-")


def test_a_long_selection_details_the_first_projects_and_counts_them_all(
    projects, today, monkeypatch
):
    monkeypatch.setattr(exports.pdf, "PDF_MAX_PROJECTS", 2)
    html = exports.report_html(_all(today), "Portefeuille", "Tous les projets.", today)
    assert html.count('<article class="project') == 2
    text = re.sub(r"\s+", " ", html)
    assert "Ce rapport détaille les 2 premiers projets de la sélection" in text
    assert "Les 2 autres sont comptés dans les chiffres ci-dessous" in text
    assert "Projets (2 premiers sur 4)" in text
    assert '<span class="value">4</span> projets' in text


def test_an_empty_selection_gives_a_one_page_report(db, today):
    html = exports.report_html([], "Portefeuille de projets", "Tous les projets.", today)
    assert "Aucun projet dans cette sélection." in html
    assert len(exports.render_pdf(html).pages) == 1


def test_money_and_counts_are_written_the_french_way():
    assert exports.euros(Decimal("1234567.49")) == "1\u202f234\u202f567\u00a0€"
    assert exports.euros(Decimal("-1500.5")) == "−1\u202f501\u00a0€"
    assert exports.euros(None) == "0\u00a0€"
    assert integer(2000) == "2\u202f000"  # the counts of the PDF report (core.numbers)


# --- Selection and export ---------------------------------------------------------------


def test_the_selection_is_described_in_words(managers):
    filters = PortfolioFilters(
        kind=ProjectKind.STARTUP_ETAT, phase=PhaseName.CONSTRUCTION, manager=managers["camille"].pk
    )
    assert exports.describe_selection(filters, "en-retard") == (
        "Comités en retard, type « Startup d'État », en phase « Construction », "
        "suivis par Camille Martin."
    )
    assert exports.describe_selection(PortfolioFilters()) == "Tous les projets."


def test_export_names_the_file_and_rejects_unknown_formats(projects, today):
    _content, content_type, filename = exports.export(
        _all(today),
        "csv",
        title="Portefeuille",
        filters_description="Tous.",
        today=date(2026, 11, 22),
    )
    assert filename == "portefeuille-2026-11-22.csv"
    assert content_type.startswith("text/csv")
    with pytest.raises(ValueError):
        exports.export([], "doc", title="", filters_description="", today=today)


# --- The view ---------------------------------------------------------------------------


def _export(client, fmt="csv", **params):
    return client.get(f"/portefeuille/export.{fmt}", params)


def _csv_names(response):
    lines = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    return [line[0] for line in list(lines)[1:]]


@pytest.fixture
def staff_client(client, users):
    client.force_login(users[Role.INCUBATOR])
    return client


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("ods", "application/vnd.oasis.opendocument.spreadsheet", b"PK"),
        ("csv", "text/csv; charset=utf-8", b"\xef\xbb\xbf"),
        ("pdf", "application/pdf", b"%PDF-"),
    ],
)
def test_each_format_is_downloaded_as_an_attachment(
    staff_client, projects, today, fmt, content_type, magic
):
    response = _export(staff_client, fmt)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="portefeuille-{today.isoformat()}.{fmt}"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(magic)


def test_the_url_is_named(staff_client):
    from django.urls import reverse

    assert reverse("portfolio:export", args=["xlsx"]) == "/portefeuille/export.xlsx"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, NAMES),
        ({"kind": ProjectKind.STARTUP_ETAT}, ["Mon Espace Collectivité"]),
        ({"phase": PhaseName.ACCELERATION}, ["Rézo Mobilité"]),
        ({"sort": "reste", "desc": "on"}, ["Mon Espace Collectivité", "Rézo Mobilité", *NAMES[:2]]),
    ],
)
def test_the_dashboard_filters_select_the_projects(staff_client, projects, params, expected):
    assert _csv_names(_export(staff_client, **params)) == expected


def test_the_manager_filter_selects_their_projects(staff_client, projects, managers):
    response = _export(staff_client, manager=managers["camille"].pk)
    assert _csv_names(response) == ["Cantine Locale", "Mon Espace Collectivité"]


@pytest.mark.parametrize(
    ("liste", "expected"),
    [
        ("tous", NAMES),
        ("sans-comite", ["Mon Espace Collectivité"]),
        ("budget-fin", ["Rézo Mobilité"]),
        ("comites-a-venir", ["Cantine Locale"]),
        ("en-retard", ["Rézo Mobilité", "Mon Espace Collectivité"]),  # most overdue first
    ],
)
def test_each_dashboard_list_is_exportable(staff_client, projects, today, liste, expected):
    response = _export(staff_client, liste=liste)
    assert _csv_names(response) == expected
    if liste != "tous":
        assert (
            f'filename="portefeuille-{liste}-{today.isoformat()}.csv"'
            in (response["Content-Disposition"])
        )


def test_a_list_combines_with_the_filters(staff_client, projects, managers):
    response = _export(staff_client, liste="en-retard", manager=managers["camille"].pk)
    assert _csv_names(response) == ["Mon Espace Collectivité"]


def test_the_pdf_describes_the_selection(staff_client, projects, managers):
    response = _export(staff_client, "pdf", liste="budget-fin", phase=PhaseName.ACCELERATION)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("fmt", ["doc", "json", "XLSX"])
def test_an_unknown_format_is_not_found(staff_client, fmt):
    assert _export(staff_client, fmt).status_code == 404


def test_an_unknown_list_is_not_found(staff_client):
    assert _export(staff_client, liste="favoris").status_code == 404


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_only_the_incubator_team_exports(client, users, role):
    client.force_login(users[role])
    assert _export(client).status_code == 403


def test_admins_export_too(client, users):
    client.force_login(users[Role.ADMIN])
    assert _export(client).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = _export(client, "xlsx")
    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/portefeuille/export.xlsx"


def test_the_view_refuses_a_coach_even_when_called_directly(rf, users):
    from django.core.exceptions import PermissionDenied

    from fabrique.portfolio.views.exports import export

    request = rf.get("/portefeuille/export.csv")
    request.user = users[Role.COACH]
    with pytest.raises(PermissionDenied):
        export(request, "csv")
