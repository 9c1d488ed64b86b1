"""The "day before" reminder is decided per registration (issue 15, point 2): someone who
registers after it went out for the session gets theirs at the next run, once; never twice, never
for a cancelled or waiting registration, a past session or a deleted one."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from fabrique.support import services
from fabrique.support.vocabulary import RegistrationStatus
from tests.factories import UserFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db

REMINDER = "Rappel, c'est demain"


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """`manage.py support_reminders` as cron runs it (the task runs at once in tests); the
    reminders it sent, as (address, session title)."""

    def run_once():
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("support_reminders", stdout=None)
        return sorted(
            (message.to[0], message.subject.split(" : ", 1)[1])
            for message in mail.outbox
            if message.subject.startswith(REMINDER)
        )

    return run_once


def _register(session, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.registration_create(session=session, user=user, by=user)


def test_a_late_registrant_gets_one_reminder_at_the_next_run(
    run, django_capture_on_commit_callbacks
):
    session = SessionFactory(start=timezone.now() + timedelta(hours=20))
    early, late = UserFactory(email="tot@exemple.fr"), UserFactory(email="tard@exemple.fr")
    _register(session, early, django_capture_on_commit_callbacks)
    title = session.format.title
    assert run() == [("tot@exemple.fr", title)]
    # Registered after the reminder went out: the confirmation at once…
    mail.outbox.clear()
    _register(session, late, django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox] == [f"Inscription confirmée : {title}"]
    # …and the reminder at the next run, once; the first one is not reminded again.
    assert run() == [("tard@exemple.fr", title)]
    assert run() == []


def test_no_reminder_for_a_cancelled_or_waiting_registration_nor_a_past_session(
    run, django_capture_on_commit_callbacks
):
    soon = SessionFactory(start=timezone.now() + timedelta(hours=5), capacity=1)
    seated, waiting, gone = (UserFactory(email=f"{n}@exemple.fr") for n in ("a", "b", "c"))
    _register(soon, seated, django_capture_on_commit_callbacks)
    _register(soon, waiting, django_capture_on_commit_callbacks)
    assert waiting.support_registrations.get().status == RegistrationStatus.WAITING
    far = SessionFactory(start=timezone.now() + timedelta(days=3))
    cancelled = _register(far, gone, django_capture_on_commit_callbacks)
    services.registration_cancel(registration=cancelled)
    past = SessionFactory(start=timezone.now() + timedelta(hours=2))
    _register(past, UserFactory(email="d@exemple.fr"), django_capture_on_commit_callbacks)
    past.start = timezone.now() - timedelta(hours=1)  # it has begun: no reminder any more
    past.end = past.start + timedelta(hours=2)
    past.save()
    deleted = SessionFactory(start=timezone.now() + timedelta(hours=3))
    _register(deleted, UserFactory(email="e@exemple.fr"), django_capture_on_commit_callbacks)
    services.session_delete(session=deleted)
    assert run() == [("a@exemple.fr", soon.format.title)]
    # The seat freed: the person who moves up from the waiting list is reminded, once.
    services.registration_cancel(registration=seated.support_registrations.get())
    assert run() == [("b@exemple.fr", soon.format.title)]
    assert run() == []


def test_back_after_a_cancellation_is_not_reminded_twice(run, django_capture_on_commit_callbacks):
    session = SessionFactory(start=timezone.now() + timedelta(hours=20))
    person = UserFactory(email="f@exemple.fr")
    registration = _register(session, person, django_capture_on_commit_callbacks)
    assert len(run()) == 1
    services.registration_cancel(registration=registration)
    _register(session, person, django_capture_on_commit_callbacks)
    assert run() == []


def test_a_session_moved_is_reminded_again_for_its_new_time(
    run, django_capture_on_commit_callbacks
):
    session = SessionFactory(start=timezone.now() + timedelta(hours=20))
    _register(session, UserFactory(email="g@exemple.fr"), django_capture_on_commit_callbacks)
    assert len(run()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.session_save(
            session=session,
            start=timezone.now() + timedelta(hours=10),
            end=timezone.now() + timedelta(hours=12),
        )
    assert run() == [("g@exemple.fr", session.format.title)]
    assert run() == []
