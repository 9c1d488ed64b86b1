"""Issue 17, defect 11: a read-only database (or its folder) gave a raw English
OperationalError to importers and pages. Now a French message, nothing half written."""

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import RequestFactory

from fabrique.core.middleware import DatabaseUnavailableMiddleware
from fabrique.core.text import database_problem


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
