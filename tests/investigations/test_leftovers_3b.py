"""Leftovers of the role walks (issue 14): the days ledger and the committee summary."""

from datetime import date

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import services
from fabrique.investigations.vocabulary import StaffRole
from tests.factories import UserFactory

from .factories import InvestigationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH, first_name="Camille", last_name="Coach")


@pytest.fixture
def designer():
    return UserFactory(role=Role.COACH, first_name="Dominique", last_name="Design")


@pytest.fixture
def investigation(coach, designer):
    return InvestigationFactory(coach=coach, designer=designer, start=date(2026, 8, 1))


@pytest.mark.parametrize("amount", ["0", "-1", "0.3"])
def test_a_wrong_number_of_days_is_said_under_the_field(client, coach, investigation, amount):
    client.force_login(coach)
    response = client.post(
        reverse("investigations:day_add", args=[investigation.pk]),
        {"full_name": "Camille Coach", "role": StaffRole.COACH, "day": "2026-09-01",
         "days": amount, "note": ""},
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert "une demi-journée (0,5) ou une journée (1)" in " ".join(form.errors.get("days", []))
    assert not form.non_field_errors()
    assert not investigation.days.exists()
