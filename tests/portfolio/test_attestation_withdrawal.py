"""An attested service fait can be withdrawn by the team, with a reason kept in the history,
for 30 days (the payment delay); one rule for the service, its page and the project page."""

from datetime import date, datetime, timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.portfolio import rules, services
from fabrique.portfolio.models import ServiceFait
from tests.factories import UserFactory

from .factories import ServiceFaitFactory

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def test_rule_withdrawal_until_thirty_days_after_the_attestation():
    attested = at(date(2026, 11, 2))
    assert rules.attestation_withdrawal_problem(attested, date(2026, 11, 2)) == ""
    assert rules.attestation_withdrawal_problem(attested, date(2026, 12, 2)) == ""
    late = rules.attestation_withdrawal_problem(attested, date(2026, 12, 3))
    assert "jusqu'au 02/12/2026" in late
    assert "pas attestée" in rules.attestation_withdrawal_problem(None, date(2026, 12, 3))


def attested_period(days_ago=0):
    period = ServiceFaitFactory()
    services.service_fait_attest(period=period, by=UserFactory(role=Role.INCUBATOR))
    ServiceFait.objects.filter(pk=period.pk).update(
        attested_at=timezone.now() - timedelta(days=days_ago)
    )
    period.refresh_from_db()
    return period


def test_team_withdraws_with_a_reason_kept_in_the_history(client):
    period = attested_period(days_ago=3)
    project = period.member.project
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(project.get_absolute_url()).content.decode())
    url = reverse("portfolio:attest-withdraw", args=[period.pk])
    assert url in page and "Retirer l'attestation" in page
    refused = client.post(url, {"reason": "  "})
    assert "Indiquez pourquoi" in unescape(refused.content.decode())
    response = client.post(url, {"reason": "Mauvaise période"}, follow=True)
    assert "Attestation retirée" in unescape(response.content.decode())
    period.refresh_from_db()
    assert period.attested_at is None and period.attested_by is None
    assert period.history.first().history_change_reason == "Mauvaise période"
    history = client.get(reverse("portfolio:history", args=[project.slug]))
    assert "Motif : Mauvaise période" in unescape(history.content.decode())
    # The period is to attest again, and can now be corrected.
    services.service_fait_delete(period=period)


def test_too_late_to_withdraw_is_said_and_refused(client):
    period = attested_period(days_ago=40)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(period.member.project.get_absolute_url()).content.decode()
    url = reverse("portfolio:attest-withdraw", args=[period.pk])
    assert url not in page
    response = client.post(url, {"reason": "Erreur"}, follow=True)
    assert "le délai de paiement" in unescape(response.content.decode())
    period.refresh_from_db()
    assert period.attested_at is not None
    with pytest.raises(ValidationError, match="délai"):
        services.service_fait_withdraw(period=period, reason="Erreur")


@pytest.mark.parametrize("role", [Role.COACH, Role.SERVICE_OWNER, Role.AGENT])
def test_only_the_team_withdraws(client, role):
    period = attested_period()
    client.force_login(UserFactory(role=role))
    url = reverse("portfolio:attest-withdraw", args=[period.pk])
    assert client.post(url, {"reason": "Erreur"}).status_code == 403
    period.refresh_from_db()
    assert period.attested_at is not None
