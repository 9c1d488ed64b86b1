"""The team triages requests: each count leads to its queue; accepting checks its input."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_request_count_links_to_the_requests_it_counts(client):
    small = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    big = CommuneFactory(insee="01053", name="Grandeville", population=400_000)
    first = services.mission_request(collectivite=small, hopes="Un site", today=date(2026, 1, 5))
    second = services.mission_request(collectivite=big, hopes="Un site", today=date(2026, 1, 5))
    assert (first.status, second.status) == (
        MissionStatus.REQUESTED,
        MissionStatus.OUT_OF_CRITERIA,
    )
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(reverse("accounts:dashboard")).content.decode())
    lines = re.findall(r'(\d+)</span>\s*<a[^>]*href="([^"]+)"[^>]*>\s*([^<]+?)\s*</a>', page)
    requests = {label: (int(count), url) for count, url, label in lines if "Demande" in label}
    assert requests["Demande de mission sur-mesure à trier"][0] == 1
    assert requests["Demande hors critères à examiner"][0] == 1
    for count, url in requests.values():
        if "sur-mesure" not in url:
            continue
        queue = unescape(client.get(url).content.decode())
        assert f"Missions ({count})" in queue
    # Not to be mistaken for the requests of the support offer, in their own block.
    assert "Demandes d'accompagnement à trier" not in page


def test_accepting_with_a_mistyped_start_date_is_refused_in_french(client):
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    mission = services.mission_request(collectivite=commune, hopes="Un site")
    coach = UserFactory(role=Role.COACH)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("diagnostics:accept", args=[mission.pk])
    page = client.post(url, {"consultant": coach.pk, "start": "1990-01-01"}, follow=True)
    assert "Date peu plausible (01/01/1990) : avant 2000." in unescape(page.content.decode())
    mission.refresh_from_db()
    assert (mission.status, mission.consultant) == (MissionStatus.REQUESTED, None)
    page = client.post(url, {"start": "2026-12-01"}, follow=True)
    assert "Choisissez un·e consultant·e." in unescape(page.content.decode())
    data = {"consultant": coach.pk, "start": "1990-01-01", "confirm_dates": "on"}
    page = client.post(url, data, follow=True)
    assert "Demande acceptée" in unescape(page.content.decode())
    mission.refresh_from_db()
    assert mission.status == MissionStatus.ACCEPTED
