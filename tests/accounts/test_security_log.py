"""The security log: what is recorded, who reads it, export, purge after a year."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token

from fabrique.accounts.models import Membership, Role, SecurityEvent, SecurityEventKind
from fabrique.accounts.services.people import attach_to_commune_and_epci

from ..factories import TEST_PASSWORD, CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "camille@exemple.gouv.fr"


def _kinds():
    return list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_login_failure_and_lockout_are_logged(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(email=EMAIL)
    SecurityEvent.objects.all().delete()
    client.post("/connexion/", {"username": EMAIL, "password": "faux"})
    client.post("/connexion/", {"username": EMAIL, "password": "faux"})
    kinds = _kinds()
    assert kinds.count(SecurityEventKind.LOGIN_FAILED) == 2
    assert SecurityEventKind.LOCKOUT in kinds
    event = SecurityEvent.objects.filter(kind=SecurityEventKind.LOCKOUT).get()
    assert event.email == EMAIL and event.ip_address == "127.0.0.1"


def test_login_is_logged(client):
    user = UserFactory(email=EMAIL)
    client.post("/connexion/", {"username": EMAIL, "password": TEST_PASSWORD})
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.LOGIN, user=user).exists()


def test_role_membership_and_token_changes_are_logged(territories):
    from fabrique.territories.models import Commune

    user = UserFactory(email=EMAIL, role=Role.AGENT)
    user.role = Role.COACH
    user.save()
    role = SecurityEvent.objects.filter(kind=SecurityEventKind.ROLE_CHANGED, user=user).first()
    assert role.detail == "agent → coach"
    membership = Membership.objects.create(user=user, commune=Commune.objects.first())
    membership.delete()
    token = Token.objects.create(user=user)
    token.delete()
    kinds = _kinds()
    for kind in [
        SecurityEventKind.MEMBERSHIP_ADDED,
        SecurityEventKind.MEMBERSHIP_REMOVED,
        SecurityEventKind.TOKEN_CREATED,
        SecurityEventKind.TOKEN_REVOKED,
    ]:
        assert kind in kinds


def test_only_admins_read_the_log_page(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert client.get("/mon-espace/securite/").status_code == 403
    admin = UserFactory(role=Role.ADMIN, email="admin@exemple.gouv.fr")
    client.force_login(admin)
    html = client.get("/mon-espace/securite/").content.decode()
    assert "Journal de sécurité" in html
    assert "admin@exemple.gouv.fr" in html


def test_log_page_runs_constant_queries(client, django_assert_max_num_queries):
    admin = UserFactory(role=Role.ADMIN)
    client.force_login(admin)
    with django_assert_max_num_queries(12) as small:
        client.get("/mon-espace/securite/")
    for index in range(20):
        UserFactory(email=f"personne{index}@exemple.fr")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/mon-espace/securite/")


def test_export_is_a_spreadsheet_and_is_itself_logged(client):
    client.force_login(UserFactory(role=Role.ADMIN, email="admin@exemple.gouv.fr"))
    response = client.get("/mon-espace/securite/", {"format": "csv"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "admin@exemple.gouv.fr" in response.content.decode("utf-8-sig")
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.PERSONAL_EXPORT).exists()


def test_purge_keeps_one_year():
    user = UserFactory()
    old = SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, user=user)
    SecurityEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=400))
    recent = SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, user=user)
    out = StringIO()
    call_command("purge_security_events", stdout=out)
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()
    assert SecurityEvent.objects.filter(pk=recent.pk).exists()
    assert "1 événement de sécurité supprimé." in out.getvalue()


def test_the_log_filters_by_kind_and_ignores_an_unknown_one(client):
    admin = UserFactory(role=Role.ADMIN, email="admin@exemple.gouv.fr")
    client.force_login(admin)
    SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, user=admin)
    SecurityEvent.objects.create(kind=SecurityEventKind.TOKEN_CREATED, user=admin)
    logins = client.get("/mon-espace/securite/", {"type": SecurityEventKind.LOGIN})
    assert {event.kind for event in logins.context["page"]} == {SecurityEventKind.LOGIN}
    assert logins.context["kind"] == SecurityEventKind.LOGIN
    unknown = client.get("/mon-espace/securite/", {"type": "inconnu"})
    assert unknown.status_code == 200
    assert unknown.context["kind"] == ""
    kinds = {event.kind for event in unknown.context["page"]}
    assert {SecurityEventKind.LOGIN, SecurityEventKind.TOKEN_CREATED} <= kinds


def test_the_export_gives_the_time_the_page_shows(client):
    client.force_login(UserFactory(role=Role.ADMIN))
    event = SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, email="a@exemple.gouv.fr")
    local = timezone.localtime(event.at)
    page = client.get("/mon-espace/securite/").content.decode()
    assert f"{local:%d/%m/%Y %H:%M}" in page
    export = client.get("/mon-espace/securite/", {"format": "csv"}).content.decode("utf-8-sig")
    assert f"{local:%Y-%m-%d %H:%M:%S};Connexion;a@exemple.gouv.fr" in export


def test_the_log_offers_only_the_formats_it_exports_and_never_fails(client):
    client.force_login(UserFactory(role=Role.ADMIN))
    page = client.get("/mon-espace/securite/").content.decode()
    assert "format=csv" in page and "format=pdf" not in page
    response = client.get("/mon-espace/securite/", {"format": "pdf"})
    assert response.status_code == 200 and "Journal de sécurité" in response.content.decode()


def test_attaching_the_demo_agent_names_the_epci_in_the_security_log():
    """Walk of the agent: « Rattachement ajouté » with an empty detail in « Mes données » for
    the EPCI, attached through an unsaved stub that had no name."""
    commune = CommuneFactory(name="Petiteville")
    user = UserFactory(role=Role.AGENT)
    attach_to_commune_and_epci(user=user, commune=commune)
    details = SecurityEvent.objects.filter(
        user=user, kind=SecurityEventKind.MEMBERSHIP_ADDED
    ).values_list("detail", flat=True)
    assert sorted(details) == sorted([str(commune), commune.epci.name])


def test_team_exports_naming_people_are_logged(client, settings, tmp_path):
    """Exports of personal data besides « my data » and the log itself: the list of services
    faits to attest (it names the freelancers) and a candidate's CV."""
    from django.core.files.base import ContentFile

    from tests.portfolio.factories import ServiceFaitFactory
    from tests.recruitment.factories import ApplicationFactory

    settings.MEDIA_ROOT = tmp_path
    client.force_login(UserFactory(role=Role.INCUBATOR, email=EMAIL))
    # An empty list names nobody: nothing to log.
    assert client.get("/portefeuille/attestations/", {"export": "csv"}).status_code == 200
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.PERSONAL_EXPORT).exists()
    ServiceFaitFactory.create_batch(2)
    assert client.get("/portefeuille/attestations/", {"export": "csv"}).status_code == 200
    application = ApplicationFactory(
        email="candidate@example.org", cv_content_type="application/pdf"
    )
    application.cv.save("cv.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    response = client.get(f"/recrutement/candidatures/{application.pk}/cv/")
    assert response.status_code == 200
    events = SecurityEvent.objects.filter(kind=SecurityEventKind.PERSONAL_EXPORT).order_by("pk")
    assert [(event.actor.email, event.email, event.detail) for event in events] == [
        (
            EMAIL,
            "",
            "services faits à attester (csv) : 2 périodes "
            "(GET /portefeuille/attestations/?export=csv)",
        ),
        (EMAIL, "candidate@example.org", f"CV de la candidature n° {application.pk}"),
    ]


def _personal_reads():
    return list(
        SecurityEvent.objects.filter(kind=SecurityEventKind.PERSONAL_EXPORT)
        .order_by("pk")
        .values_list("actor__email", "email", "detail")
    )


def test_api_reads_of_applications_are_logged_once_per_request(client):
    """Issue 17: the team's list and detail of applications through the API, by session or by
    token, are exports of personal data: one event per request, with the count, the insert
    being the only query added; an empty page, a refusal or a 404 log nothing."""
    from tests.recruitment.factories import ApplicationFactory, JobOfferFactory

    team = UserFactory(role=Role.INCUBATOR, email=EMAIL)
    offer, empty = JobOfferFactory(slug="dev"), JobOfferFactory(slug="vide")
    first = ApplicationFactory(offer=offer, email="a@example.org")
    ApplicationFactory.create_batch(2, offer=offer)
    token = Token.objects.create(user=team)
    SecurityEvent.objects.all().delete()
    client.force_login(team)
    with CaptureQueriesContext(connection) as fewer:
        client.get("/api/v1/jobs/dev/applications/", {"page": 1})
    ApplicationFactory.create_batch(3, offer=offer, created_at=timezone.now() - timedelta(days=9))
    SecurityEvent.objects.all().delete()

    with CaptureQueriesContext(connection) as queries:
        assert len(client.get("/api/v1/jobs/dev/applications/").json()["results"]) == 6
    assert len(queries) == len(fewer)  # one insert, whatever the number of rows
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1 and "accounts_securityevent" in inserts[0]
    assert client.get("/api/v1/jobs/vide/applications/").json()["results"] == []
    assert client.get("/api/v1/applications/999999/").status_code == 404
    client.logout()
    assert client.get("/api/v1/applications/").status_code in (401, 403)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert client.get(f"/api/v1/applications/{first.pk}/", **auth).status_code == 200
    assert client.get("/api/v1/applications/", {"page": 1}, **auth).status_code == 200
    assert empty.applications.count() == 0
    assert _personal_reads() == [
        (
            EMAIL,
            "",
            "API candidatures de l'offre dev : 6 candidatures (GET /api/v1/jobs/dev/applications/)",
        ),
        (
            EMAIL,
            "a@example.org",
            f"API candidature n° {first.pk} : 1 candidature (GET /api/v1/applications/{first.pk}/)",
        ),
        (EMAIL, "", "API candidatures : 6 candidatures (GET /api/v1/applications/?page=1)"),
    ]


def test_the_api_document_of_a_mission_is_a_logged_read_of_the_people_named(client):
    """The whole mission in JSON names its contact and the people met (interviews): each read
    is logged with how many people it names; the list of missions names nobody."""
    from datetime import date

    from fabrique.diagnostics import services
    from fabrique.diagnostics.services import discovery

    coach = UserFactory(role=Role.COACH, email=EMAIL)
    mission = services.mission_request(
        collectivite=CommuneFactory(name="Petiteville"),
        hopes="Un site",
        contact_name="Claude Maire",
        contact_email="mairie@petiteville.fr",
        today=date(2026, 9, 1),
    )
    mission = services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    discovery.person_save(mission=mission, role="elu", name="Dominique Adjointe")
    discovery.person_save(mission=mission, role="agent", service="Secrétariat")  # no name
    SecurityEvent.objects.all().delete()
    client.force_login(coach)
    assert client.get("/api/v1/diagnostics/").status_code == 200
    assert client.get(f"/api/v1/diagnostics/{mission.pk}/").status_code == 200
    assert _personal_reads() == [
        (
            EMAIL,
            "mairie@petiteville.fr",
            f"API mission sur-mesure n° {mission.pk} (Petiteville) : 2 personnes nommées "
            f"(GET /api/v1/diagnostics/{mission.pk}/)",
        )
    ]
