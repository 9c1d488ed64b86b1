"""The visio link of a session goes to the people registered, its trainer and the team, by every
path that carries it: the page and its .ics (test_public_walk), and also the API, a person's
calendar feed and the e-mails, where a visitor or someone on the waiting list got it too."""

import pytest
from django.core import mail
from django.core.signing import dumps
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.support import services
from fabrique.support.views.sessions import FEED_SALT
from fabrique.support.vocabulary import RegistrationStatus
from tests.factories import UserFactory

from .factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

LINK = "https://webconf.numerique.gouv.fr/atelier-secret"


def _full_session():
    """A public visio session whose only seat is taken."""
    session = SessionFactory(
        is_public=True, format__is_public=True, place="", video_url=LINK, capacity=1
    )
    RegistrationFactory(session=session, status=RegistrationStatus.REGISTERED)
    return session


def test_the_api_gives_the_video_link_to_registered_people_only(client):
    session = _full_session()
    [anonymous] = client.get(reverse("api:support-sessions")).json()["results"]
    assert anonymous["id"] == session.pk and anonymous["video_url"] == ""
    waiting = UserFactory(role=Role.AGENT)
    RegistrationFactory(session=session, user=waiting, status=RegistrationStatus.WAITING)
    client.force_login(waiting)
    assert LINK not in client.get(reverse("api:support-sessions")).content.decode()
    assert LINK not in client.get(reverse("api:support-registrations")).content.decode()
    registered = session.registrations.get(status=RegistrationStatus.REGISTERED).user
    client.force_login(registered)
    [mine] = client.get(reverse("api:support-registrations")).json()["results"]
    assert mine["session"]["video_url"] == LINK
    [listed] = client.get(reverse("api:support-sessions")).json()["results"]
    assert listed["video_url"] == LINK
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert client.get(reverse("api:support-sessions")).json()["results"][0]["video_url"] == LINK


def test_the_calendar_feed_of_someone_waiting_has_no_video_link(client):
    session = _full_session()
    waiting = UserFactory(role=Role.AGENT)
    RegistrationFactory(session=session, user=waiting, status=RegistrationStatus.WAITING)
    feed = client.get(reverse("support:feed", args=[dumps(waiting.pk, salt=FEED_SALT)]))
    assert feed.status_code == 200
    assert LINK not in feed.content.decode()
    registered = session.registrations.get(status=RegistrationStatus.REGISTERED).user
    feed = client.get(reverse("support:feed", args=[dumps(registered.pk, salt=FEED_SALT)]))
    assert LINK in feed.content.decode()


def test_the_waiting_list_email_has_no_video_link_the_confirmation_has(
    django_capture_on_commit_callbacks,
):
    session = _full_session()
    waiting = UserFactory(role=Role.AGENT)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=session, user=waiting, by=waiting)
    [email] = mail.outbox
    assert email.subject.startswith("Liste d'attente")
    assert LINK not in email.body
    assert "le lien de visio est donné aux inscrit·es" in email.body
    mail.outbox.clear()
    first = session.registrations.get(status=RegistrationStatus.REGISTERED)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first)
    moved_up = [email for email in mail.outbox if waiting.email in email.to]
    assert [email.subject[:24] for email in moved_up] == ["Une place s'est libérée "]
    assert LINK in moved_up[0].body
