"""The portfolio manager's day in Chromium: a project, its phases, a committee, the export."""

import io
from datetime import date

import openpyxl
import pytest

from fabrique.accounts.models import Role
from fabrique.portfolio.models import Decision, Project
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def manager(transactional_db):
    return UserFactory(email="equipe.e2e@exemple.gouv.fr", role=Role.INCUBATOR)


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/connexion/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url(f"{live_server.url}/mon-espace/")


def submit(page):
    page.click("form[method=post] button[type=submit]:has-text('Enregistrer')")


def test_create_project_phases_committee_decision_and_xlsx_export(page, live_server, manager):
    log_in(page, live_server, manager)

    # A new project.
    page.goto(f"{live_server.url}/projets/nouveau/")
    page.fill("input[name=name]", "Réservation des salles communales")
    page.select_option("select[name=kind]", "startup-territoire")
    page.fill("input[name=mission]", "Réserver une salle municipale en ligne")
    submit(page)
    page.wait_for_url("**/projets/reservation-des-salles-communales/")
    assert page.locator("h1").inner_text() == "Réservation des salles communales"

    # Two phases: starting construction ends the investigation.
    for name, start in (("investigation", "2026-01-05"), ("construction", "2026-03-02")):
        page.click("a:has-text('Nouvelle phase')")
        page.select_option("select[name=name]", name)
        page.fill("input[name=start]", start)
        submit(page)
        page.wait_for_url("**/projets/reservation-des-salles-communales/**")
    assert page.locator("#current-phase").text_content().strip() == "Phase : Construction"
    rows = page.locator("table:has(caption:text('Phases du projet')) tbody tr")
    assert rows.count() == 2

    # A committee with the project on its agenda, then its decision.
    page.goto(f"{live_server.url}/comites/nouveau/")
    page.fill("input[name=date]", "2026-09-15")
    page.select_option("select[name=kind]", "investissement")
    page.check("label:has-text('Réservation des salles communales')")
    submit(page)
    page.wait_for_url("**/comites/*/")
    page.select_option(
        "#decision-form select[name=project]", label="Réservation des salles communales"
    )
    page.select_option("#decision-form select[name=outcome]", "accelerer")
    page.fill("#decision-form input[name=amount]", "250000")
    page.click("#decision-form button[type=submit]")
    page.wait_for_url("**/comites/*/#decisions")
    assert "Accélérer" in page.locator("#decisions + div table").inner_text()
    decision = Decision.objects.get()
    assert (decision.outcome, int(decision.amount)) == ("accelerer", 250_000)

    # The export of the dashboard, downloaded and read back.
    page.goto(f"{live_server.url}/portefeuille/")
    with page.expect_download() as download_info:
        page.click("a:has-text('Tableur XLSX') >> nth=0")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as handle:
        workbook = openpyxl.load_workbook(io.BytesIO(handle.read()))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    project_rows = [row for row in values if "Réservation des salles communales" in row]
    assert len(project_rows) == 1, header
    row = dict(zip(header, project_rows[0], strict=False))
    flat = " ".join(str(value) for value in row.values())
    assert "Construction" in flat
    assert "250000" in flat.replace(" ", "").replace(".00", "").replace(",00", "")
    assert Project.objects.get().phases.get(name="investigation").end == date(2026, 3, 2)


@pytest.mark.parametrize(
    "path",
    ["/comites/?sort=montant", "/portefeuille/attestations/?sort=personne&desc=on",
     "/projets/?sort=reste", "/portefeuille/?sort=nom"],
)  # fmt: skip
def test_sortable_lists_have_no_serious_accessibility_violation(page, live_server, manager, path):
    from axe_playwright_python.sync_playwright import Axe

    from tests.portfolio.test_lists import make_lists

    from .test_browser import BLOCKING_IMPACTS, format_violations

    make_lists(3)
    log_in(page, live_server, manager)
    page.goto(f"{live_server.url}{path}", wait_until="load")
    page.wait_for_function("() => window.dsfr !== undefined")
    sorted_header = page.locator("th[aria-sort]").first
    assert sorted_header.get_attribute("aria-sort") in {"ascending", "descending"}
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core sur {path}\n" + format_violations(blocking)


def test_sort_a_committee_column_then_download_it(page, live_server, manager):
    from tests.portfolio.test_lists import make_lists

    make_lists(3)
    log_in(page, live_server, manager)
    page.goto(f"{live_server.url}/comites/")
    page.get_by_role("link", name="Date : trier par ordre croissant").click()
    page.wait_for_url("**/comites/?sort=date")
    assert page.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    dates = page.locator("tbody tr td:first-child").all_inner_texts()
    assert dates == ["01/01/2025", "02/01/2025", "03/01/2025"]
    with page.expect_download() as download_info:
        page.click("a:has-text('Tableur XLSX')")
    download = download_info.value
    assert download.suggested_filename.startswith("comites-")
    with open(download.path(), "rb") as handle:
        sheet = openpyxl.load_workbook(io.BytesIO(handle.read())).active
    assert [row[0].value.date() for row in sheet.iter_rows(min_row=2)] == [
        date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 3),
    ]  # fmt: skip
