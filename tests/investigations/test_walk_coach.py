"""What a coach stumbled on while running an investigation in the browser (walk of 06/12): a
phase could be closed on a date before the investigation started or before the phase before
it was closed; now refused at the date field with a French sentence, nothing saved."""

from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import rules, services
from fabrique.investigations.models import InvestigationPhase
from tests.factories import UserFactory

from .factories import InvestigationFactory

pytestmark = pytest.mark.django_db


def ready(phase):
    services.phase_update(phase=phase, figures="40 par mois", sources="Registre", statement="X")


def test_close_date_rule():
    start = date(2026, 11, 26)
    assert rules.close_date_problem(date(2026, 12, 5), start, None) == ""
    assert "avant le début de l'investigation (26/11/2026)" in rules.close_date_problem(
        date(2026, 11, 20), start, None
    )
    assert "avant la clôture de la phase précédente (10/12/2026)" in rules.close_date_problem(
        date(2026, 12, 5), start, date(2026, 12, 10)
    )


def test_coach_cannot_close_a_phase_before_the_investigation_started(client):
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    first = investigation.phases.get(step=1)
    ready(first)
    client.force_login(coach)
    url = reverse("investigations:phase_close", args=[investigation.pk, 1])
    before = investigation.start - timedelta(days=6)
    response = client.post(url, {"summary": "Problème réel.", "on": before.isoformat()})
    assert response.status_code == 200
    error = response.context["form"].errors["on"][0]
    assert f"avant le début de l'investigation ({investigation.start:%d/%m/%Y})" in error
    assert InvestigationPhase.objects.get(pk=first.pk).closed_on is None

    response = client.post(
        url, {"summary": "Problème réel.", "on": investigation.start.isoformat()}
    )
    assert response.status_code == 302
    assert InvestigationPhase.objects.get(pk=first.pk).closed_on == investigation.start


def test_a_phase_is_not_closed_before_the_previous_one():
    investigation = InvestigationFactory()
    first, second = investigation.phases.order_by("step")[:2]
    ready(first)
    services.phase_close(phase=first, summary="Vu", on=investigation.start + timedelta(days=10))
    services.phase_update(phase=second, interviews="12 entretiens", user_needs="Être rappelé")
    with pytest.raises(Exception) as error:
        services.phase_close(phase=second, summary="Vu", on=investigation.start + timedelta(days=3))
    assert "avant la clôture de la phase précédente" in error.value.message_dict["on"][0]


@pytest.mark.parametrize("days", ["0.3", "0.7", "0", "2"])
def test_days_are_half_a_day_or_a_day_per_date(client, days):
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    client.force_login(coach)
    response = client.post(
        reverse("investigations:day_add", args=[investigation.pk]),
        {"full_name": "Sacha Bernard", "role": "coach", "day": investigation.start.isoformat(),
         "days": days, "note": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert "entre 0,5 et 1 jour par date" in response.content.decode()
    assert not investigation.days.exists()
    html = client.get(reverse("investigations:day_add", args=[investigation.pk])).content.decode()
    assert 'step="0.5"' in html


def test_days_left_read_as_french_decimals_in_mon_espace_and_my_list(client):
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    # Entries typed before half-days were enforced (or imported) may hold tenths.
    investigation.days.create(person=coach, full_name="Sacha", role="coach",
                              day=investigation.start, days=Decimal("0.3"))  # fmt: skip
    client.force_login(coach)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "9,7 jours restants sur vos 10 jours financés" in html
    assert "9,6999" not in html
    mine = client.get(reverse("investigations:mine")).content.decode()
    assert "9,7 sur 10" in mine


def test_my_investigations_show_whole_days_without_a_trailing_zero(client):
    coach = UserFactory(role=Role.COACH)
    InvestigationFactory(coach=coach)
    client.force_login(coach)
    mine = client.get(reverse("investigations:mine")).content.decode()
    assert "<td>10 sur 10</td>" in mine
    assert "10,0" not in mine


def test_coach_is_told_who_holds_the_go_no_go_once_the_phases_are_closed(client):
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    investigation.phases.update(closed_on=investigation.start, summary="Vu")
    client.force_login(coach)
    html = client.get(investigation.get_absolute_url()).content.decode()
    assert "en attente du comité de go/no-go" in html
    assert "L'équipe de l'incubateur réunit le comité" in html
    client.force_login(UserFactory(role=Role.INCUBATOR))
    html = client.get(investigation.get_absolute_url()).content.decode()
    assert "réunit le comité" not in html
    assert "Enregistrer le go/no-go" in html


def test_days_past_the_funded_ones_are_said_not_shown_as_zero_left(client):
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    for index in range(12):  # 11,5 days: one day a date, half a day on the last one
        investigation.days.create(
            person=coach, full_name="Sacha", role="coach",
            day=investigation.start + timedelta(days=index),
            days=Decimal("0.5") if index == 11 else Decimal(1),
        )  # fmt: skip
    client.force_login(coach)
    html = unescape(client.get(reverse("accounts:dashboard")).content.decode())
    assert "1,5 jour au-delà des jours financés" in html
    assert "0 jour restant" not in html
    mine = unescape(client.get(reverse("investigations:mine")).content.decode())
    assert "1,5 jour au-delà des jours financés" in mine
    assert rules.days_left_text(Decimal(0)) == "plus aucun jour restant"
    assert rules.days_left_text(Decimal("1.5")) == "1,5 jour restant"
    assert rules.days_left_text(Decimal(4)) == "4 jours restants"


def test_mon_espace_says_the_days_left_are_the_coachs_funded_days_not_the_phases(client):
    """« phase 1 (…), 9 jours restants » read as 9 days left in the phase (which ended in 3):
    the line and the list say whose days they are and out of how many."""
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    investigation.days.create(person=coach, full_name="Sacha", role="coach",
                              day=investigation.start, days=Decimal(1))  # fmt: skip
    client.force_login(coach)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "9 jours restants sur vos 10 jours financés" in html
    mine = client.get(reverse("investigations:mine")).content.decode()
    assert "Mes jours restants" in mine
    assert "9 sur 10" in mine
    assert rules.my_days_left_text(Decimal(-1), 10) == "1 jour au-delà des jours financés"
