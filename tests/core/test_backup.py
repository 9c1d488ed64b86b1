"""manage.py backup / restore: the database (SQLite online backup, or pg_dump on PostgreSQL)
and the uploaded files, with a manifest; restore refuses a non-empty database without --force
and finds the same rows in an empty one."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from fabrique.accounts.models import User
from fabrique.core.backup import row_counts
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_into_empty_database(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "note.pdf").write_bytes(b"%PDF-1.4 contenu")
    UserFactory(email="ada@exemple.gouv.fr")
    ProjectFactory.create_batch(3)
    before = row_counts()
    output = tmp_path / "sauvegarde"
    call_command("backup", "--output", str(output))
    manifest = json.loads((output / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["rows"] == before

    with pytest.raises(CommandError, match="n'est pas vide"):
        call_command("restore", str(output))

    call_command("flush", "--no-input")
    (settings.MEDIA_ROOT / "documents" / "note.pdf").unlink()
    assert not User.objects.exists()
    call_command("restore", str(output))
    assert row_counts() == before
    assert User.objects.filter(email="ada@exemple.gouv.fr").exists()
    assert (settings.MEDIA_ROOT / "documents" / "note.pdf").read_bytes() == b"%PDF-1.4 contenu"


def test_restore_refuses_a_folder_without_manifest(tmp_path):
    with pytest.raises(CommandError, match=r"manifest\.json manque"):
        call_command("restore", str(tmp_path))
