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
