"""Personal data (issue 17, part 2, item 9): each person downloads their data and asks for its
erasure; the team erases a person everywhere while keeping the aggregates."""

import html
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import (
    DeletionRequest,
    DeletionRequestStatus,
    Membership,
    Role,
    SecurityEvent,
    SecurityEventKind,
    User,
)
from fabrique.accounts.services import deletion_request_create, person_erase
from fabrique.catalogue.models import SolutionSuggestion
from fabrique.core.personal_data import ERASED_NAME, text_fields
from fabrique.diagnostics import services as diagnostics
from fabrique.diagnostics.models import Interview, Person, TimeEntry
from fabrique.diagnostics.vocabulary import ActivityKind, InterviewMode, PersonRole
from fabrique.investigations.models import DayEntry
from fabrique.investigations.vocabulary import StaffRole
from fabrique.portfolio.models import TeamMember
from fabrique.portfolio.vocabulary import TeamRole
from fabrique.recruitment.models import Application
from fabrique.support.models import Registration
from tests.factories import TEST_PASSWORD, CommuneFactory, UserFactory
from tests.investigations.factories import InvestigationFactory, ProblemFactory
from tests.portfolio.factories import ProjectFactory
from tests.recruitment.factories import ApplicationFactory
from tests.support.factories import RegistrationFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def give_records(user, commune, *, tag: str) -> dict:
    """Records of one person in every app that keeps personal data."""
    name = user.get_full_name()
    Membership.objects.create(user=user, commune=commune, position="Secrétaire de mairie")
    project = ProjectFactory(name=f"Projet {tag}", manager=user)
    TeamMember.objects.create(
        project=project, user=user, full_name=name, role=TeamRole.DEVELOPER, start=date(2026, 1, 5)
    )
    mission = diagnostics.mission_request(
        collectivite=commune,
        hopes=f"Mission {tag}",
        contact_name=name,
        contact_email=user.email,
        requested_by=user,
    )
    TimeEntry.objects.create(
        mission=mission, person=user, day=date(2026, 2, 2), half_days=3, kind=ActivityKind.WORKSHOP
    )
    met = Person.objects.create(mission=mission, name=name, role=PersonRole.AGENT)
    interview = Interview.objects.create(
        mission=mission,
        day=date(2026, 2, 3),
        mode=InterviewMode.ON_SITE,
        notes=f"Entretien avec {name} sur l'accueil.",
    )
    interview.people.add(met)
    problem = ProblemFactory(title=f"Problème {tag}", submitted_by=user)
    investigation = InvestigationFactory()
    DayEntry.objects.create(
        investigation=investigation,
        person=user,
        full_name=name,
        role=StaffRole.COACH,
        day=date(2026, 3, 2),
        days=Decimal("1"),
    )
    registration = RegistrationFactory(user=user, score=4, comment=f"Merci — {name}")
    SupportRequestFactory(requester=user, message=f"Besoin d'aide, signé {name}")
    application = ApplicationFactory(
        name=name, email=user.email, message=f"Bonjour, je suis {name}, tél. 06 12 34 56 78"
    )
    application.cv.save("cv.pdf", ContentFile(PDF), save=True)
    application.save()  # a second history row, with the CV
    SolutionSuggestion.objects.create(
        name=f"Outil {tag}", description="Très utile", comment=f"Recommandé par {name}",
        submitted_by=user,
    )  # fmt: skip
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=name,
        action_flag=CHANGE,
        change_message="[]",
    )
    return {
        "project": project,
        "mission": mission,
        "problem": problem,
        "registration": registration,
        "application": application,
        "met": met,
    }


@pytest.fixture
def commune(db):
    return CommuneFactory(name="Petiteville")


@pytest.fixture
def zebulon(commune, client):
    user = UserFactory(
        email="zebulon.quasimodo@exemple.gouv.fr",
        first_name="Zébulon",
        last_name="Quasimodo",
        role=Role.AGENT,
    )
    # A failed then a successful login: the security log and django-axes keep the address.
    client.post(
        reverse("accounts:login"), {"username": user.email, "password": "faux-mot-de-passe"}
    )
    client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
    client.logout()
    records = give_records(user, commune, tag="Zébulon")
    deletion_request_create(user=user, message="Effacez tout, merci. Zébulon Quasimodo")
    return user, records


@pytest.fixture
def honorine(commune):
    user = UserFactory(
        email="honorine.vertbois@exemple.gouv.fr",
        first_name="Honorine",
        last_name="Vertbois",
        role=Role.AGENT,
    )
    return user, give_records(user, CommuneFactory(name="Grandbourg"), tag="Honorine")


def mentions(*needles: str) -> list[str]:
    """Every (model, column) whose text holds one of the needles — history tables, Django's
    and third-party models included."""
    found = []
    lowered = [needle.lower() for needle in needles]
    for model in apps.get_models():
        fields = text_fields(model)
        if not fields or not model._meta.managed:
            continue
        for row in model._base_manager.values_list(*(field.attname for field in fields)):
            for field, value in zip(fields, row, strict=True):
                if value is None:
                    continue
                text = (
                    json.dumps(value, ensure_ascii=False)
                    if isinstance(field, models.JSONField)
                    else str(value)
                ).lower()
                if any(needle in text for needle in lowered):
                    found.append(f"{model._meta.label}.{field.attname}")
    return sorted(set(found))


def text_of(response) -> str:
    return html.unescape(response.content.decode())


# --- Export ---------------------------------------------------------------------------------


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("accounts:personal-data-export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    return json.loads(response.content)


def test_export_holds_the_persons_records_and_none_of_another(client, zebulon, honorine):
    user, records = zebulon
    data = download(client, user)
    text = json.dumps(data, ensure_ascii=False)
    assert data["compte"]["adresse_electronique"] == user.email
    assert data["compte"]["role"] == "Agent de collectivité"
    assert "password" not in text and "md5$" not in text
    assert data["rattachements"]["enregistrements"][0]["collectivite"].startswith("Petiteville")
    projects = data["projets"]["enregistrements"]
    assert {row["type"] for row in projects} == {"membre de l'équipe", "chargé·e de portefeuille"}
    assert {row["projet"] for row in projects} == {"Projet Zébulon"}
    sur_mesure = data["accompagnement_sur_mesure"]["enregistrements"]
    assert {row["type"] for row in sur_mesure} == {
        "mission",
        "temps passé",
        "personne rencontrée",
    }
    met = next(row for row in sur_mesure if row["type"] == "personne rencontrée")
    assert met["nom"] == "Zébulon Quasimodo" and len(met["entretiens"]) == 1
    support = data["offre_accompagnement"]["enregistrements"]
    assert [row["satisfaction"] for row in support if row["type"] == "inscription"] == [4]
    investigations = data["investigations"]["enregistrements"]
    assert [row["intitule"] for row in investigations if row["type"] == "problème déposé"] == [
        "Problème Zébulon"
    ]
    assert [row["jours"] for row in investigations if row["type"] == "jours passés"] == ["1.0"]
    applications = data["candidatures"]["enregistrements"]
    assert [row["message"] for row in applications] == [records["application"].message]
    assert applications[0]["cv_joint"] is True
    suggestions = data["suggestions_catalogue"]["enregistrements"]
    assert [row["solution"] for row in suggestions] == ["Outil Zébulon"]
    kinds = {row["evenement"] for row in data["journal_securite"]["enregistrements"]}
    assert {"Connexion", "Échec de connexion", "Demande d'effacement"} <= kinds
    assert data["demandes_effacement"]["enregistrements"][0]["statut"] == "En attente"
    # Nothing of another person.
    for other in ("honorine", "vertbois", "grandbourg"):
        assert other not in text.lower()


def test_export_is_logged(client, zebulon):
    user, _ = zebulon
    download(client, user)
    event = SecurityEvent.objects.filter(kind=SecurityEventKind.PERSONAL_EXPORT).get()
    assert event.user == user and event.actor == user and event.detail == "mes données"


def test_anonymous_and_other_people_never_get_someone_elses_export(client, zebulon, honorine):
    response = client.get(reverse("accounts:personal-data-export"))
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    response = client.get(reverse("accounts:personal-data"))
    assert response.status_code == 302
    # No address takes an identifier: each account only ever downloads its own data, whatever
    # it adds to the URL.
    other, _ = honorine
    client.force_login(other)
    response = client.get(
        reverse("accounts:personal-data-export"), {"user": zebulon[0].pk, "email": "zebulon"}
    )
    text = response.content.decode().lower()
    assert "honorine" in text and "zebulon" not in text and "zébulon" not in text
    assert client.post(reverse("accounts:personal-data-export")).status_code == 405


# --- Requests -------------------------------------------------------------------------------


def test_page_and_request_with_a_success_message_then_a_polite_refusal(client):
    user = UserFactory(role=Role.COACH)
    client.force_login(user)
    page = client.get(reverse("accounts:personal-data"))
    assert page.status_code == 200
    body = text_of(page)
    assert "Télécharger mes données (JSON)" in body and "Demander l'effacement" in body
    dashboard = text_of(client.get(reverse("accounts:dashboard")))
    assert reverse("accounts:personal-data") in dashboard
    # Without the confirmation box: a French error, nothing saved.
    response = client.post(reverse("accounts:personal-data"), {"message": "Tout"})
    assert response.status_code == 400
    assert "Cochez la case pour confirmer votre demande." in text_of(response)
    assert not DeletionRequest.objects.exists()
    response = client.post(
        reverse("accounts:personal-data"), {"message": "Tout", "confirm": "on"}, follow=True
    )
    assert "Votre demande d'effacement est enregistrée" in text_of(response)
    deletion = DeletionRequest.objects.get()
    assert deletion.user == user and deletion.email == user.email and deletion.message == "Tout"
    assert deletion.history.count() == 1
    assert "Demande en attente" in text_of(response)
    again = client.post(
        reverse("accounts:personal-data"), {"message": "Encore", "confirm": "on"}, follow=True
    )
    assert "déjà une demande d'effacement en attente" in text_of(again)
    assert DeletionRequest.objects.count() == 1
    cancelled = client.post(reverse("accounts:personal-data-cancel"), follow=True)
    assert "Votre demande d'effacement est annulée." in text_of(cancelled)
    assert DeletionRequest.objects.get().status == DeletionRequestStatus.CANCELLED
    assert client.get(reverse("accounts:personal-data-cancel")).status_code == 405
    again = client.post(reverse("accounts:personal-data-cancel"), follow=True)
    assert "aucune demande d'effacement en attente" in text_of(again)


def test_team_list_of_requests(client, django_assert_max_num_queries):
    for index in range(6):
        deletion_request_create(user=UserFactory(), message=f"demande {index}")
    client.force_login(UserFactory(role=Role.ADMIN))
    espace = text_of(client.get(reverse("accounts:dashboard")))
    assert "Demandes d'effacement en attente" in espace
    assert reverse("accounts:deletion-requests") in espace
    client.force_login(UserFactory(role=Role.AGENT))
    assert client.get(reverse("accounts:deletion-requests")).status_code == 403
    client.force_login(UserFactory(role=Role.INCUBATOR))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:deletion-requests"))
    assert response.status_code == 200
    assert text_of(response).count("En attente") == 6


# --- Erasure ----------------------------------------------------------------------------------


def test_erase_leaves_no_name_or_address_anywhere_and_keeps_the_aggregates(zebulon, honorine):
    user, records = zebulon
    admin = UserFactory(role=Role.ADMIN)
    application = records["application"]
    cv = application.cv.name
    storage = application.cv.storage
    assert storage.exists(cv)
    needles = ("zebulon.quasimodo@exemple.gouv.fr", "Zébulon Quasimodo")
    assert len(mentions(*needles)) > 10  # the fixture does reach many tables
    with pytest.MonkeyPatch.context() as patch:
        # Run the on-commit deletion of the CV (the test transaction never commits).
        patch.setattr("django.db.transaction.on_commit", lambda callback, **kw: callback())
        report = person_erase(user=user, by=admin)
    assert mentions(*needles) == []
    # The last message goes to the old address, which no table keeps.
    assert [message.to for message in mail.outbox] == [["zebulon.quasimodo@exemple.gouv.fr"]]
    assert mail.outbox[0].subject == "Vos données ont été effacées"
    user.refresh_from_db()
    assert user.get_full_name() == ERASED_NAME and not user.is_active
    assert not user.has_usable_password() and user.email.endswith("@efface.invalid")
    # The CV file is gone; the application still counts, at its stage.
    assert not storage.exists(cv)
    application.refresh_from_db()
    assert (application.name, application.cv.name, application.message) == (ERASED_NAME, "", "")
    assert application.offer_id and application.stage == "recue"
    # Aggregates kept: registration and score, days, time entries, interviews.
    registration = Registration.objects.get(pk=records["registration"].pk)
    assert registration.score == 4 and registration.comment == ""
    assert DayEntry.objects.get(person=user).days == Decimal("1")
    assert TimeEntry.objects.get(person=user).half_days == 3
    assert Person.objects.get(pk=records["met"].pk).name == ""
    assert Interview.objects.get(mission=records["mission"]).people.count() == 1
    assert TeamMember.objects.get(user=user).full_name == ERASED_NAME
    deletion = DeletionRequest.objects.get(user=user)
    assert deletion.status == DeletionRequestStatus.DONE and deletion.done_by == admin
    event = SecurityEvent.objects.get(kind=SecurityEventKind.ERASED)
    assert event.actor == admin and "candidatures : 1" in event.detail
    assert report.apps["candidatures"] == 1
    # Another person is left untouched.
    other, other_records = honorine
    other.refresh_from_db()
    assert other.get_full_name() == "Honorine Vertbois" and other.is_active
    other_application = Application.objects.get(pk=other_records["application"].pk)
    assert other_application.name == "Honorine Vertbois" and other_application.cv
    assert len(mentions("Honorine Vertbois")) > 10


def test_erase_is_all_or_nothing(zebulon, monkeypatch):
    user, _ = zebulon

    def broken(person):
        raise RuntimeError("panne au milieu de l'effacement")

    monkeypatch.setattr("fabrique.core.personal_data.sweep", broken)
    with pytest.raises(RuntimeError):
        person_erase(user=user)
    user.refresh_from_db()
    assert user.get_full_name() == "Zébulon Quasimodo" and user.is_active
    assert Application.objects.get(email=user.email).name == "Zébulon Quasimodo"
    assert TeamMember.objects.get(user=user).full_name == "Zébulon Quasimodo"


def test_command_asks_then_erases(zebulon, monkeypatch, capsys):
    user, _ = zebulon
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    call_command("erase_person", user.email)
    assert "Rien n'a été effacé." in capsys.readouterr().out
    user.refresh_from_db()
    assert user.is_active and user.first_name == "Zébulon"
    call_command("erase_person", user.email.upper(), "--yes")
    assert "Personne effacée" in capsys.readouterr().out
    user.refresh_from_db()
    assert not user.is_active and user.first_name == "Personne"


def test_admin_action_confirms_then_erases(client, zebulon):
    user, _ = zebulon
    admin = UserFactory(role=Role.ADMIN, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:accounts_deletionrequest_changelist")
    deletion = DeletionRequest.objects.get(user=user)
    data = {"action": "erase", "_selected_action": [deletion.pk]}
    confirm = client.post(url, data)
    assert confirm.status_code == 200
    assert "Oui, effacer" in text_of(confirm) and "candidatures : 1" in (text_of(confirm))
    user.refresh_from_db()
    assert user.is_active  # the preview changed nothing, and deleted no file
    application = Application.objects.get(email=user.email)
    assert application.cv and application.cv.storage.exists(application.cv.name)
    done = client.post(url, {**data, "post": "oui"}, follow=True)
    assert "1 personne effacée" in text_of(done)
    user.refresh_from_db()
    assert not user.is_active and user.get_full_name() == ERASED_NAME
    deletion.refresh_from_db()
    assert deletion.status == DeletionRequestStatus.DONE


# --- Retention --------------------------------------------------------------------------------


def test_idle_accounts_are_erased_after_three_years(capsys):
    now = timezone.now()
    idle = UserFactory(last_login=now - timedelta(days=3 * 365 + 1))
    never = UserFactory()
    User.objects.filter(pk=never.pk).update(date_joined=now - timedelta(days=4 * 365))
    recent = UserFactory(last_login=now - timedelta(days=30))
    admin = UserFactory(role=Role.ADMIN, last_login=now - timedelta(days=5 * 365))
    call_command("erase_idle_accounts", "--dry-run")
    out = capsys.readouterr().out
    assert idle.email in out and never.email in out and "2 comptes" in out
    assert User.objects.get(pk=idle.pk).is_active
    call_command("erase_idle_accounts")
    erased = set(User.objects.filter(is_active=False).values_list("pk", flat=True))
    assert erased == {idle.pk, never.pk}
    assert User.objects.get(pk=recent.pk).is_active and User.objects.get(pk=admin.pk).is_active
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.ERASED).count() == 2


def test_security_log_purge_also_purges_axes_logs():
    old = timezone.now() - timedelta(days=400)
    AccessLog.objects.create(username="vieux@exemple.fr", ip_address="10.0.0.1", user_agent="x")
    AccessLog.objects.create(username="recent@exemple.fr", ip_address="10.0.0.2", user_agent="x")
    AccessLog.objects.filter(username="vieux@exemple.fr").update(attempt_time=old)
    call_command("purge_security_events")
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["recent@exemple.fr"]
