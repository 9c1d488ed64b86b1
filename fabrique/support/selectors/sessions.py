"""Reads of the sessions of the offer: the formats and their sessions, a session page, a
person's registrations and calendar, the past sessions a trainer follows up."""

from datetime import timedelta

from django.db.models import (
    Avg,
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from .. import access
from ..models import Registration, Session, SupportFormat
from ..vocabulary import RegistrationStatus

PAGE_SIZE = 50


def offer(user) -> list[SupportFormat]:
    """The formats a user may see, each with its number of upcoming sessions (two queries)."""
    upcoming = access.visible_sessions(user).filter(start__gte=timezone.now())
    counts = dict(
        upcoming.order_by()
        .values_list("format_id")
        .annotate(n=Count("pk"))
        .values_list("format_id", "n")
    )
    formats = list(access.visible_formats(user))
    for item in formats:
        item.upcoming_count = counts.get(item.pk, 0)
    return formats


def upcoming_sessions(user, *, limit: int = PAGE_SIZE) -> list[Session]:
    """The next sessions a user may see, soonest first (one query)."""
    return list(
        access.visible_sessions(user)
        .filter(start__gte=timezone.now())
        .select_related("format", "trainer")
        .order_by("start", "pk")[:limit]
    )


def upcoming_then_past(now, field: str = "start") -> list:
    """The order of a list of sessions (`field`: their start): upcoming ones soonest first, then
    past ones latest first."""
    upcoming = Q(**{f"{field}__gte": now})
    return [
        Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField()),
        Case(When(upcoming, then=F(field)), output_field=DateTimeField()).asc(nulls_last=True),
        F(field).desc(),
        "pk",
    ]


def format_sessions(support_format: SupportFormat, user, *, now=None) -> list[Session]:
    """The sessions of a format a user may see: upcoming ones soonest first, then past ones."""
    now = now or timezone.now()
    visible = support_format.sessions.filter(pk__in=access.visible_sessions(user).values("pk"))
    return list(visible.order_by(*upcoming_then_past(now))[:PAGE_SIZE])


def session_detail(session: Session, user) -> dict:
    registrations = list(
        session.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related(
            "user", "project"
        )
    )
    mine = next((r for r in registrations if user.is_authenticated and r.user_id == user.pk), None)
    scores = [r.score for r in registrations if r.score]
    return {
        "registrations": registrations,
        "confirmed": [r for r in registrations if r.status == RegistrationStatus.REGISTERED],
        "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
        "mine": mine,
        "is_past": session.start <= timezone.now(),
        "satisfaction": round(sum(scores) / len(scores), 1) if scores else None,
        "answers": len(scores),
        "comments": [r.comment for r in registrations if r.comment],
        "pages": list(session.knowledgepage_set.filter(is_public=True)),
    }


def my_registrations(user, *, now=None) -> list[Registration]:
    """A person's registrations: upcoming sessions soonest first, then past ones."""
    now = now or timezone.now()
    return list(
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session__format")
        .order_by(*upcoming_then_past(now, "session__start"))[:PAGE_SIZE]
    )


PAST_SESSIONS_DAYS = 90


def past_sessions(sessions: QuerySet, *, now) -> list[Session]:
    """Sessions held in the last 90 days, latest first, each with its registered, marked
    (attendance taken), present, answers and average score: where a trainer takes attendance
    and reads satisfaction (one query)."""
    kept = Q(registrations__status=RegistrationStatus.REGISTERED)
    return list(
        sessions.filter(start__lt=now, start__gte=now - timedelta(days=PAST_SESSIONS_DAYS))
        .select_related("format")
        .annotate(
            n_registered=Count("registrations", filter=kept),
            n_marked=Count("registrations", filter=kept & Q(registrations__attended__isnull=False)),
            n_present=Count("registrations", filter=kept & Q(registrations__attended=True)),
            n_answers=Count("registrations", filter=Q(registrations__score__isnull=False)),
            mean_score=Avg("registrations__score"),
        )
        .order_by("-start")[:PAGE_SIZE]
    )


def person_sessions(user) -> list[Session]:
    """Sessions in a person's calendar feed: registered (or waiting) and trained.

    Two indexed reads (ids, then rows) rather than one OR over a correlated subquery, which
    SQLite answers by scanning every session."""
    statuses = dict(
        Registration.objects.filter(
            user=user, status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
        ).values_list("session_id", "status")
    )
    trained = set(Session.objects.filter(trainer=user).values_list("pk", flat=True))
    sessions = list(
        Session.objects.filter(pk__in=set(statuses) | trained)
        .select_related("format")
        .only(
            "pk", "start", "end", "place", "video_url", "trainer", "format__title", "format__kind"
        )
        .order_by("start")
    )
    for session in sessions:
        # On the waiting list (and not the trainer): a tentative event, not a confirmed one.
        session.waiting = (
            statuses.get(session.pk) == RegistrationStatus.WAITING and session.pk not in trained
        )
    return sessions
