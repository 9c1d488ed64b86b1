"""Holes found by the access matrix (tests/test_access_matrix.py), each pinned by a test."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.support import services
from fabrique.support.models import FollowUpNote
from tests.factories import UserFactory
from tests.impact.factories import IndicatorFactory
from tests.support.factories import FollowUpFactory

pytestmark = pytest.mark.django_db


def test_follow_up_note_offers_and_accepts_the_followed_projects_indicators_only(client):
    """The note form of a coach listed every indicator of every project, private ones
    included, and linked any of them to the note."""
    coach = UserFactory(role=Role.COACH)
    follow_up = FollowUpFactory(coach=coach)
    own = IndicatorFactory(project=follow_up.project, name="Usagers suivis")
    other = IndicatorFactory(is_public=False, name="Indicateur privé d'un autre projet")
    client.force_login(coach)
    url = reverse("support:note-add", args=[follow_up.pk])

    page = client.get(url)
    assert "Usagers suivis" in page.text
    assert "Indicateur privé d'un autre projet" not in page.text

    refused = client.post(url, {"date": "2026-11-02", "notes": "Point", "indicators": [other.pk]})
    assert refused.status_code == 200
    assert not FollowUpNote.objects.exists()
    client.post(url, {"date": "2026-11-02", "notes": "Point", "indicators": [own.pk]})
    assert list(FollowUpNote.objects.get().indicators.all()) == [own]


def test_follow_up_note_service_refuses_another_projects_indicator():
    follow_up = FollowUpFactory()
    other = IndicatorFactory()
    with pytest.raises(ValidationError) as error:
        services.follow_up_note_add(
            follow_up=follow_up, date="2026-11-02", notes="Point", indicators=[other]
        )
    assert "indicateurs du projet accompagné" in str(error.value)
    assert not FollowUpNote.objects.exists()
