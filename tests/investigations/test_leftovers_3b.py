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


def _entry(investigation, person, role):
    return services.day_add(
        investigation=investigation, person=person, role=role, day=date(2026, 9, 1), days=1
    )


def test_the_coach_cannot_correct_or_delete_the_designers_days(client, coach, designer,
                                                                 investigation):  # fmt: skip
    """Issue 14: a days ledger per person. The coach and the designer each write their own
    days (and the agents'); the team corrects anyone's."""
    theirs = _entry(investigation, designer, StaffRole.DESIGNER)
    client.force_login(coach)
    edit = reverse("investigations:day_edit", args=[investigation.pk, theirs.pk])
    delete = reverse("investigations:day_delete", args=[investigation.pk, theirs.pk])
    assert client.get(edit).status_code == 403
    assert client.post(delete).status_code == 403
    assert investigation.days.filter(pk=theirs.pk).exists()
    page = client.get(investigation.get_absolute_url()).content.decode()
    assert edit not in page and delete not in page
    # Nor add days in the designer's name.
    response = client.post(
        reverse("investigations:day_add", args=[investigation.pk]),
        {"full_name": "Dominique Design", "role": StaffRole.DESIGNER, "day": "2026-09-02",
         "days": "1", "note": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert investigation.days.count() == 1
    # The designer corrects their own, the team anyone's.
    client.force_login(designer)
    assert client.get(edit).status_code == 200
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert client.post(delete, follow=True).status_code == 200
    assert not investigation.days.exists()


def test_the_coach_still_records_the_agents_days(client, coach, investigation):
    client.force_login(coach)
    response = client.post(
        reverse("investigations:day_add", args=[investigation.pk]),
        {"full_name": "Alex Agent", "role": StaffRole.AGENT, "day": "2026-09-02",
         "days": "0.5", "note": ""},
    )  # fmt: skip
    assert response.status_code == 302
    entry = investigation.days.get()
    assert (
        client.get(
            reverse("investigations:day_edit", args=[investigation.pk, entry.pk])
        ).status_code
        == 200
    )


def test_the_service_refuses_another_roles_days(coach, designer, investigation):
    from django.core.exceptions import ValidationError

    theirs = _entry(investigation, designer, StaffRole.DESIGNER)
    with pytest.raises(ValidationError) as error:
        services.day_save(
            investigation=investigation, entry=theirs, person=designer, role=StaffRole.DESIGNER,
            day=date(2026, 9, 1), days="0.5", by=coach,
        )  # fmt: skip
    assert "Designer" in str(error.value)
    with pytest.raises(ValidationError):
        services.day_delete(entry=theirs, by=coach)


def test_the_ledger_writes_days_in_words(client, coach, investigation):
    _entry(investigation, coach, StaffRole.COACH)
    client.force_login(coach)
    page = " ".join(client.get(investigation.get_absolute_url()).content.decode().split())
    assert "(Coach) : 1 jour" in page and "1,0 j" not in page


def test_the_committee_summary_totals_the_days_per_role(client, coach, designer, investigation):
    """The PDF for the committee listed each day, with no total per role: coach 10 days funded,
    designer 6, as on the page."""
    from tests.documents import pdf_text

    _entry(investigation, coach, StaffRole.COACH)
    services.day_add(investigation=investigation, person=coach, role=StaffRole.COACH,
                     day=date(2026, 9, 2), days="0.5")  # fmt: skip
    _entry(investigation, designer, StaffRole.DESIGNER)
    client.force_login(coach)
    text = " ".join(
        pdf_text(client.get(reverse("investigations:pdf", args=[investigation.pk])).content).split()
    )
    assert "Coach 10 jours 1,5 jour" in text
    assert "Designer 6 jours 1 jour" in text
    assert "Agent de la collectivité — 0 jour" in text


def test_every_problem_of_the_same_collectivite_is_labelled_so():
    """« Déjà vu ailleurs » labelled one problem of the commune « Même collectivité » and another
    only « Problème » (below the merge threshold): the fact is said for both, the merge
    suggestion only for the close one, and only to those who merge."""
    from fabrique.investigations.selectors.similar import Seen, flag_same_collectivite
    from tests.factories import CommuneFactory

    from .factories import ProblemFactory

    commune = CommuneFactory()
    close_one, far_one = ProblemFactory(communes=[commune]), ProblemFactory(communes=[commune])
    elsewhere = ProblemFactory()
    seen = [
        Seen("Ailleurs", "/a", "probleme", 0.9, elsewhere.pk, ["salle"]),
        Seen("Loin", "/l", "probleme", 0.25, far_one.pk, ["salle"]),
        Seen("Proche", "/p", "probleme", 0.8, close_one.pk, ["salle"]),
    ]
    team = UserFactory(role=Role.INCUBATOR)
    assert [(s.label, s.same_label) for s in flag_same_collectivite(seen, [commune], team)] == [
        ("Proche", "Même collectivité : à fusionner ?"),
        ("Loin", "Même collectivité"),
        ("Ailleurs", ""),
    ]
    agent = UserFactory(role=Role.AGENT)
    assert [s.same_label for s in flag_same_collectivite(seen, [commune], agent)] == [
        "Même collectivité",
        "Même collectivité",
        "",
    ]
