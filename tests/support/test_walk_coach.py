"""What a trainer stumbled on in the browser (walk of 06/12): « Mon tableau » listed only this
month's sessions, so a session held last month (attendance to take, satisfaction to read) was
reachable only through the format pages. The board now lists my past sessions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from tests.factories import UserFactory
from tests.portfolio.factories import TeamMemberFactory
from tests.query_counts import assert_constant_queries

from .factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def past_table(client) -> str:
    html = client.get(reverse("support:coach")).content.decode()
    start = html.index('id="sessions-passees"')
    return html[start : html.index("</table>", start)]


def test_board_lists_my_past_sessions_with_attendance_to_take_and_satisfaction(client):
    trainer = UserFactory(role=Role.COACH)
    held = SessionFactory(trainer=trainer, start=timezone.now() - timedelta(days=40))
    SessionFactory(trainer=UserFactory(role=Role.COACH), start=timezone.now() - timedelta(days=5))
    SessionFactory(trainer=trainer, start=timezone.now() - timedelta(days=200))
    first = RegistrationFactory(session=held)
    second = RegistrationFactory(session=held)
    client.force_login(trainer)

    table = past_table(client)
    assert reverse("support:session", args=[held.pk]) in table
    assert table.count("<tr>") == 2  # the header and my one session of the last 90 days
    assert "À relever" in table and "2 inscrit·es" in table and "Aucune réponse" in table

    type(first).objects.filter(pk=first.pk).update(attended=True, score=4)
    type(second).objects.filter(pk=second.pk).update(attended=False)
    table = past_table(client)
    assert "À relever" not in table
    assert "1 présent·e sur 2" in table and "4 / 5 (1 réponse)" in table


def test_board_past_sessions_in_constant_queries(client, django_assert_max_num_queries):
    trainer = UserFactory(role=Role.COACH)
    client.force_login(trainer)

    def more():
        for days in range(2, 6):
            session = SessionFactory(trainer=trainer, start=timezone.now() - timedelta(days=days))
            RegistrationFactory(session=session)

    assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(reverse("support:coach")), more,
        budget=13,
    )  # fmt: skip


def test_attendance_message_agrees_with_the_count(client):
    trainer = UserFactory(role=Role.COACH)
    held = SessionFactory(trainer=trainer, start=timezone.now() - timedelta(days=2))
    present = RegistrationFactory(session=held)
    RegistrationFactory(session=held)
    client.force_login(trainer)
    response = client.post(
        reverse("support:attendance", args=[held.pk]), {"present": [present.pk]},
        follow=True,
    )  # fmt: skip
    text = response.content.decode()
    assert "Présence enregistrée (1 présent·e) ;" in text
    assert "1 présent·es" not in text


def test_session_page_agrees_registrations_and_places_with_their_count(client):
    coach = UserFactory(role=Role.COACH)
    session = SessionFactory(trainer=coach, capacity=1)
    RegistrationFactory(session=session)
    type(session).objects.filter(pk=session.pk).update(registered_count=1)
    client.force_login(coach)
    text = client.get(reverse("support:session", args=[session.pk])).content.decode()
    assert "1 inscrit·e sur 1 place" in text
    assert "inscrit·es sur" not in text


def test_mon_espace_tells_the_trainer_which_attendance_to_take(client):
    trainer = UserFactory(role=Role.COACH)
    held = SessionFactory(trainer=trainer, start=timezone.now() - timedelta(days=3))
    RegistrationFactory(session=held)
    client.force_login(trainer)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Présences à relever (session passée)" in html  # 1 session: singular
    assert reverse("support:coach") + "#sessions-passees" in html

    held.registrations.update(attended=True)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Présences à relever" not in html


def test_request_form_and_session_page_read_in_french(client):
    porteur = UserFactory(role=Role.SERVICE_OWNER)
    TeamMemberFactory(user=porteur)  # a porteur of a project: the form offers it
    client.force_login(porteur)
    form = client.get(reverse("support:request-create")).content.decode()
    assert "— aucun projet en particulier —" in form
    assert "---------" not in form
    session = SessionFactory(start=timezone.make_aware(timezone.datetime(2027, 1, 8, 11)))
    page = client.get(reverse("support:session", args=[session.pk])).content.decode()
    assert "vendredi 8 janvier 2027" in page
