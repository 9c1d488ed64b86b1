"""Impact pages: who sees what, the forms, the import flow, the public statistics, and the
constant number of SQL queries of the list pages."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.impact import services
from fabrique.impact.models import Indicator, Measurement, ProjectToken
from fabrique.impact.vocabulary import ACTIVE_USERS, Unit
from tests.factories import CommuneFactory, DepartementFactory, UserFactory
from tests.portfolio.factories import (
    CommitteeFactory,
    ExpenseFactory,
    PhaseFactory,
    ProjectFactory,
    TeamMemberFactory,
)

from ..query_counts import assert_constant_queries
from .factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(users):
    project = ProjectFactory(slug="actes", name="Actes en ligne")
    TeamMemberFactory(project=project, user=users[Role.SERVICE_OWNER])
    return project


def login(client, users, role):
    client.force_login(users[role])
    return client


def months_ago(months: int) -> date:
    today = timezone.localdate().replace(day=1)
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def test_team_page_and_starter_set(client, users, project):
    login(client, users, Role.SERVICE_OWNER)
    url = reverse("impact:indicators", args=[project.slug])
    html = unescape(client.get(url).content.decode())
    assert "Ajouter le socle commun (7 indicateurs)" in html
    response = client.post(reverse("impact:starter-set", args=[project.slug]))
    assert response.status_code == 302 and response["Location"] == url
    assert project.indicators.count() == 7
    html = unescape(client.get(url).content.decode())
    assert "Usagers actifs mensuels" in html and "Ajouter le socle commun" not in html
    assert "Étoile du Nord" in html


@pytest.mark.parametrize("role", [Role.AGENT, Role.COACH])
def test_others_cannot_see_the_team_page(client, users, project, role):
    login(client, users, role)  # the coach is not on this project's team
    assert client.get(reverse("impact:indicators", args=[project.slug])).status_code == 403
    response = client.post(reverse("impact:starter-set", args=[project.slug]))
    assert response.status_code == 403
    assert not Indicator.objects.exists()


def test_anonymous_is_sent_to_login(client, project):
    response = client.get(reverse("impact:indicators", args=[project.slug]))
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_create_indicator_and_record_a_value(client, users, project):
    login(client, users, Role.SERVICE_OWNER)
    response = client.post(
        reverse("impact:indicator-create", args=[project.slug]),
        {
            "name": "Délai de délivrance", "definition": "Jours entre demande et acte.",
            "level": "impactant", "kind": "impact", "unit": "jours", "direction": "baisse",
            "frequency": "mensuelle", "baseline_value": "12,5", "baseline_date": "2025-01-01",
            "target_value": "3", "target_date": "2027-01-01", "data_source": "Base",
            "is_public": "on",
        },
    )  # fmt: skip
    indicator = Indicator.objects.get()
    assert response["Location"] == indicator.get_absolute_url()
    assert indicator.baseline_value == Decimal("12.5")
    day = months_ago(1)
    response = client.post(indicator.get_absolute_url(), {"date": day.isoformat(), "value": "6,5"})
    assert response.status_code == 302
    assert indicator.measurements.get().value == Decimal("6.5")
    html = unescape(client.get(indicator.get_absolute_url()).content.decode())
    assert 'role="img"' in html and "Valeurs de « Délai de délivrance »" in html
    assert "Historique des modifications" in html and "création" in html


def test_bad_value_is_shown_and_nothing_saved(client, users, project):
    indicator = IndicatorFactory(project=project, unit=Unit.PERCENT)
    login(client, users, Role.SERVICE_OWNER)
    response = client.post(
        indicator.get_absolute_url(), {"date": months_ago(1).isoformat(), "value": "140"}
    )
    assert response.status_code == 200
    assert "entre 0 et 100" in unescape(response.content.decode())
    assert not Measurement.objects.exists()


def test_computed_indicator_has_no_form(client, users, project):
    services.starter_set_add(project=project)
    cost = project.indicators.get(key="cout-par-usage")
    login(client, users, Role.SERVICE_OWNER)
    html = unescape(client.get(cost.get_absolute_url()).content.decode())
    assert "measurement-form" not in html and "ne se saisissent pas" in html
    response = client.post(cost.get_absolute_url(), {"date": "2026-01-01", "value": "3"})
    assert response.status_code == 403


def test_import_flow_through_the_pages(client, users, project):
    IndicatorFactory(project=project, name="Usagers actifs mensuels")
    login(client, users, Role.SERVICE_OWNER)
    day = months_ago(2).isoformat()
    name = "Usagers actifs mensuels"
    bad = f"indicateur;date;valeur\n{name};{day};12\n{name};{day};x\n"
    response = client.post(
        reverse("impact:import", args=[project.slug]),
        {"file": SimpleUploadedFile("m.csv", bad.encode())},
        follow=True,
    )
    html = unescape(response.content.decode())
    assert "1 erreur : rien n'a été enregistré" in html
    assert "ligne 3, colonne « valeur » : « x » n'est pas un nombre." in html
    assert "import-confirm" not in html
    good = bad.replace(";x", ";13").replace(f"{day};13", f"{months_ago(1).isoformat()};13")
    response = client.post(
        reverse("impact:import", args=[project.slug]),
        {"file": SimpleUploadedFile("m.csv", good.encode())},
    )
    preview_url = response["Location"]
    html = unescape(client.get(preview_url).content.decode())
    assert "2</strong> nouvelles valeurs" in html
    assert not Measurement.objects.exists()
    response = client.post(preview_url)
    assert response.status_code == 302
    assert Measurement.objects.count() == 2
    assert client.get(preview_url).status_code == 404  # confirmed once, then gone


def test_import_preview_is_private_to_its_author(client, users, project):
    IndicatorFactory(project=project, name="Usagers")
    pending = services.import_prepare(
        project=project,
        upload=SimpleUploadedFile("m.csv", b"indicateur;date;valeur\nUsagers;2026-01-01;1\n"),
        user=users[Role.SERVICE_OWNER],
    )  # fmt: skip
    login(client, users, Role.INCUBATOR)
    url = reverse("impact:import-preview", args=[project.slug, pending.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_tokens_page_shows_the_secret_once_and_revokes(client, users, project):
    login(client, users, Role.SERVICE_OWNER)
    url = reverse("impact:tokens", args=[project.slug])
    response = client.post(url, {"name": "collecte"})
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert secret not in client.get(url).content.decode()
    token = ProjectToken.objects.get()
    client.post(reverse("impact:token-revoke", args=[project.slug, token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "révoqué le" in client.get(url).content.decode()


def test_revoking_a_token_asks_for_confirmation_first(client, users, project):
    """One click on « Révoquer » in the list used to break the project's scripts for good."""
    login(client, users, Role.SERVICE_OWNER)
    token, _ = services.token_create(project=project, name="collecte mensuelle")
    url = reverse("impact:token-revoke", args=[project.slug, token.pk])
    tokens_page = client.get(reverse("impact:tokens", args=[project.slug])).content.decode()
    assert f'href="{url}"' in tokens_page
    page = client.get(url)
    assert page.status_code == 200
    assert "Révoquer le jeton" in page.content.decode()
    assert "collecte mensuelle" in page.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    client.post(url)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(url.replace(project.slug, ProjectFactory().slug)).status_code == 403


def test_the_revoke_page_breadcrumb_goes_through_the_tokens_page(client, users, project):
    login(client, users, Role.SERVICE_OWNER)
    token, _ = services.token_create(project=project)
    page = client.get(reverse("impact:token-revoke", args=[project.slug, token.pk]))
    links = page.context["breadcrumb_data"]["links"]
    assert links[-1] == {
        "title": "Jetons d'API",
        "url": reverse("impact:tokens", args=[project.slug]),
    }


def test_the_command_line_is_shown_to_the_team_only(client, users, project):
    """A porteur has no access to the server: `manage.py project_token` means nothing to them."""
    url = reverse("impact:tokens", args=[project.slug])
    login(client, users, Role.SERVICE_OWNER)
    assert "manage.py project_token" not in client.get(url).content.decode()
    login(client, users, Role.INCUBATOR)
    assert "manage.py project_token actes" in client.get(url).content.decode()
    login(client, users, Role.ADMIN)
    assert "manage.py project_token actes" in client.get(url).content.decode()


def test_tokens_are_refused_to_other_teams(client, users, project):
    other = ProjectFactory()
    login(client, users, Role.SERVICE_OWNER)
    assert client.get(reverse("impact:tokens", args=[other.slug])).status_code == 403
    token, _ = services.token_create(project=project)
    response = client.post(reverse("impact:token-revoke", args=[other.slug, token.pk]))
    assert response.status_code == 403


def test_deployment_page(client, users, project, territories):
    services.starter_set_add(project=project)
    login(client, users, Role.SERVICE_OWNER)
    url = reverse("impact:deployment", args=[project.slug])
    client.post(
        url,
        {"action": "target", "kind": "communes", "max_population": "3500", "departements": "42"},
    )
    response = client.post(
        url, {"action": "add", "codes": "42248, 42047\n244200820", "since": "2025-06-01"}
    )
    assert response.status_code == 302
    assert project.deployments.count() == 3
    html = unescape(client.get(url).content.decode())
    assert "Déploiement par département" in html and "Loire (42)" in html
    assert "2</strong> collectivités utilisatrices" in html.replace("\u202f", "")
    response = client.post(url, {"action": "add", "codes": "99999", "since": "2025-06-01"})
    assert "Aucune commune ni aucun EPCI ne porte ce code : 99999" in unescape(
        response.content.decode()
    )
    deployment = project.deployments.get(commune__insee="42047")
    client.post(reverse("impact:deployment-remove", args=[project.slug, deployment.pk]))
    assert project.deployments.count() == 2
    # The project page shows the deployment table to everyone.
    client.logout()
    html = unescape(client.get(project.get_absolute_url()).content.decode())
    assert 'id="impact"' in html and "Déploiement par département" in html
    assert "Indicateurs de l'équipe" not in html


def test_a_deployment_date_is_corrected_and_a_removal_asks_first(client, users, project):
    """Issue 12, item 1: a collectivité declared with a wrong date is corrected (same rules as
    when it was declared), its removal asks to confirm, both are kept in the history."""
    commune = CommuneFactory(name="Juré")
    deployment = services.deployment_add(project=project, territory=commune, since=date(2025, 6, 1))
    login(client, users, Role.SERVICE_OWNER)
    page = client.get(reverse("impact:deployment", args=[project.slug])).content.decode()
    edit = reverse("impact:deployment-edit", args=[project.slug, deployment.pk])
    remove = reverse("impact:deployment-remove", args=[project.slug, deployment.pk])
    assert f'href="{edit}"' in page and f'href="{remove}"' in page
    refused = unescape(client.post(edit, {"since": "0001-01-01"}).content.decode())
    assert "Date peu plausible (01/01/0001) : avant 2000." in refused
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    refused = unescape(client.post(edit, {"since": future}).content.decode())
    assert "La date d'adoption ne peut pas être dans le futur." in refused
    deployment.refresh_from_db()
    assert deployment.since == date(2025, 6, 1)
    done = unescape(client.post(edit, {"since": "2024-03-01"}, follow=True).content.decode())
    assert "Date d'adoption de Juré" in done and "modifiée : 01/03/2024." in done
    deployment.refresh_from_db()
    assert deployment.since == date(2024, 3, 1)
    assert "Confirmer la suppression" in unescape(client.get(remove).content.decode())
    assert project.deployments.exists()  # nothing removed on GET
    done = unescape(client.post(remove, follow=True).content.decode())
    assert "Suppression faite : Juré" in done
    assert not project.deployments.exists()
    history = deployment.history.order_by("history_date").values_list("history_type", "since")
    assert list(history) == [
        ("+", date(2025, 6, 1)), ("~", date(2024, 3, 1)), ("-", date(2024, 3, 1))
    ]  # fmt: skip


def test_other_projects_deployments_are_not_corrected(client, users, project):
    deployment = services.deployment_add(
        project=ProjectFactory(), territory=CommuneFactory(), since=date(2025, 6, 1)
    )
    login(client, users, Role.SERVICE_OWNER)
    other = deployment.project.slug
    edit = reverse("impact:deployment-edit", args=[other, deployment.pk])
    assert client.post(edit, {"since": "2024-03-01"}).status_code == 403
    deployment.refresh_from_db()
    assert deployment.since == date(2025, 6, 1)


def public_project():
    project = ProjectFactory(slug="budget", name="Budget citoyen")
    public = IndicatorFactory(project=project, name="Votes", unit=Unit.NUMBER)
    hidden = IndicatorFactory(project=project, name="Coût interne", is_public=False)
    for months, value in ((3, 100), (2, 120), (1, 130)):
        MeasurementFactory(indicator=public, period=months_ago(months), value=Decimal(value))
        MeasurementFactory(indicator=hidden, period=months_ago(months), value=Decimal(7))
    return project, public


def test_public_stats_page_without_login(client):
    project, _ = public_project()
    response = client.get(f"/projets/{project.slug}/stats/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Votes" in html and "Coût interne" not in html
    assert 'role="img"' in html and "Valeurs de « Votes »" in html


def test_public_stats_as_csv_and_json(client):
    project, _ = public_project()
    response = client.get(f"/projets/{project.slug}/stats.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["valeur"] for row in rows] == ["100", "120", "130"]
    assert {row["indicateur"] for row in rows} == {"Votes"}
    assert rows[0]["periode"] == months_ago(3).isoformat()
    data = client.get(f"/projets/{project.slug}/stats.json").json()
    assert data["project"]["slug"] == "budget"
    [indicator] = data["indicators"]
    assert indicator["name"] == "Votes"
    assert [m["value"] for m in indicator["measurements"]] == [100.0, 120.0, 130.0]
    assert indicator["latest"]["value"] == 130.0


def test_stats_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    """2 then 20 more public indicators, each with 12 values."""
    project, _ = public_project()

    def grow(rows):
        for index in range(rows):
            indicator = IndicatorFactory(project=project)
            for months in range(1, 13):
                MeasurementFactory(indicator=indicator, period=months_ago(months), value=index)

    grow(2)
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(f"/projets/{project.slug}/stats/"),
        lambda: grow(18), budget=7,
    )  # fmt: skip
    assert len(response.context["series"]) == 21


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_stats_files_query_count_does_not_grow(client, fmt, django_assert_max_num_queries):
    project, _ = public_project()

    def grow(rows):
        for index in range(rows):
            indicator = IndicatorFactory(project=project)
            for months in range(1, 13):
                MeasurementFactory(indicator=indicator, period=months_ago(months), value=index)

    grow(2)
    url = f"/projets/{project.slug}/stats.{fmt}"
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(url), lambda: grow(18), budget=3
    )
    assert response.status_code == 200 and "Indicateur" in response.content.decode()


def make_portfolio(count: int):
    for index in range(count):
        project = ProjectFactory()
        PhaseFactory(project=project, name="construction", start=date(2024, 1, 1))
        CommitteeFactory(projects=[project], date=timezone.localdate() + timedelta(days=20))
        services.starter_set_add(project=project)
        users = project.indicators.get(key=ACTIVE_USERS)
        users.baseline_value, users.baseline_date = 10, date(2024, 1, 1)
        users.target_value, users.target_date = 1000, date(2027, 1, 1)
        users.save()
        for months in range(1, 6):
            MeasurementFactory(indicator=users, period=months_ago(months + index % 3), value=500)
        ExpenseFactory(project=project, date=months_ago(2), amount=Decimal(12_000))


@pytest.mark.parametrize("count", [2, 12])
def test_portfolio_impact_view_runs_a_constant_number_of_queries(
    client, users, django_assert_max_num_queries, count
):
    make_portfolio(count)
    login(client, users, Role.INCUBATOR)
    with django_assert_max_num_queries(9):
        response = client.get("/portefeuille/impact/")
    assert response.status_code == 200
    board = response.context["board"]
    assert board.project_count == count and board.indicator_count == 7 * count
    html = unescape(response.content.decode())
    assert "Usagers actifs mensuels" in html and "à mettre à jour avant" in html


def test_portfolio_impact_view_filters_and_rights(client, users, project):
    make_portfolio(3)
    login(client, users, Role.INCUBATOR)
    stale = client.get("/portefeuille/impact/?statut=sans-nouvelles").context["board"]
    assert all(row.statuses.get("sans-nouvelles") for row in stale.rows)
    without = client.get("/portefeuille/impact/?statut=sans-indicateur").context["board"]
    assert [row.slug for row in without.rows] == ["actes"]
    login(client, users, Role.SERVICE_OWNER)  # sees the projects of the team only
    board = client.get("/portefeuille/impact/").context["board"]
    assert [row.slug for row in board.rows] == ["actes"]
    login(client, users, Role.AGENT)
    assert client.get("/portefeuille/impact/").status_code == 403


def test_project_page_summary_for_the_team(client, users, project):
    services.starter_set_add(project=project)
    CommitteeFactory(projects=[project], date=timezone.localdate() + timedelta(days=10))
    login(client, users, Role.SERVICE_OWNER)
    html = unescape(client.get(project.get_absolute_url()).content.decode())
    assert "Indicateurs de l'équipe" in html
    assert "Étoile du Nord : <strong>Usagers actifs mensuels</strong>" in html
    assert "à mettre à jour avant" in html


def test_indicator_page_query_count_does_not_grow(
    client, users, project, django_assert_max_num_queries
):
    """2 then 20 values (each with its history record), then 120."""
    indicator = IndicatorFactory(project=project)

    def grow(rows):
        start = indicator.measurements.count() + 1
        for months in range(start, start + rows):
            MeasurementFactory(indicator=indicator, period=months_ago(months), value=months)

    grow(2)
    login(client, users, Role.SERVICE_OWNER)
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(indicator.get_absolute_url()),
        lambda: grow(18), budget=11,
    )  # fmt: skip
    assert response.status_code == 200
    grow(100)
    with django_assert_max_num_queries(11):  # 10, and the latest values to correct
        assert client.get(indicator.get_absolute_url()).status_code == 200


# --- Constant number of queries: each list page at 2 then 20 rows ---------------------------


def test_tokens_page_runs_a_constant_number_of_queries(
    client, users, project, django_assert_max_num_queries
):
    """Active and revoked tokens, created by someone or by the command line."""
    owner = users[Role.SERVICE_OWNER]

    def grow(rows):
        for index in range(rows):
            token, _ = services.token_create(project=project, user=owner if index % 2 else None)
            if index % 3 == 0:
                services.token_revoke(token=token, user=owner)

    grow(2)
    login(client, users, Role.SERVICE_OWNER)
    url = reverse("impact:tokens", args=[project.slug])
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(url), lambda: grow(18), budget=5
    )
    assert len(response.context["tokens"]) == 20
    assert "révoqué le" in unescape(response.content.decode())


@pytest.mark.parametrize("kind", ["communes", "epci", None])
def test_deployment_page_runs_a_constant_number_of_queries(
    client, users, project, kind, django_assert_max_num_queries
):
    """Communes in and out of the target, and EPCI; a target of communes, of EPCI, or none."""
    inside, outside = DepartementFactory(code="07"), DepartementFactory(code="26")
    services.starter_set_add(
        project=project
    )  # the penetration indicator, recomputed on each change
    if kind:
        services.deployment_target_save(project=project, kind=kind, departements=[inside])

    def grow(rows):
        entries = []
        for index in range(rows):
            commune = CommuneFactory(departement=(inside, outside)[index % 2])
            entries += [(commune, date(2025, 1, 1)), (commune.epci, date(2025, 6, 1))]
        services.deployments_add_many(project=project, entries=entries[:rows])

    grow(2)
    login(client, users, Role.SERVICE_OWNER)
    url = reverse("impact:deployment", args=[project.slug])
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(url), lambda: grow(18),
        budget=14 if kind else 12,  # + the catalogue entries that cite the same users
    )  # fmt: skip
    assert response.context["page"].paginator.count == 20
    if kind:
        assert response.context["figures"].outside


def test_indicator_list_runs_a_constant_number_of_queries(
    client, users, project, django_assert_max_num_queries
):
    def grow(rows):
        for index in range(rows):
            indicator = IndicatorFactory(project=project)
            MeasurementFactory(indicator=indicator, period=months_ago(1 + index % 3), value=index)

    services.starter_set_add(project=project)  # computed indicators too
    grow(2)
    login(client, users, Role.SERVICE_OWNER)
    url = reverse("impact:indicators", args=[project.slug])
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(url), lambda: grow(18),
        budget=10,  # + the project's committees: the indicators to update before the next one
    )  # fmt: skip
    assert response.status_code == 200 and project.indicators.count() == 27


def test_deployment_form_says_what_was_already_there(client, users, project, territories):
    login(client, users, Role.SERVICE_OWNER)
    url = reverse("impact:deployment", args=[project.slug])
    client.post(url, {"action": "add", "codes": "42248", "since": "2025-06-01"})
    response = client.post(
        url, {"action": "add", "codes": "42248 42047", "since": "2025-06-01"}, follow=True
    )
    assert "1 collectivité ajoutée ; 1 utilisait déjà le service." in unescape(
        response.content.decode()
    )
    future = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client.post(url, {"action": "add", "codes": "42061", "since": future})
    assert "dans le futur" in unescape(response.content.decode())
    assert project.deployments.count() == 2


def test_stats_csv_defuses_formulas(client):
    project = ProjectFactory(slug="formules")
    indicator = IndicatorFactory(project=project, name="=1+1 usagers")
    MeasurementFactory(indicator=indicator, period=months_ago(1), value=Decimal(3))
    rows = list(
        csv.reader(
            io.StringIO(client.get("/projets/formules/stats.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[1][0] == "'=1+1 usagers"


def test_admin_pages_and_deletion_through_the_service(client, users, project):
    indicator = IndicatorFactory(project=project)
    MeasurementFactory(indicator=indicator, period=months_ago(2), value=Decimal(4))
    last = MeasurementFactory(indicator=indicator, period=months_ago(1), value=Decimal(5))
    client.force_login(
        UserFactory(email="root@exemple.gouv.fr", role=Role.ADMIN, is_superuser=True)
    )
    for model in ("indicator", "measurement", "projecttoken", "deploymenttarget", "deployment"):
        assert client.get(f"/gestion-fabrique/impact/{model}/").status_code == 200, model
    response = client.post(
        f"/gestion-fabrique/impact/measurement/{last.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.latest_period == months_ago(2)


def test_project_page_says_a_committee_due_in_the_past_is_late(client, users, project):
    """With a due date past and nothing planned, not « Prochain comité » and a past date."""
    services.starter_set_add(project=project)
    CommitteeFactory(projects=[project], date=timezone.localdate() - timedelta(days=300))
    login(client, users, Role.SERVICE_OWNER)
    html = " ".join(unescape(client.get(project.get_absolute_url()).content.decode()).split())
    assert "Comité dû depuis le" in html and "en retard, aucun comité n'est prévu" in html
    assert "Prochain comité :" not in html
