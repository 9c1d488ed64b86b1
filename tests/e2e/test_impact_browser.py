"""A service team's day in Chromium: the starter set, an import refused for one bad line then
accepted once fixed, the chart of an indicator, and the public statistics page."""

import csv
import io
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.impact.models import Indicator, Measurement
from tests.factories import TEST_PASSWORD, UserFactory
from tests.portfolio.factories import PhaseFactory, ProjectFactory, TeamMemberFactory

from .conftest import normalise_spaces

pytestmark = pytest.mark.browser


@pytest.fixture
def team(transactional_db):
    owner = UserFactory(email="porteur.e2e@exemple.gouv.fr", role=Role.SERVICE_OWNER)
    project = ProjectFactory(slug="salles-ouvertes", name="Salles ouvertes")
    PhaseFactory(project=project, name="construction", start=date(2025, 1, 6))
    TeamMemberFactory(project=project, user=owner)
    return owner, project


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/connexion/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url(f"{live_server.url}/mon-espace/")


def months_ago(months: int) -> date:
    first = timezone.localdate().replace(day=1)
    index = first.year * 12 + first.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def measurements_file(bad_value: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["indicateur", "date", "valeur", "commentaire"])
    for months in range(6, 0, -1):
        day = months_ago(months) + timedelta(days=14)
        value = bad_value if months == 3 else str(900 + 40 * (6 - months))
        writer.writerow(["Usagers actifs mensuels", day.strftime("%d/%m/%Y"), value, ""])
    writer.writerow(["Satisfaction des usagers", months_ago(4).isoformat(), "81,5", "enquête"])
    return buffer.getvalue().encode()


def assert_no_serious_violation(page):
    page.wait_for_function("() => window.dsfr !== undefined")
    results = Axe().run(page)
    blocking = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not blocking, blocking


def upload(page, live_server, project, content: bytes):
    page.goto(f"{live_server.url}/projets/{project.slug}/mesures/import/")
    page.set_input_files(
        "#import-form input[type=file]",
        {"name": "mesures.csv", "mimeType": "text/csv", "buffer": content},
    )
    page.click("#import-form button[type=submit]")
    page.wait_for_url("**/mesures/import/**")


def test_starter_set_import_chart_and_public_page(page, live_server, team, browser):
    owner, project = team
    log_in(page, live_server, owner)

    # The seven indicators of the starter set, in one click.
    page.goto(f"{live_server.url}/projets/{project.slug}/indicateurs/")
    page.click("#starter-set")
    page.wait_for_url(f"**/projets/{project.slug}/indicateurs/")
    assert page.locator("#indicators tbody tr").count() == 7
    assert "Usagers actifs mensuels" in page.locator("#indicators").inner_text()
    assert Indicator.objects.filter(project=project).count() == 7

    # A file with one bad line (line 5): refused with the line and the column, nothing saved.
    upload(page, live_server, project, measurements_file("beaucoup"))
    errors = normalise_spaces(page.locator("#import-errors").inner_text())
    assert "1 erreur : rien n'a été enregistré" in errors
    assert "ligne 5, colonne « valeur » : « beaucoup » n'est pas un nombre." in errors
    assert page.locator("#import-confirm").count() == 0
    assert not Measurement.objects.exists()

    # The fixed file: previewed, then confirmed.
    upload(page, live_server, project, measurements_file("1000"))
    summary = normalise_spaces(page.locator("#import-summary").inner_text())
    assert "7 nouvelles valeurs" in summary
    assert not Measurement.objects.exists()
    page.click("#import-confirm")
    page.wait_for_url(f"**/projets/{project.slug}/indicateurs/")
    assert "7 nouvelles valeurs" in normalise_spaces(
        page.locator(".fr-alert--success").inner_text()
    )
    assert Measurement.objects.filter(indicator__project=project).count() == 7

    # The chart of the monthly active users, with its data table.
    page.click("#indicators a:has-text('Usagers actifs mensuels')")
    page.wait_for_url("**/indicateurs/*/")
    chart = page.locator("svg[role=img]").first
    assert "Usagers actifs mensuels" in chart.locator("title").first.text_content()
    assert page.locator("svg[role=img] g.point").count() == 6
    rows = page.locator(
        "table:has(caption:text('Valeurs de « Usagers actifs mensuels »')) tbody tr"
    )
    assert rows.count() == 6
    assert normalise_spaces(rows.first.inner_text()).endswith("1 100")
    assert_no_serious_violation(page)

    # The public statistics page, without logging in, and its CSV.
    context = browser.new_context(locale="fr-FR")
    public = context.new_page()
    try:
        response = public.goto(f"{live_server.url}/projets/{project.slug}/stats/")
        assert response.ok
        text = normalise_spaces(public.locator("main").inner_text())
        assert "Statistiques — Salles ouvertes" in text
        assert "Usagers actifs mensuels" in text and "Dernière valeur : 1 100" in text
        assert public.locator("svg[role=img]").count() == 7
        downloaded = public.request.get(f"{live_server.url}/projets/{project.slug}/stats.csv")
        rows = list(csv.DictReader(io.StringIO(downloaded.body().decode("utf-8-sig"))))
        assert len([row for row in rows if row["indicateur"] == "Usagers actifs mensuels"]) == 6
        assert_no_serious_violation(public)
    finally:
        context.close()


def assert_fits_a_phone(page, where: str):
    """At 375 px nothing widens the page, and no box scrolls out of a keyboard's reach."""
    page.set_viewport_size({"width": 375, "height": 800})
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{where} : la page déborde sur un téléphone ({widths})"
    assert_no_serious_violation(page)


def test_import_page_and_new_token_fit_a_phone(page, live_server, team):
    owner, project = team
    log_in(page, live_server, owner)
    # The sample file of the import page (one line longer than a phone is wide).
    page.goto(f"{live_server.url}/projets/{project.slug}/mesures/import/")
    assert_fits_a_phone(page, "l'import de mesures")
    # A new token and the command that uses it, shown once after creation.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/projets/{project.slug}/jetons/")
    page.fill("input[name=name]", "Script de la mairie")
    page.get_by_role("button", name="Créer un jeton").click()
    page.wait_for_selector("#new-token")
    assert_fits_a_phone(page, "le jeton créé")
