"""What a second walk through the programme found (team, coach, agent), each fixed at its root."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations.models import Review
from tests.factories import UserFactory

from .factories import ClosedCallFactory, InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    user = UserFactory(role=Role.INCUBATOR)
    client.force_login(user)
    return user


def test_a_score_out_of_the_grid_is_said_on_its_criterion(client, team):
    problem = ProblemFactory(call=ClosedCallFactory())
    response = client.post(
        reverse("investigations:problem_review", args=[problem.pk]),
        {"score_realite": 7, "score_collectivites": 3},
    )
    form = response.context["form"]
    assert form.errors["score_realite"] == ["La note doit être comprise entre 0 et 5."]
    assert form.errors["score_engagement"] == ["Donnez une note à ce critère."]
    assert not form.non_field_errors()
    assert not Review.objects.exists()


def test_a_go_grid_score_out_of_range_is_said_on_its_criterion(client, team):
    investigation = InvestigationFactory()
    response = client.post(
        reverse("investigations:decision", args=[investigation.pk]),
        {"decision": "go", "on": date.today().isoformat(), "project_name": "X", "grid_ampleur": 9},
    )
    form = response.context["form"]
    assert form.errors["grid_ampleur"] == ["La note doit être comprise entre 0 et 5."]
    assert not form.non_field_errors()
    investigation.refresh_from_db()
    assert not investigation.decision


def test_review_form_asks_the_scores_before_the_comment(client, team):
    problem = ProblemFactory(call=ClosedCallFactory())
    form = client.get(reverse("investigations:problem_review", args=[problem.pk])).context["form"]
    assert list(form.fields)[-1] == "comment"


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (-1, "avant le début de l'investigation"),
        (None, "à venir"),
    ],
)
def test_days_are_not_recorded_before_the_start_nor_in_the_future(offset, words):
    from django.core.exceptions import ValidationError

    from fabrique.investigations import services
    from fabrique.investigations.models import DayEntry

    investigation = InvestigationFactory(start=date.today() - timedelta(days=7))
    day = investigation.start + timedelta(days=offset) if offset else date.today() + timedelta(1)
    with pytest.raises(ValidationError) as raised:
        services.day_add(
            investigation=investigation, role="coach", day=day, days=1, full_name="Sacha"
        )
    assert words in raised.value.message_dict["day"][0]
    assert not DayEntry.objects.exists()
    # The first day and today are fine.
    for day in (investigation.start, date.today()):
        services.day_add(
            investigation=investigation, role="coach", day=day, days=1, full_name="Sacha"
        )
