from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio.models import Decision, Phase, Project

from .factories import (
    CommitteeFactory,
    ExpenseFactory,
    FundingLineFactory,
    MaturityReviewFactory,
    PhaseFactory,
    ProjectFactory,
    ServiceFaitFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db


def make_projects(count):
    for index in range(count):
        project = ProjectFactory()
        PhaseFactory(
            project=project, name="investigation", start=date(2024, 1, 1), end=date(2024, 3, 1)
        )
        PhaseFactory(project=project, name="construction", start=date(2024, 3, 1))
        CommitteeFactory(projects=[project], date=date(2026, 1, 1 + index % 27))
        FundingLineFactory(project=project)
        ExpenseFactory(project=project)
        TeamMemberFactory(project=project)
        MaturityReviewFactory(project=project)
        ServiceFaitFactory(member__project=project)


@pytest.fixture
def staff_client(client, users):
    client.force_login(users[Role.INCUBATOR])
    return client


def test_public_project_page_hides_the_details(client):
    project = ProjectFactory(name="Cimetières en ligne", mission="Gérer les concessions")
    PhaseFactory(project=project, name="acceleration", start=date(2025, 1, 1))
    FundingLineFactory(project=project, source="France Relance")
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Cimetières en ligne" in html and "Gérer les concessions" in html
    assert "Phase : Accélération" in html
    assert "France Relance" not in html


def test_staff_sees_the_details(staff_client):
    project = ProjectFactory()
    FundingLineFactory(project=project, source="France Relance", amount=Decimal(250_000))
    html = staff_client.get(project.get_absolute_url()).content.decode()
    assert "France Relance" in html
    assert "Modifier" in html


def test_markdown_description_is_sanitised(client):
    project = ProjectFactory(
        description="**Gras** <script>alert(1)</script> [x](javascript:alert(1))"
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert "<strong>Gras</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:alert" not in html


def test_unknown_project_gives_the_french_404(client):
    response = client.get("/projets/inconnu/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/portefeuille/", "/comites/", "/comites/nouveau/", "/projets/nouveau/",
            "/portefeuille/attestations/"],
)  # fmt: skip
@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_staff_pages_are_refused_to_other_roles(client, users, url, role):
    client.force_login(users[role])
    assert client.get(url).status_code == 403


def test_staff_pages_need_login(client):
    response = client.get("/portefeuille/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_create_project_then_phases_through_the_forms(staff_client):
    response = staff_client.post(
        "/projets/nouveau/",
        {
            "name": "Salles communales",
            "kind": "startup-territoire",
            "mission": "Réserver une salle",
        },
    )
    project = Project.objects.get(name="Salles communales")
    assert response["Location"] == project.get_absolute_url()
    url = reverse("portfolio:phase-add", args=[project.slug])
    staff_client.post(url, {"name": "investigation", "start": "2026-01-05"})
    staff_client.post(url, {"name": "construction", "start": "2026-03-02"})
    assert list(project.phases.values_list("name", "end")) == [
        ("investigation", date(2026, 3, 2)),
        ("construction", None),
    ]


def test_bad_phase_is_shown_at_the_field_and_nothing_saved(staff_client):
    project = ProjectFactory()
    url = reverse("portfolio:phase-add", args=[project.slug])
    response = staff_client.post(
        url, {"name": "construction", "start": "2026-03-02", "end": "2026-01-01"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "La fin doit être postérieure ou égale au début." in html
    assert "rien n'a été enregistré" in html
    response = staff_client.post(url, {"name": "abandon", "start": "2026-03-02"})
    assert "Un abandon ne peut être enregistré sans post-mortem" in response.content.decode()
    assert not Phase.objects.exists()


def test_negative_amount_is_refused_at_the_field(staff_client):
    project = ProjectFactory()
    response = staff_client.post(
        reverse("portfolio:funding-add", args=[project.slug]),
        {"source": "ANCT", "amount": "-10", "start": "2026-01-01"},
    )
    assert "supérieure ou égale à 0" in response.content.decode()
    assert not project.funding.exists()


def test_a_funding_line_of_0_euro_is_refused_at_the_field(staff_client):
    project = ProjectFactory()
    response = staff_client.post(
        reverse("portfolio:funding-add", args=[project.slug]),
        {"source": "ANCT", "amount": "0", "start": "2026-01-01"},
    )
    assert "Un financement a un montant supérieur à 0 €" in unescape(response.content.decode())
    assert not project.funding.exists()


def test_committee_decision_through_the_page(staff_client):
    project, absent = ProjectFactory(), ProjectFactory()
    committee = CommitteeFactory(projects=[project])
    url = committee.get_absolute_url()
    response = staff_client.post(
        url, {"action": "decision", "project": absent.pk, "outcome": "continuer", "amount": "0"}
    )
    assert "n&#x27;est pas à l&#x27;ordre du jour" in response.content.decode()
    assert not Decision.objects.exists()
    staff_client.post(
        url,
        {"action": "decision", "project": project.pk, "outcome": "accelerer", "amount": "120000"},
    )
    assert Decision.objects.get().amount == Decimal(120_000)


def _stored_files(path=""):
    """Every file in the storage of uploads (in memory in tests)."""
    directories, files = default_storage.listdir(path)
    prefix = f"{path}/" if path else ""
    return [prefix + name for name in files] + [
        stored for directory in directories for stored in _stored_files(prefix + directory)
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "compte-rendu.pdf",
            b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024),
            "Fichier trop volumineux (10,1 Mo) : 10 Mo au plus.",
        ),
        ("compte-rendu.pdf", b"<html>pas un pdf</html>", "Seuls les documents PDF et ODT"),
        ("tableur.odt", b"PK\x03\x04 une archive qui n'est pas un ODT", "Seuls les documents PDF"),
        ("programme.exe", b"MZ\x90\x00 un executable", "Seuls les documents PDF et ODT"),
    ],
    ids=["trop-gros", "html-nomme-pdf", "zip-nomme-odt", "executable"],
)
def test_bad_upload_is_refused_at_the_field_and_nothing_saved(staff_client, name, content, message):
    committee = CommitteeFactory()
    stored = _stored_files()  # the storage lives as long as the test process
    response = staff_client.post(
        committee.get_absolute_url(),
        {"action": "document", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    form = response.context["document_form"]
    assert list(form.errors) == ["file"]
    assert message in form.errors["file"][0]
    # Shown at the field: the input points to its error, which says what to fix in French.
    html = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="id_file-desc-error"' in html
    error = html[html.index('<div id="id_file-desc-error">') :]
    error = error[: error.index("</div>")]
    assert message in error.replace("&#x27;", "'")
    assert not committee.documents.exists()
    assert _stored_files() == stored


def test_good_upload_is_saved(staff_client):
    committee = CommitteeFactory()
    stored = _stored_files()
    response = staff_client.post(
        committee.get_absolute_url(),
        {
            "action": "document",
            "file": SimpleUploadedFile("ordre-du-jour.pdf", b"%PDF-1.7 ok\n%%EOF\n"),
        },
    )
    assert response["Location"] == committee.get_absolute_url() + "#documents"
    document = committee.documents.get()
    assert (document.name, document.content_type) == ("ordre-du-jour.pdf", "application/pdf")
    assert set(_stored_files()) - set(stored) == {document.file.name}


def test_attest_service_fait(staff_client, users):
    period = ServiceFaitFactory(period_end=date(2020, 1, 31), period_start=date(2020, 1, 1))
    page = staff_client.get("/portefeuille/attestations/").content.decode()
    assert period.member.full_name in page
    staff_client.post(reverse("portfolio:attest", args=[period.pk]))
    period.refresh_from_db()
    assert period.attested_by == users[Role.INCUBATOR]


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    "url", ["/projets/", "/portefeuille/", "/comites/", "/portefeuille/attestations/",
            "/projets/?phase=construction&sort=reste&desc=on", "/portefeuille/?sort=equipe",
            "/portefeuille/?sort=debut&desc=on", "/comites/?sort=montant&desc=on",
            "/portefeuille/attestations/?sort=projet"],
)  # fmt: skip
def test_list_pages_run_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries, count, url
):
    make_projects(count)
    with django_assert_max_num_queries(12):
        response = staff_client.get(url)
    assert response.status_code == 200


def test_project_page_query_count_does_not_grow(staff_client, django_assert_max_num_queries):
    make_projects(1)
    project = Project.objects.get()
    for _ in range(10):
        TeamMemberFactory(project=project)
        CommitteeFactory(projects=[project])
    # 23 for the page (with its latest expenses, the investigation it came from and the count
    # of its job offers), 7 for the correction tables its editors see (one per record kind).
    with django_assert_max_num_queries(30):
        assert staff_client.get(project.get_absolute_url()).status_code == 200


def test_dashboard_lists(staff_client):
    make_projects(2)
    response = staff_client.get("/portefeuille/")
    board = response.context["board"]
    assert {name: count for name, _, count in board.phase_counts}["construction"] == 2
    html = response.content.decode()
    assert "Projets par phase" in html
    assert "Sans comité depuis plus de 6 mois" in html


def test_attesting_a_service_fait_says_which_one_was_attested(staff_client, users):
    period = ServiceFaitFactory(period_end=date(2020, 1, 31), period_start=date(2020, 1, 1))
    response = staff_client.post(reverse("portfolio:attest", args=[period.pk]), follow=True)
    page = response.content.decode()
    assert "Service fait attesté" in page
    assert f"{period.member.full_name} : 01/01/2020 – 31/01/2020" in page
    again = staff_client.post(reverse("portfolio:attest", args=[period.pk]), follow=True)
    assert "déjà attesté" in again.content.decode()
