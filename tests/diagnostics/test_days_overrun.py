"""Past 10 days (issue 13, item 2: « going past 10 needs a team member's approval with a
reason »): the team logs the time on the consultant's behalf with the reason; the entry names
the consultant, the reason shows in the ledger and the banner says who approved and why. The
consultant's form has no reason field (it would be ignored). The banner counts the days used."""

from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import rules, services
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH, first_name="Claire", last_name="Martin")


@pytest.fixture
def team():
    return UserFactory(role=Role.INCUBATOR, first_name="Camille", last_name="Durand")


@pytest.fixture
def mission(coach):
    commune = CommuneFactory(name="Petiteville", population=1200)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )
    mission = services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    for index in range(10):
        services.time_log(mission=mission, person=coach, day=date(2026, 9, 1) + timedelta(index),
                          half_days=2, kind="analyse")  # fmt: skip
    return mission


def add(client, mission, **extra):
    data = {"day": "2026-09-14", "half_days": "1", "kind": "redaction", "note": "", **extra}
    response = client.post(reverse("diagnostics:time-add", args=[mission.pk]), data, follow=True)
    return unescape(response.text)


def test_the_consultant_has_no_reason_field_and_is_told_to_ask_the_team(client, coach, mission):
    client.force_login(coach)
    page = unescape(client.get(mission.get_absolute_url()).text)
    assert "Motif du dépassement" not in page
    response = add(client, mission, approval_reason="Je me l'approuve")
    assert "Demandez à l'équipe de l'incubateur de saisir ce temps à votre nom" in response
    assert services.days_used(mission) == Decimal(10)


def test_the_team_logs_the_11th_day_for_the_consultant_with_a_reason(client, coach, team, mission):
    client.force_login(team)
    page = unescape(client.get(mission.get_absolute_url()).text)
    assert "Temps saisi au nom de Claire Martin" in page
    missing = add(client, mission)
    assert "indiquez le motif du dépassement approuvé" in missing
    response = add(client, mission, approval_reason="Restitution aux élus reportée")
    assert "Temps enregistré." in response
    entry = mission.time_entries.get(day=date(2026, 9, 14))
    assert entry.person == coach  # who worked, not who typed
    page = unescape(client.get(mission.get_absolute_url()).text)
    assert "— Claire Martin" in page and "— Camille Durand" not in page
    assert "Motif : Restitution aux élus reportée" in page
    assert "dépassement approuvé par Camille Durand" in page
    assert "un dépassement demande l'accord" not in page
    client.force_login(coach)
    assert "Motif : Restitution aux élus reportée" in unescape(
        client.get(mission.get_absolute_url()).text
    )


@pytest.mark.parametrize(
    ("used", "badge", "text"),
    [
        ("7.5", None, None),
        ("8", "Il reste 2 jours", "8 jours utilisés sur 10 : il reste 2 jours."),
        ("9", "Il reste 1 jour", "9 jours utilisés sur 10 : il reste 1 jour."),
        ("9.5", "Il reste 0,5 jour", "9,5 jours utilisés sur 10 : il reste 0,5 jour."),
        ("10", "10 jours atteints", "10 jours utilisés sur 10 : au-delà, le temps est saisi"),
        ("10.5", "Dépassement non approuvé", "10,5 jours utilisés sur 10, sans accord"),
    ],
)
def test_the_days_banner_counts_the_days_used(used, badge, text):
    banner = rules.days_banner(Decimal(used))
    if badge is None:
        assert banner is None
    else:
        assert banner["badge"] == badge and banner["text"].startswith(text)


def test_the_banner_at_10_5_says_who_approved_and_why():
    banner = rules.days_banner(Decimal("10.5"), approved_by="Camille Durand", reason="Restitution")
    assert banner["text"] == (
        "10,5 jours utilisés sur 10 : dépassement approuvé par Camille Durand. Motif : Restitution"
    )


def test_at_9_days_the_page_does_not_say_8(client, coach):
    commune = CommuneFactory(name="Petiteville", population=1200)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )
    mission = services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    for index in range(9):
        services.time_log(mission=mission, person=coach, day=date(2026, 9, 1) + timedelta(index),
                          half_days=2, kind="analyse")  # fmt: skip
    client.force_login(coach)
    page = unescape(client.get(mission.get_absolute_url()).text)
    assert "9 jours utilisés sur 10 : il reste 1 jour." in page
    assert "8 jours passés" not in page


def test_a_mission_over_its_10_days_is_flagged_in_the_teams_list_and_mon_espace(
    client, coach, team, mission
):
    """Issue 12: « Mon espace » shows the team the missions over budget, first (a dozen missions
    ending earlier do not push it out), and the team's list and national view say it in words."""
    services.time_log(
        mission=mission, person=coach, day=date(2026, 9, 14), half_days=1, kind="redaction",
        approved_by=team, approval_reason="Atelier en plus",
    )  # fmt: skip
    for _ in range(11):
        other = services.mission_request(collectivite=CommuneFactory(population=800),
                                         hopes="Un site", today=date(2026, 8, 1))  # fmt: skip
        services.mission_accept(mission=other, consultant=coach, start=date(2026, 8, 1))
    client.force_login(team)
    queue = unescape(client.get(reverse("diagnostics:queue")).text)
    assert "10,5 / 10" in queue and "Dépassement approuvé" in queue
    national = unescape(client.get(reverse("diagnostics:national")).text)
    assert "10,5 / 10" in national and "Dépassement approuvé" in national
    space = unescape(client.get(reverse("accounts:dashboard")).text)
    assert "Petiteville" in space and "10,5 jours sur 10" in space
    assert "dépassement approuvé" in space


def test_the_list_badge_is_the_rule_of_the_mission_page():
    assert rules.days_badge(Decimal("10.5"))["badge"] == "Dépassement non approuvé"
    assert rules.days_badge(Decimal("10.5"), approved=True, running=False)["level"] == "info"
    assert rules.days_badge(Decimal(9), running=False) is None  # delivered: nothing left to warn
    assert rules.days_badge(Decimal(9))["badge"] == "Il reste 1 jour"
    assert rules.days_banner(Decimal(9))["badge"] == "Il reste 1 jour"
