"""Correcting the days spent on an investigation (issue 12, item 1): same rules as the entry
(half a day or one day per date, a role of the list, who), history, message, access."""

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import services
from fabrique.investigations.models import DayEntry
from fabrique.investigations.vocabulary import StaffRole
from tests.factories import UserFactory

from .factories import InvestigationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH, first_name="Camille", last_name="Coach")


@pytest.fixture
def entry(coach):
    # Days are recorded from the investigation's start (the dates below are in it).
    investigation = InvestigationFactory(coach=coach, start=date(2026, 8, 1))
    return services.day_add(
        investigation=investigation, person=coach, role=StaffRole.COACH,
        day=date(2026, 9, 1), days=1,
    )  # fmt: skip


def url(entry, action="modifier"):
    name = "investigations:day_edit" if action == "modifier" else "investigations:day_delete"
    return reverse(name, args=[entry.investigation_id, entry.pk])


def data(**changes):
    return {"full_name": "Camille Coach", "role": StaffRole.COACH, "day": "2026-09-01",
            "days": "1", "note": "", **changes}  # fmt: skip


def test_coach_corrects_days_with_a_message_and_history(client, coach, entry):
    client.force_login(coach)
    assert client.get(url(entry)).status_code == 200
    response = client.post(url(entry), data(day="2026-09-02", days="0.5", note="Terrain"),
                           follow=True)  # fmt: skip
    assert "Jours modifiés." in response.text
    entry.refresh_from_db()
    assert (entry.day, entry.days, entry.note) == (date(2026, 9, 2), Decimal("0.5"), "Terrain")
    assert entry.person == coach
    last = entry.history.order_by("-history_date").first()
    assert (last.history_type, last.history_user_id) == ("~", coach.pk)


def test_a_correction_keeps_the_rules_and_saves_nothing_on_error(client, coach, entry):
    client.force_login(coach)
    response = client.post(url(entry), data(days="2"))
    assert response.status_code == 200
    assert "entre 0,5 et 1 jour" in response.text
    response = client.post(url(entry), data(day="0001-01-01"))
    assert "Je confirme cette date inhabituelle" in response.text
    entry.refresh_from_db()
    assert (entry.day, entry.days) == (date(2026, 9, 1), Decimal("1.0"))


def test_deleting_days_asks_confirmation_and_others_are_refused(client, coach, entry):
    client.force_login(UserFactory(role=Role.COACH))
    assert client.get(url(entry)).status_code in (403, 404)
    assert client.post(url(entry), data(days="0.5")).status_code in (403, 404)
    entry.refresh_from_db()
    assert entry.days == Decimal("1.0")
    client.force_login(coach)
    page = unescape(client.get(url(entry, "supprimer")).text)
    assert "Vous allez supprimer 1 jour de Camille Coach le 01/09/2026." in page
    response = client.post(url(entry, "supprimer"), follow=True)
    assert "Suppression faite : 1 jour de Camille Coach le 01/09/2026." in unescape(response.text)
    assert not DayEntry.objects.filter(pk=entry.pk).exists()
    last = DayEntry.history.filter(id=entry.pk).order_by("-history_date").first()
    assert (last.history_type, last.history_user_id) == ("-", coach.pk)
