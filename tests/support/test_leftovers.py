"""Leftovers of the role walks: a follow-up links its project, knowledge pages link their
missions, sessions on a Sunday or a public holiday ask to confirm."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import FollowUpFactory

pytestmark = pytest.mark.django_db


def test_follow_up_page_links_its_project(client):
    coach = UserFactory(role=Role.COACH)
    follow_up = FollowUpFactory(coach=coach)
    client.force_login(coach)
    page = client.get(reverse("support:follow-up", args=[follow_up.pk]))
    project = follow_up.project
    assert f'<a href="{project.get_absolute_url()}">{project}</a>' in page.text


def session_post(client, start, **extra):
    from .factories import SupportFormatFactory

    data = {
        "format": SupportFormatFactory().pk,
        "start": start,
        "end": start[:11] + "17:00",
        "capacity": 10,
        "is_public": "on",
        **extra,
    }
    return client.post(reverse("support:session-create"), data)


@pytest.mark.parametrize(
    ("start", "said"),
    [
        ("2027-03-07T10:00", "Cette date tombe un dimanche."),
        ("2027-05-06T10:00", "Cette date tombe un jour férié (Ascension)."),
        ("2027-07-14T10:00", "Cette date tombe un jour férié (14 juillet)."),
    ],
)
def test_a_session_on_a_day_off_asks_to_confirm(client, start, said):
    from html import unescape

    from fabrique.support.models import Session

    client.force_login(UserFactory(role=Role.INCUBATOR))
    response = session_post(client, start)
    assert said in unescape(response.content.decode())
    assert not Session.objects.exists()
    response = session_post(client, start, confirm_dates="on")
    assert response.status_code == 302
    assert Session.objects.count() == 1


def test_a_session_on_a_weekday_needs_no_confirmation(client):
    from fabrique.support.models import Session

    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert session_post(client, "2027-03-08T10:00").status_code == 302
    assert Session.objects.count() == 1


def test_french_days_off():
    from datetime import date

    from fabrique.core.dates import day_off, easter_sunday

    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert day_off(date(2026, 4, 6)) == "un jour férié (lundi de Pâques)"
    assert day_off(date(2026, 5, 25)) == "un jour férié (lundi de Pentecôte)"
    assert day_off(date(2026, 12, 6)) == "un dimanche"
    assert day_off(date(2026, 12, 5)) == ""  # a Saturday: élus' meetings happen then


def a_mission():
    from datetime import date

    from fabrique.diagnostics import services as diagnostics
    from tests.factories import CommuneFactory

    commune = CommuneFactory(name="Petiteville", population=1200)
    return diagnostics.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )


def test_knowledge_page_links_its_missions_for_those_who_may_open_them(client):
    from fabrique.support.models import KnowledgePage

    team = UserFactory(role=Role.INCUBATOR)
    mission = a_mission()
    client.force_login(team)
    response = client.post(
        reverse("support:page-create"),
        {"title": "Méthode", "theme": "design", "body": "Texte", "is_public": "on",
         "missions": [mission.pk], "missions_note": "Mission de 2023 à Thiers"},
    )  # fmt: skip
    assert response.status_code == 302
    page = KnowledgePage.objects.get()
    assert page.missions == f"{mission.pk}, Mission de 2023 à Thiers"
    html = client.get(reverse("support:page", args=[page.slug])).content.decode()
    assert f'<a href="{mission.get_absolute_url()}">' in html
    assert "Mission de 2023 à Thiers" in html
    client.logout()  # the public reads the page, not the mission
    html = client.get(reverse("support:page", args=[page.slug])).content.decode()
    assert mission.get_absolute_url() not in html
    assert "Mission de 2023 à Thiers" in html


def test_an_old_free_text_number_becomes_a_link_and_a_coach_keeps_others_missions(client):
    from fabrique.support import services
    from fabrique.support.models import KnowledgePage

    from .factories import KnowledgePageFactory

    mission = a_mission()
    page = KnowledgePageFactory(missions=str(mission.pk), is_public=False)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    html = client.get(reverse("support:page", args=[page.slug])).content.decode()
    assert f'<a href="{mission.get_absolute_url()}">' in html
    # A coach who does not follow that mission edits the page: the link stays.
    coach = UserFactory(role=Role.COACH)
    client.force_login(coach)
    response = client.post(
        reverse("support:page-edit", args=[page.slug]),
        {"title": "Méthode revue", "theme": "design", "body": "Texte", "missions": []},
    )
    assert response.status_code == 302
    assert KnowledgePage.objects.get().missions == str(mission.pk)
    services.page_save(page=page, title="Sans mission", theme="design", body="x", is_public=False)
    assert KnowledgePage.objects.get().missions == ""


def test_support_history_of_a_project_links_the_project(client):
    coach = UserFactory(role=Role.COACH)
    follow_up = FollowUpFactory(coach=coach)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    project = follow_up.project
    html = client.get(reverse("support:project", args=[project.slug])).content.decode()
    assert f'<a href="{project.get_absolute_url()}">{project.name}</a>' in html
