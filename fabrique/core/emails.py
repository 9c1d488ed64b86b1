"""The one way an e-mail of the platform greets and signs: « Bonjour <name>, » (« Bonjour, »
when the name is unknown or erased), the body, then the incubator team's signature."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

SIGNATURE = "L'équipe de l'incubateur"


def email_text(body: str, *, name: str = "") -> str:
    """The text of an e-mail: greeting with the person's name, body, signature."""
    name = (name or "").strip()
    greeting = f"Bonjour {name}," if name else "Bonjour,"
    return f"{greeting}\n\n{body.strip()}\n\n{SIGNATURE}"


@contextmanager
def emails_kept_out() -> Iterator[None]:
    """Nothing sent while inside (Django's dummy backend): for commands that replay what users
    do, such as loading the demo, whose services would otherwise write to real people or print
    on the console. E-mails queued on commit are sent at once in autocommit, hence inside."""
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = backend
