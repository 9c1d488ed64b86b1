"""The « day before » reminder is written once as a rule (`rules.reminder_due`); the SQL of
`services.reminders_send` is its fast version and must give the same answers, edges included
(a session starting now, in exactly 24 hours, just past, one already reminded)."""

from datetime import UTC, datetime, timedelta

import pytest

from fabrique.support import rules, services
from fabrique.support.models import Registration
from fabrique.support.vocabulary import RegistrationStatus

from .factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 12, 31, 23, 30, tzinfo=UTC)  # the eve of a new year, on purpose
OFFSETS = [
    timedelta(hours=-1), timedelta(0), timedelta(seconds=1), timedelta(hours=12),
    timedelta(hours=24) - timedelta(seconds=1), timedelta(hours=24),
    timedelta(hours=24, seconds=1), timedelta(days=3),
]  # fmt: skip


def test_the_sql_of_reminders_send_gives_the_answers_of_the_rule():
    expected = set()
    for offset in OFFSETS:
        for sent in (False, True):
            session = SessionFactory(start=NOW + offset, end=NOW + offset + timedelta(hours=2))
            registration = RegistrationFactory(
                session=session, status=RegistrationStatus.REGISTERED,
                reminder_sent_at=NOW - timedelta(hours=1) if sent else None,
            )  # fmt: skip
            if rules.reminder_due(start=session.start, now=NOW, sent=sent):
                expected.add(registration.pk)
    assert services.reminders_send(now=NOW) == len(expected) > 0
    reminded = set(Registration.objects.filter(reminder_sent_at=NOW).values_list("pk", flat=True))
    assert reminded == expected
