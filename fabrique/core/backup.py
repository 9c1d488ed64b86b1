"""Backups of the database and the uploaded files, and their restoration.

A backup is a folder: `database.sqlite3` (SQLite online backup API) or `database.dump`
(`pg_dump -Fc`), `media.tar` (MEDIA_ROOT) and `manifest.json` (date, engine, rows per table).
"""

import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

PG_DIRS = ("/usr/lib/postgresql/15/bin",)


class BackupError(Exception):
    pass


def row_counts() -> dict[str, int]:
    tables = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(Path(d) / name) for d in PG_DIRS if (Path(d) / name).exists()), None
    )
    if not found:
        raise BackupError(f"Outil {name} introuvable : installez le client PostgreSQL.")
    return found


def _pg_args() -> list[str]:
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"], "--no-owner"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    return args


def _pg_env() -> dict:
    env = {"PATH": "/usr/bin:/bin"}
    password = settings.DATABASES["default"].get("PASSWORD")
    if password:
        env["PGPASSWORD"] = password
    return env


def _has_accounts() -> bool:
    """A database is "empty" when no account exists (a fresh `migrate` fills only reference
    tables such as content types and permissions)."""
    model = get_user_model()
    if model._meta.db_table not in connection.introspection.table_names():
        return False
    return model.objects.exists()


def backup(output: Path) -> dict:
    output.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    if _is_sqlite():
        with sqlite3.connect(output / "database.sqlite3") as target:
            connection.connection.backup(target)
        target.close()
    else:
        command = [_pg_tool("pg_dump"), "-Fc", "--file", str(output / "database.dump")]
        subprocess.run(command + _pg_args(), check=True, env=_pg_env())  # noqa: S603
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(output / "media.tar", "w") as archive:
        if media.is_dir():
            archive.add(media, arcname=".")
    manifest = {
        "date": timezone.now().isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "rows": row_counts(),
    }
    (output / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def restore(source: Path, *, force: bool = False) -> dict:
    manifest_path = source / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{source} n'est pas une sauvegarde : manifest.json manque.")
    manifest = json.loads(manifest_path.read_text())
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"Sauvegarde faite sous {manifest['engine']}, base actuelle {connection.vendor} : "
            "restaurez dans une base du même moteur."
        )
    if not force and _has_accounts():
        raise BackupError(
            "La base n'est pas vide (des comptes existent) : ajoutez --force pour l'écraser."
        )
    connection.ensure_connection()
    if _is_sqlite():
        with sqlite3.connect(source / "database.sqlite3") as origin:
            origin.backup(connection.connection)
        origin.close()
    else:
        command = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction"]
        subprocess.run(  # noqa: S603
            [*command, *_pg_args(), str(source / "database.dump")], check=True, env=_pg_env()
        )
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar") as archive:
        archive.extractall(media, filter="data")
    return manifest
