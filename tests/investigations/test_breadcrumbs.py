"""Every page below « Investigations » shows the way back: the app, the parent(s), the page."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations.models import DayEntry
from fabrique.investigations.vocabulary import StaffRole
from tests.breadcrumbs import breadcrumb, trail
from tests.factories import CommuneFactory, UserFactory
from tests.query_counts import assert_constant_queries

from .factories import CallFactory, ClosedCallFactory, InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db

CALLS = reverse("investigations:calls")
PROBLEMS = reverse("investigations:problems")
ALL = reverse("investigations:investigations")
MINE = reverse("investigations:mine")


@pytest.fixture
def team(client):
    user = UserFactory(role=Role.INCUBATOR)
    client.force_login(user)
    return user


def test_call_page_form_and_delete_lead_back_to_the_calls(client, team):
    call = CallFactory(title="Appel 2027")
    assert trail(client, call.get_absolute_url()) == [
        (CALLS, "Investigations"),
        (None, "Appel 2027"),
    ]
    for name, current in (("call_edit", "Modifier"), ("call_delete", "Supprimer")):
        assert trail(client, reverse(f"investigations:{name}", args=[call.pk])) == [
            (CALLS, "Investigations"),
            (call.get_absolute_url(), "Appel 2027"),
            (None, current),
        ]
    assert trail(client, reverse("investigations:call_create")) == [
        (CALLS, "Investigations"),
        (None, "Nouvel appel"),
    ]


def test_anonymous_call_page_has_the_breadcrumb_too(client):
    call = CallFactory(title="Appel ouvert")
    assert trail(client, call.get_absolute_url())[-1] == (None, "Appel ouvert")


def test_problem_pages_lead_back_to_the_problem_and_the_list(client, team):
    # Its call closed: the decision form opens (before, it leads back to the problem).
    problem = ProblemFactory(title="Cantine", call=ClosedCallFactory())
    ProblemFactory(title="Cantine aussi")  # something to merge: the merge page opens
    assert trail(client, problem.get_absolute_url()) == [
        (CALLS, "Investigations"),
        (PROBLEMS, "Problèmes"),
        (None, "Cantine"),
    ]
    parent = [
        (CALLS, "Investigations"),
        (PROBLEMS, "Problèmes"),
        (problem.get_absolute_url(), "Cantine"),
    ]
    pages = {
        "problem_edit": "Modifier",
        "problem_delete": "Supprimer",
        "problem_select": "Décision",
        "problem_merge": "Fusionner",
        "attachment_add": "Ajouter une pièce jointe",
    }
    for name, current in pages.items():
        url = reverse(f"investigations:{name}", args=[problem.pk])
        assert trail(client, url) == [*parent, (None, current)], name
    start = reverse("investigations:investigation_start", args=[problem.pk])
    assert trail(client, start) == [*parent, (None, "Lancer l'investigation")]
    assert trail(client, reverse("investigations:problem_create")) == [
        (CALLS, "Investigations"),
        (PROBLEMS, "Problèmes"),
        (None, "Déposer un problème"),
    ]


def test_investigation_pages_lead_back_through_the_team_list(client, team):
    investigation = InvestigationFactory(problem__title="Déchetterie")
    page = investigation.get_absolute_url()
    assert trail(client, page) == [
        (CALLS, "Investigations"),
        (ALL, "Toutes les investigations"),
        (None, "Déchetterie"),
    ]
    parent = [(CALLS, "Investigations"), (ALL, "Toutes les investigations"), (page, "Déchetterie")]
    pk = investigation.pk
    pages = {
        reverse("investigations:investigation_edit", args=[pk]): "Modifier",
        reverse("investigations:investigation_delete", args=[pk]): "Supprimer",
        reverse("investigations:phase_edit", args=[pk, 2]): "Phase 2",
        reverse("investigations:phase_close", args=[pk, 1]): "Clore la phase 1",
        reverse("investigations:day_add", args=[pk]): "Ajouter des jours",
        reverse("investigations:decision", args=[pk]): "Go/no-go",
    }
    for url, current in pages.items():
        assert trail(client, url) == [*parent, (None, current)], url


def test_coach_goes_back_to_their_own_investigations(client):
    coach = UserFactory(role=Role.COACH)
    client.force_login(coach)
    investigation = InvestigationFactory(coach=coach, problem__title="Voirie")
    entry = DayEntry.objects.create(
        investigation=investigation,
        person=coach,
        full_name="Sacha Bernard",
        role=StaffRole.COACH,
        day=investigation.start,
        days=1,
    )
    assert trail(client, investigation.get_absolute_url()) == [
        (CALLS, "Investigations"),
        (MINE, "Mes investigations"),
        (None, "Voirie"),
    ]
    delete = reverse("investigations:day_delete", args=[investigation.pk, entry.pk])
    assert trail(client, delete) == [
        (CALLS, "Investigations"),
        (MINE, "Mes investigations"),
        (investigation.get_absolute_url(), "Voirie"),
        (None, f"Supprimer les jours du {entry.day:%d/%m/%Y}"),
    ]


def test_public_page_leads_back_to_the_programme(client):
    investigation = InvestigationFactory(is_public=True, problem__title="Transport scolaire")
    url = reverse("investigations:public", args=[investigation.pk])
    assert trail(client, url) == [
        (CALLS, "Investigations"),
        (reverse("investigations:public_list"), "Investigations publiques"),
        (None, "Transport scolaire"),
    ]


def test_list_pages_show_the_breadcrumb_with_constant_queries(
    client, team, django_assert_max_num_queries
):
    InvestigationFactory()

    def grow():
        for _ in range(4):
            InvestigationFactory(problem__communes=[CommuneFactory()])

    for url, title in ((PROBLEMS, "Problèmes"), (ALL, "Toutes les investigations")):
        before, after = assert_constant_queries(
            django_assert_max_num_queries, lambda url=url: client.get(url), grow, budget=20
        )
        for response in (before, after):
            assert breadcrumb(response)[1:] == [(CALLS, "Investigations"), (None, title)]
