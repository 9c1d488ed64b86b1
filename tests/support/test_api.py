from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import ExpertModuleFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_public_sessions_paginated_with_ics_url(client, django_assert_max_num_queries):
    SessionFactory()
    SessionFactory(is_public=False)
    SessionFactory(start=timezone.now() - timedelta(days=2))
    with django_assert_max_num_queries(3):
        data = client.get(reverse("api:support-sessions")).json()
    assert data["count"] == 1
    [session] = data["results"]
    assert session["ics_url"].endswith(f"/accompagnement/sessions/{session['id']}.ics")
    assert client.get(reverse("api:support-formats")).json()["count"] == 3


def test_registrations_are_own_and_modules_team_only(client):
    person = UserFactory(role=Role.AGENT)
    RegistrationFactory(user=person)
    RegistrationFactory()
    ExpertModuleFactory()
    assert client.get(reverse("api:support-registrations")).status_code == 403
    client.force_login(person)
    assert client.get(reverse("api:support-registrations")).json()["count"] == 1
    assert client.get(reverse("api:support-modules")).status_code == 403
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert client.get(reverse("api:support-modules")).json()["count"] == 1
