"""Emails to registrants (Django's email backend), and the one adapter to the portfolio."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone

from fabrique.portfolio import services as portfolio_services
from fabrique.portfolio.models import Expense


def _when(session) -> str:
    start = timezone.localtime(session.start)
    return f"le {start:%d/%m/%Y à %H:%M}"


def _where(session) -> str:
    return session.place or session.video_url or "lieu à préciser"


def registrants_email(sessions_and_users, *, subject: str, intro: str) -> int:
    """One email per (session, user[, path of a personal page]); returns how many were sent."""
    messages = []
    for session, user, *path in sessions_and_users:
        link = f"\n\n{settings.SITE_URL}{path[0]}" if path else ""
        body = (
            f"Bonjour,\n\n{intro}\n\n« {session.format.title} » {_when(session)}, "
            f"{_where(session)}.{link}\n\nL'équipe de la Fabrique"
        )
        messages.append((subject, body, None, [user.email]))
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def record_expense(*, project, day, amount, label) -> Expense:
    """The portfolio's budget line for a module: the only call into portfolio services."""
    return portfolio_services.expense_save(project=project, date=day, amount=amount, label=label)
