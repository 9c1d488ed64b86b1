"""Issue 13, item 12: follow-up at 3 and 6 months after delivery — the state of each need,
« suivis à faire », and reminders that are never sent twice, never to someone no longer on the
mission, and never after the mission is closed."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from fabrique.accounts.models import Membership, Role
from fabrique.diagnostics import importers, services
from fabrique.diagnostics.exports import mission_document
from fabrique.diagnostics.models import FollowUpReminder, Mission, NeedFollowUp
from fabrique.diagnostics.selectors.followup import follow_ups_to_do
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db
SCORES = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}
DELIVERED = date(2026, 5, 4)


@pytest.fixture
def setting():
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    coach = UserFactory(role=Role.COACH)
    agent = UserFactory(role=Role.AGENT)
    Membership.objects.create(user=agent, commune=commune)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 1, 5)
    )
    services.mission_accept(mission=mission, consultant=coach, start=date(2026, 1, 5))
    need = services.need_save(mission=mission, title="Site internet", theme="site-internet",
                              scores=SCORES)  # fmt: skip
    Mission.objects.filter(pk=mission.pk).update(
        status=MissionStatus.DELIVERED, delivered_on=DELIVERED
    )
    mission.refresh_from_db()
    return mission, need, coach, agent


def test_reminders_go_once_to_the_people_on_the_mission(
    setting, django_capture_on_commit_callbacks
):
    mission, _need, coach, agent = setting
    with django_capture_on_commit_callbacks(execute=True):
        assert services.followup_reminders_send(today=date(2026, 8, 3)) == 0  # not yet due
        assert services.followup_reminders_send(today=date(2026, 8, 4)) == 2
        assert services.followup_reminders_send(today=date(2026, 8, 5)) == 0  # never twice
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coach.email, agent.email])
    assert "Suivi à 3 mois" in mail.outbox[0].subject
    assert f"/sur-mesure/missions/{mission.pk}/#suivi" in mail.outbox[0].body


def test_no_reminder_to_someone_taken_off_the_mission_nor_after_closing(
    setting, django_capture_on_commit_callbacks
):
    mission, _need, _coach, agent = setting
    new_coach = UserFactory(role=Role.COACH)
    Mission.objects.filter(pk=mission.pk).update(consultant=new_coach)
    Membership.objects.filter(user=agent).delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.followup_reminders_send(today=date(2026, 8, 10)) == 1
    assert [m.to[0] for m in mail.outbox] == [new_coach.email]
    Mission.objects.filter(pk=mission.pk).update(status=MissionStatus.CLOSED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.followup_reminders_send(today=date(2026, 11, 10)) == 0
    assert FollowUpReminder.objects.count() == 1


def test_a_recorded_follow_up_stops_its_reminders_and_the_mission_is_followed(
    setting, django_capture_on_commit_callbacks
):
    mission, need, coach, _agent = setting
    with pytest.raises(ValidationError, match="à partir du 04/08/2026"):
        services.followup_record(mission=mission, milestone=3, states={need.pk: ("adoptee", "")},
                                 by=coach, today=date(2026, 7, 1))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.followup_record(mission=mission, milestone=3, states={need.pk: ("bloquee", "")},
                                 by=coach, today=date(2026, 8, 5))  # fmt: skip
    assert "Dites ce qui bloque." in str(error.value)
    assert not NeedFollowUp.objects.exists()
    services.followup_record(
        mission=mission, milestone=3, states={need.pk: ("bloquee", "Pas de budget en 2026")},
        by=coach, today=date(2026, 8, 5),
    )  # fmt: skip
    mission.refresh_from_db()
    assert mission.status == MissionStatus.FOLLOWED
    with django_capture_on_commit_callbacks(execute=True):
        assert services.followup_reminders_send(today=date(2026, 8, 6)) == 0
        assert services.followup_reminders_send(today=date(2026, 11, 4)) == 2  # 6 months
    assert follow_ups_to_do(coach, today=date(2026, 9, 1)) == []
    assert [row.milestones for row in follow_ups_to_do(coach, today=date(2026, 11, 5))] == [[6]]


def test_the_consultant_records_the_follow_up_in_the_page(client, setting):
    mission, need, coach, agent = setting
    client.force_login(coach)
    url = reverse("diagnostics:followup-record", args=[mission.pk, 3])
    response = client.post(url, {f"state_{need.pk}": "abandonnee", f"note_{need.pk}": ""})
    assert "Dites pourquoi la solution a été abandonnée." in response.content.decode()
    response = client.post(url, {f"state_{need.pk}": "adoptee", f"note_{need.pk}": ""}, follow=True)
    page = response.content.decode()
    assert "Suivi à 3 mois enregistré." in page
    assert NeedFollowUp.objects.get().state == "adoptee"
    assert "Adoptée" in page.split('id="suivi"')[1]
    client.force_login(agent)
    assert client.post(url, {f"state_{need.pk}": "bloquee"}).status_code == 403
    assert client.get(reverse("diagnostics:followups")).status_code == 403


def test_followups_page_lists_the_due_missions(client, setting):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = " ".join(client.get(reverse("diagnostics:followups")).content.decode().split())
    assert "Petiteville" in page and "3 mois, 6 mois" in page


def test_the_command_sends_one_reminder_per_person_even_when_two_milestones_are_late(
    setting, capsys
):
    call_command("followup_reminders")  # today: both the 3- and 6-month follow-ups are late
    assert "Rappels de suivi demandés" in capsys.readouterr().out
    assert sorted(FollowUpReminder.objects.values_list("milestone", flat=True)) == [6, 6]


def test_the_follow_up_travels_in_the_json_document(setting):
    mission, need, coach, _agent = setting
    services.followup_record(
        mission=mission, milestone=3, states={need.pk: ("abandonnee", "Trop cher")},
        by=coach, today=date(2026, 8, 5),
    )  # fmt: skip
    document = mission_document(mission)
    assert document["needs"][0]["follow_up"] == [
        {"milestone": 3, "state": "abandonnee", "note": "Trop cher", "recorded_on": "2026-08-05"}
    ]
    Mission.objects.all().delete()
    imported = importers.import_documents(document)
    assert mission_document(imported[0])["needs"] == document["needs"]
    bad = {**document, "needs": [{**document["needs"][0], "follow_up": [{"milestone": 4}]}]}
    Mission.objects.all().delete()
    with pytest.raises(importers.DocumentError, match=r"needs\[0\].follow_up\[0\].milestone"):
        importers.import_documents(bad)


def test_mon_espace_shows_the_follow_ups_to_do(client, setting):
    _mission, _need, coach, _agent = setting
    client.force_login(coach)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Suivi à 3 ou 6 mois à faire" in page
    assert reverse("diagnostics:followups") in page


def test_suivie_needs_a_recorded_follow_up(setting, client):
    """The page says the 3-month follow-up can be recorded from 04/08/2026: the mission is not
    « suivie » the day it is delivered, before any follow-up (issue 13, item 12)."""
    from html import unescape

    from fabrique.diagnostics.forms import StepForm

    mission, need, coach, _agent = setting
    with pytest.raises(ValidationError) as error:
        services.mission_move(mission=mission, to=MissionStatus.FOLLOWED)
    assert (
        "(le suivi à 3 mois, à partir du 04/08/2026) : aucun suivi n'est encore enregistré"
        in (error.value.messages[0])
    )
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DELIVERED
    # The step form does not offer « Suivie »: it comes from recording the follow-up.
    choices = [value for value, _ in StepForm(status=mission.status).fields["to"].choices]
    assert choices == [MissionStatus.CLOSED]
    client.force_login(coach)
    response = client.post(reverse("diagnostics:step", args=[mission.pk]),
                           {"to": MissionStatus.FOLLOWED}, follow=True)  # fmt: skip
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DELIVERED
    page = unescape(response.content.decode())
    assert "Mission passée" not in page and "aucun suivi n'est encore enregistré" in page
    services.followup_record(mission=mission, milestone=3, states={need.pk: ("adoptee", "")},
                             by=coach, today=date(2026, 8, 5))  # fmt: skip
    mission.refresh_from_db()
    assert mission.status == MissionStatus.FOLLOWED


def test_closing_before_the_follow_ups_needs_a_reason_shown_on_the_page(client, setting):
    """Closing a delivered mission stops its follow-up reminders: without the 3- and 6-month
    follow-ups recorded, the step says why and asks for the reason, kept and shown."""
    from html import unescape

    mission, need, coach, _agent = setting
    with pytest.raises(ValidationError) as error:
        services.mission_move(mission=mission, to=MissionStatus.CLOSED)
    assert (
        "Les suivis à 3 mois et à 6 mois ne sont pas encore relevés : relevez-les"
        in (error.value.messages[0])
    )
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DELIVERED
    client.force_login(coach)
    page = unescape(client.get(mission.get_absolute_url()).content.decode())
    assert "Motif (refus, abandon, clôture avant la fin du suivi)" in page
    assert "dites dans le motif pourquoi la mission est close sans eux" in page
    response = client.post(reverse("diagnostics:step", args=[mission.pk]),
                           {"to": MissionStatus.CLOSED}, follow=True)  # fmt: skip
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DELIVERED
    assert "ne sont pas encore relevés" in unescape(response.content.decode())
    services.followup_record(mission=mission, milestone=3, states={need.pk: ("adoptee", "")},
                             by=coach, today=date(2026, 8, 5))  # fmt: skip
    mission.refresh_from_db()
    with pytest.raises(ValidationError, match="Le suivi à 6 mois n'est pas encore relevé"):
        services.mission_move(mission=mission, to=MissionStatus.CLOSED)
    response = client.post(reverse("diagnostics:step", args=[mission.pk]),
                           {"to": MissionStatus.CLOSED, "reason": "La mairie ne répond plus"},
                           follow=True)  # fmt: skip
    mission.refresh_from_db()
    assert mission.status == MissionStatus.CLOSED
    assert mission.closing_reason == "La mairie ne répond plus"
    page = unescape(response.content.decode())
    assert "Close avant la fin du suivi, motif :</strong> La mairie ne répond plus" in page


def test_a_mission_followed_at_3_and_6_months_closes_without_reason(setting):
    mission, need, coach, _agent = setting
    for milestone, day in ((3, date(2026, 8, 5)), (6, date(2026, 11, 5))):
        services.followup_record(
            mission=mission, milestone=milestone, states={need.pk: ("adoptee", "")}, by=coach,
            today=day,
        )  # fmt: skip
    mission.refresh_from_db()
    services.mission_move(mission=mission, to=MissionStatus.CLOSED)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.CLOSED and mission.closing_reason == ""
