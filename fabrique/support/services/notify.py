"""Emails to registrants (Django's email backend), and the one adapter to the portfolio."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone

from fabrique.core.emails import email_text
from fabrique.portfolio import services as portfolio_services
from fabrique.portfolio.models import Expense

from .. import access


def _when(session) -> str:
    start = timezone.localtime(session.start)
    return f"le {start:%d/%m/%Y à %H:%M}"


def _where(session, user) -> str:
    """The place, and the visio link for those given it (support.access.can_see_video_link):
    not to someone on the waiting list, who would join a full session."""
    if session.video_url and not access.can_see_video_link(user, session):
        video = "le lien de visio est donné aux inscrit·es"
        return f"{session.place} ({video})" if session.place else f"en visio ({video})"
    if session.place and session.video_url:
        return f"{session.place} (visio : {session.video_url})"
    return session.place or session.video_url or "lieu à préciser"


def registrants_email(sessions_and_users, *, subject: str, intro: str, link: bool = True) -> int:
    """One email per (session, user[, path of a personal page]); returns how many were sent.

    The subject names the session; the body links to the personal page given, else to the
    session's page (to see it, cancel, add it to an agenda), unless `link` is False (a session
    deleted has no page left)."""
    messages = []
    for session, user, *path in sessions_and_users:
        url = ""
        if path or link:  # a session deleted has no pk left to name its page
            target = path[0] if path else reverse("support:session", args=[session.pk])
            url = f"\n\n{settings.SITE_URL}{target}"
        where = _where(session, user)
        body = email_text(
            f"{intro}\n\n« {session.format.title} » {_when(session)}, {where}.{url}",
            name=user.display_name,
        )
        messages.append((f"{subject} : {session.format.title}", body, None, [user.email]))
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def record_expense(*, project, day, amount, label, origin: str) -> Expense:
    """The portfolio's budget line for a module: the only call into portfolio services. The
    expense names its origin: the budget does not correct it, the module does."""
    return portfolio_services.expense_save(
        project=project, date=day, amount=amount, label=label, origin=origin
    )
