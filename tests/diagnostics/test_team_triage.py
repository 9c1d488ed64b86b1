"""The team triages requests: each count leads to its queue; accepting checks its input."""

import re
from datetime import date
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import importers, services
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


def test_a_start_before_the_request_is_refused_unless_the_team_confirms_it(client):
    """Issue 13: a mission requested on 06/12 started on 16/11. The form says what to fix and
    shows the confirmation box; the service applies the same rule; the importer (missions kept in
    spreadsheets before the platform) still brings such a mission in."""
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 12, 6)
    )
    coach = UserFactory(role=Role.COACH)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("diagnostics:accept", args=[mission.pk])
    page = unescape(client.post(url, {"consultant": coach.pk, "start": "2026-11-16"}).text)
    assert (
        "La mission commencerait le 16/11/2026, avant la date de la demande (06/12/2026). "
        "Corrigez-la, ou cochez « Je confirme cette date inhabituelle »." in page
    )
    assert 'name="confirm_dates"' in page  # the box to tick is there
    assert 'value="2026-11-16"' in page  # what was typed is kept
    mission.refresh_from_db()
    assert (mission.status, mission.start) == (MissionStatus.REQUESTED, None)
    # The service refuses it too, whoever calls it.
    with pytest.raises(ValidationError) as refused:
        services.mission_accept(mission=mission, consultant=coach, start=date(2026, 11, 16))
    assert "Corrigez la date de début" in " ".join(refused.value.messages)
    # Confirmed: accepted with that date.
    data = {"consultant": coach.pk, "start": "2026-11-16", "confirm_dates": "on"}
    page = client.post(url, data, follow=True)
    assert "Demande acceptée" in unescape(page.content.decode())
    mission.refresh_from_db()
    assert (mission.status, mission.start) == (MissionStatus.ACCEPTED, date(2026, 11, 16))


def test_a_start_on_or_after_the_request_asks_nothing(client):
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 12, 1)
    )
    coach = UserFactory(role=Role.COACH)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("diagnostics:accept", args=[mission.pk])
    page = client.post(url, {"consultant": coach.pk, "start": "2026-12-01"}, follow=True)
    assert "Demande acceptée" in unescape(page.content.decode())


def test_the_importer_keeps_a_mission_started_before_its_request():
    CommuneFactory(insee="01004", name="Petiteville", population=1200)
    UserFactory(role=Role.COACH, email="coach@fabrique.localhost")
    document = {
        "collectivite": "01004",
        "status": "en cours",
        "consultant": "coach@fabrique.localhost",
        "requested_on": "2026-12-06",
        "start": "2026-11-16",
    }
    (mission,) = importers.import_documents(document)
    assert (mission.requested_on, mission.start) == (date(2026, 12, 6), date(2026, 11, 16))
