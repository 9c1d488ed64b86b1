"""A file sent once with a form that comes back before it is saved (a confirmation step such
as « déjà vu ailleurs »). A browser never sends a chosen file a second time, so the file, once
checked, is kept in the default storage (the uploads' one, shared by every web process) under a
random name that only the session which sent it knows, then taken back when the form is
confirmed. It is never trusted: whoever takes it back checks its content again. It is removed
once used, when the same session keeps another one, and after `MAX_AGE` when left behind.
"""

import secrets
from datetime import timedelta

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

DIRECTORY = "en-attente"
MAX_AGE = timedelta(hours=12)  # a session lasts 12 hours at most (SESSION_COOKIE_AGE)
SESSION_KEY = "pending_uploads"
PER_SESSION = 3  # a few forms open side by side; older ones are removed


def _records(session) -> dict:
    return session.get(SESSION_KEY, {})


def keep(session, upload) -> str:
    """Keep `upload` (already checked) for this session; return the token the form sends back."""
    purge_stale()
    token = secrets.token_hex(16)
    path = default_storage.save(f"{DIRECTORY}/{token}", upload)
    records = _records(session)
    for old in list(records)[: max(0, len(records) - PER_SESSION + 1)]:
        default_storage.delete(records.pop(old)["path"])
    records[token] = {"path": path, "name": upload.name}
    session[SESSION_KEY] = records
    return token


def name(session, token: str) -> str:
    """The file's name as the person chose it, "" when this session kept no such file."""
    record = _records(session).get(token or "")
    return record["name"] if record and default_storage.exists(record["path"]) else ""


def take(session, token: str) -> File | None:
    """The kept file, opened (the caller checks it again, then `drop`s it), or None."""
    if not name(session, token):
        return None
    record = _records(session)[token]
    return File(default_storage.open(record["path"]), name=record["name"])


def drop(session, token: str) -> None:
    records = _records(session)
    record = records.pop(token or "", None)
    if record:
        default_storage.delete(record["path"])
        session[SESSION_KEY] = records


def purge_stale(now=None) -> int:
    """Remove the kept files older than `MAX_AGE` (forms abandoned); return how many."""
    limit = (now or timezone.now()) - MAX_AGE
    try:
        _, files = default_storage.listdir(DIRECTORY)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    removed = 0
    for filename in files:
        path = f"{DIRECTORY}/{filename}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
            removed += 1
    return removed
