"""What the demo coach stumbled on in a week in the browser (walk of 06/12, second round): on
« Modifier l'investigation » the coach could put someone else as coach; saving said
« Investigation modifiée. » above a 404, the investigation gone from « Mes investigations ».
Who coaches and who designs is the team's call (as the consultant of a sur-mesure mission):
the coach sees both fields, not to be changed."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import InvestigationFactory

pytestmark = pytest.mark.django_db


def edit_data(investigation, **changes):
    data = {
        "coach": investigation.coach_id,
        "designer": investigation.designer_id or "",
        "agents": investigation.agents,
        "start": investigation.start.isoformat(),
        "weeks": investigation.weeks,
    }
    data.update(changes)
    return data


def test_a_coach_cannot_hand_the_investigation_over_by_editing_it(client):
    coach = UserFactory(role=Role.COACH)
    other = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    url = reverse("investigations:investigation_edit", args=[investigation.pk])
    client.force_login(coach)
    form = client.get(url).content.decode()
    assert "Coach (10 jours) — attribué par l&#x27;équipe de l&#x27;incubateur" in form
    response = client.post(url, edit_data(investigation, coach=other.pk, designer=other.pk,
                                           weeks=11), follow=True)  # fmt: skip
    assert response.status_code == 200
    investigation.refresh_from_db()
    assert (investigation.coach, investigation.designer, investigation.weeks) == (coach, None, 11)
    assert "Investigation modifiée." in response.content.decode()


def test_the_team_still_assigns_the_coach_and_the_designer(client):
    team = UserFactory(role=Role.INCUBATOR)
    coach, designer = UserFactory(role=Role.COACH), UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=UserFactory(role=Role.COACH))
    client.force_login(team)
    url = reverse("investigations:investigation_edit", args=[investigation.pk])
    client.post(url, edit_data(investigation, coach=coach.pk, designer=designer.pk))
    investigation.refresh_from_db()
    assert (investigation.coach, investigation.designer) == (coach, designer)
