"""Walk of the team's week, round 3: a request for support from someone already registered to
the session the team chooses was refused (« Cette personne est déjà inscrite à cette session. »),
a dead end; the request is now answered by that registration, without a second one."""

from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.support.models import Registration
from fabrique.support.vocabulary import RegistrationStatus, RequestStatus
from tests.factories import UserFactory

from .factories import RegistrationFactory, SessionFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING])
def test_a_request_from_someone_already_registered_is_answered_by_that_session(client, status):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    item = SupportRequestFactory()
    session = SessionFactory()
    RegistrationFactory(session=session, user=item.requester, status=status)
    response = client.post(
        reverse("support:request-triage", args=[item.pk]),
        {"decision": RequestStatus.SESSION, "session": session.pk, "answer": "À bientôt."},
        follow=True,
    )
    assert "La réponse est enregistrée" in unescape(response.content.decode())
    item.refresh_from_db()
    assert item.status == RequestStatus.SESSION and item.session == session
    registration = Registration.objects.get(user=item.requester)
    assert registration.status == status


def test_after_a_cancellation_the_person_is_registered_again(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    item = SupportRequestFactory()
    session = SessionFactory()
    RegistrationFactory(session=session, user=item.requester, status=RegistrationStatus.CANCELLED)
    client.post(
        reverse("support:request-triage", args=[item.pk]),
        {"decision": RequestStatus.SESSION, "session": session.pk},
    )
    assert Registration.objects.get(user=item.requester).status == RegistrationStatus.REGISTERED
