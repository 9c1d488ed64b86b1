"""Correcting the days ledger of a mission (issue 12, item 1): an entry is edited with the
rules of its creation (half-days, not before the start, the 10-day cap with the team's
approval), or deleted after confirmation; both kept in the history."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from fabrique.diagnostics.models import TimeEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def log(mission, person, half_days, day=date(2026, 9, 2), **extra):
    return services.time_log(
        mission=mission, person=person, day=day, half_days=half_days, kind="analyse", **extra
    )


def edit(client, entry, **changes):
    data = {"day": "2026-09-02", "half_days": "2", "kind": "analyse", "note": "", **changes}
    return client.post(reverse("diagnostics:time-edit", args=[entry.pk]), data, follow=True)


def test_consultant_corrects_an_entry_with_a_message_and_history(client, coach, mission):
    entry = log(mission, coach, 2)
    client.force_login(coach)
    page = client.get(reverse("diagnostics:time-edit", args=[entry.pk]))
    assert page.status_code == 200 and "Mêmes règles" in page.text
    response = edit(client, entry, day="2026-09-03", half_days="1", note="Atelier")
    assert "Temps modifié." in response.text
    entry.refresh_from_db()
    assert (entry.day, entry.half_days, entry.note) == (date(2026, 9, 3), 1, "Atelier")
    assert entry.person == coach
    last = entry.history.order_by("-history_date").first()
    assert (last.history_type, last.history_user_id) == ("~", coach.pk)


def _ten_days(mission, coach):
    """Half a day on 02/09 (returned), nine days from 03/09, half a day on 12/09: 10 days."""
    entry = log(mission, coach, 1)
    for index in range(9):
        log(mission, coach, 2, day=date(2026, 9, 3 + index))
    log(mission, coach, 1, day=date(2026, 9, 12))
    return entry


def test_an_edit_keeps_the_rules_and_saves_nothing_on_error(client, coach, mission):
    entry = log(mission, coach, 2)
    client.force_login(coach)
    before = edit(client, entry, day="2026-08-20")
    assert "avant le début de la mission (01/09/2026)" in before.text
    entry.delete()
    entry = _ten_days(mission, coach)
    over = edit(client, entry, half_days="2")  # 10.5 days
    assert "approuver le dépassement" in over.text
    entry.refresh_from_db()
    assert (entry.day, entry.half_days) == (date(2026, 9, 2), 1)
    mission.refresh_from_db()
    assert mission.extra_days_approved_by is None


def test_the_team_approves_an_overrun_and_a_smaller_correction_keeps_it(client, coach, mission):
    entry = _ten_days(mission, coach)
    team = UserFactory(role=Role.INCUBATOR)
    client.force_login(team)
    response = edit(client, entry, half_days="2", approval_reason="Restitution aux élus")
    assert "Temps modifié." in response.text
    mission.refresh_from_db()
    assert mission.extra_days_approved_by == team
    assert services.days_used(mission) == Decimal("10.5")
    log(mission, coach, 1, day=date(2026, 9, 13), approved_by=team,
        approval_reason="Une demi-journée de plus")  # fmt: skip
    client.force_login(coach)  # less time on an approved overrun: no new approval needed
    assert "Temps modifié." in edit(client, entry, half_days="1").text
    entry.refresh_from_db()
    assert entry.half_days == 1


def test_deleting_an_entry_asks_confirmation_and_others_are_refused(client, coach, mission):
    entry = log(mission, coach, 2)
    client.force_login(UserFactory(role=Role.COACH))  # another consultant: not their mission
    assert client.get(reverse("diagnostics:time-edit", args=[entry.pk])).status_code == 404
    assert client.post(reverse("diagnostics:time-delete", args=[entry.pk])).status_code == 404
    client.force_login(coach)
    url = reverse("diagnostics:time-delete", args=[entry.pk])
    assert "Vous allez supprimer" in client.get(url).text
    response = client.post(url, follow=True)
    assert "Suppression faite" in response.text
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()
    last = TimeEntry.history.filter(id=entry.pk).order_by("-history_date").first()
    assert (last.history_type, last.history_user_id) == ("-", coach.pk)
