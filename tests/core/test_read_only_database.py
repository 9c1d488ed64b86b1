"""Issue 17, defect 11: a read-only database (or its folder) gave a raw English
OperationalError to importers and pages. Now a French message, nothing half written."""

import errno
import json

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import RequestFactory

from fabrique.accounts.models import Role
from fabrique.core.middleware import DatabaseUnavailableMiddleware
from fabrique.core.text import database_problem
from tests.factories import UserFactory
from tests.portfolio.factories import CommitteeFactory


def test_pages_answer_a_french_503_when_the_database_cannot_be_written():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().post("/comites/nouveau/")
    error = OperationalError("attempt to write a readonly database")
    response = middleware.process_exception(request, error)
    assert response.status_code == 503
    html = response.content.decode()
    assert "lecture seule" in html and "Rien n'a été enregistré" in html
    assert "OperationalError" not in html and "readonly" not in html


def test_other_errors_are_left_to_the_500_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None


def test_each_cause_is_said_in_french():
    assert "plein" in database_problem(OperationalError("database or disk is full"))
    assert "occupée" in database_problem(OperationalError("database is locked"))
    assert "ne répond pas" in database_problem(OperationalError("connection refused"))
    # A read-only folder: SQLite cannot open the write-ahead log; not « ne répond pas ».
    unopened = database_problem(OperationalError("unable to open database file"))
    assert "ne peut pas être ouvert" in unopened and "accessibles en écriture" in unopened


@pytest.fixture
def read_only_database(transactional_db):
    """The connection can read but not write (SQLite `query_only`, PostgreSQL read-only
    transactions): what a read-only database file or folder gives."""
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        cursor.execute(
            "PRAGMA query_only = ON" if sqlite
            else "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
        )  # fmt: skip
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "PRAGMA query_only = OFF" if sqlite
            else "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"
        )  # fmt: skip


def test_an_import_on_a_read_only_database_says_so_in_french(read_only_database, tmp_path):
    offers = tmp_path / "offres"
    offers.mkdir()
    (offers / "offre.md").write_text("---\ntitle: Designer\nopen: true\n---\nCorps.\n")
    with pytest.raises(CommandError) as error:
        call_command("import_jobs", str(offers), verbosity=0)
    assert "lecture seule" in str(error.value) and "Rien n'a été modifié" in str(error.value)


class FullDiskStorage(InMemoryStorage):
    """A media folder that cannot take one more file (disk full)."""

    def save(self, name, content, max_length=None):
        raise OSError(errno.ENOSPC, "No space left on device")


class ReadOnlyStorage(InMemoryStorage):
    def save(self, name, content, max_length=None):
        raise OSError(errno.EROFS, "Read-only file system")


@pytest.mark.parametrize(
    ("backend", "words"),
    [(FullDiskStorage, "est plein"), (ReadOnlyStorage, "lecture seule")],
    ids=["disque-plein", "lecture-seule"],
)
@pytest.mark.django_db
def test_an_upload_to_a_full_or_read_only_media_folder_says_so_and_saves_nothing(
    client, settings, backend, words
):
    """Issue 17, part 2, item 6: a French 503, no half-written record."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.{backend.__name__}"},
    }
    committee = CommitteeFactory()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    upload = SimpleUploadedFile("compte-rendu.pdf", b"%PDF-1.7\n%%EOF\n")
    response = client.post(committee.get_absolute_url(), {"action": "document", "file": upload})
    assert response.status_code == 503
    html = response.content.decode()
    assert words in html and "OSError" not in html
    assert not committee.documents.exists()


def _outage(monkeypatch):
    """The database stops answering between two requests: the session read fails before any
    view runs (what a PostgreSQL restart gives)."""

    def load(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", load)


def test_a_database_outage_before_the_view_gives_the_french_503(db, client, monkeypatch):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    _outage(monkeypatch)
    client.raise_request_exception = False
    response = client.get("/mon-espace/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Service momentanément indisponible" in html and "ne répond pas" in html
    assert "Erreur inattendue" not in html


def test_a_database_outage_under_the_api_answers_json(db, client, monkeypatch):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    _outage(monkeypatch)
    client.raise_request_exception = False
    response = client.get("/api/v1/projects/")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("Service momentanément indisponible")


def test_other_errors_still_give_the_french_500(rf):
    from fabrique.home.views import server_error

    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(rf.get("/projets/"))
    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()
    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(rf.get("/api/v1/projects/"))
    assert json.loads(response.content)["detail"].startswith("Erreur inattendue")
