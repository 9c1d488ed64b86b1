"""Defects found by a tester walking the programme (round 5): « déjà vu ailleurs » must show
the problems of the same collectivité (the one to merge), scoring and the decision open only
once the call is closed (the page says when, the forms refuse before), an emptied summary."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import services
from fabrique.investigations.models import InvestigationPhase, Review
from fabrique.investigations.rules import scoring_wait_problem
from fabrique.investigations.selectors import similar_for_problem, similar_for_text
from fabrique.investigations.vocabulary import ProblemStatus
from fabrique.synergies import services as synergy_services
from tests.factories import CommuneFactory, MembershipFactory, UserFactory

from .factories import CallFactory, InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


def _cantine(commune, **kwargs):
    return ProblemFactory(
        title="Inscriptions à la cantine perdues",
        statement="Les inscriptions à la cantine scolaire se font sur papier et se perdent.",
        communes=[commune],
        **kwargs,
    )


def test_the_problem_page_shows_the_same_collectivite_problem_to_merge(client):
    commune = CommuneFactory(name="Saint-Just-en-Chevalet")
    old = _cantine(commune, status=ProblemStatus.SELECTED)
    elsewhere = _cantine(CommuneFactory(name="Ailleurs"))
    synergy_services.recompute()
    title = "Inscriptions cantine sur papier"
    statement = "Les parents inscrivent leurs enfants à la cantine scolaire sur papier."
    team = UserFactory(role=Role.INCUBATOR)
    # The submission preview and the page agree: the old problem, marked as the same
    # collectivité's, whose title the team can open and merge.
    preview = similar_for_text(f"{title}\n{statement}", user=team, territories=[commune])
    assert [s.label for s in preview if s.same_collectivite] == [old.title]
    assert preview[0].same_label == "Même collectivité : à fusionner ?"
    new = ProblemFactory(title=title, statement=statement, communes=[commune])
    synergy_services.recompute()
    page_list = similar_for_problem(new, user=team)
    assert [s.label for s in page_list if s.same_collectivite] == [old.title]
    assert elsewhere.get_absolute_url() in [s.url for s in page_list if not s.same_collectivite]
    client.force_login(team)
    page = client.get(reverse("investigations:problem", args=[new.pk])).text
    assert old.get_absolute_url() in page
    assert "Même collectivité : à fusionner ?" in page
    # The agent of the commune sees it too, without the merge wording (they cannot merge).
    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, commune=commune)
    client.force_login(agent)
    page = client.get(reverse("investigations:problem", args=[new.pk])).text
    assert old.get_absolute_url() in page and "Même collectivité" in page
    assert "à fusionner ?" not in page
    assert elsewhere.get_absolute_url() not in page  # another collectivité's: not theirs


def test_a_coach_does_not_see_a_same_collectivite_problem_outside_their_investigations(client):
    commune = CommuneFactory()
    old = _cantine(commune)
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(
        coach=coach,
        problem=ProblemFactory(
            title="Cantine sur papier",
            statement="Les inscriptions à la cantine scolaire se font sur papier.",
            communes=[commune],
            status=ProblemStatus.SELECTED,
        ),
    )
    synergy_services.recompute()
    assert old.get_absolute_url() not in [
        s.url for s in similar_for_problem(investigation.problem, user=coach)
    ]


def _open_call_problem():
    call = CallFactory(closes_on=date.today() + timedelta(days=50))
    return call, ProblemFactory(call=call)


def test_the_scoring_rule_says_when_it_opens():
    call, _ = _open_call_problem()
    today = date.today()
    said = scoring_wait_problem(call, today)
    assert f"le {call.closes_on:%d/%m/%Y}" in said and "clôture de l'appel" in said
    assert scoring_wait_problem(call, call.closes_on + timedelta(days=1)) == ""
    assert "aucun appel" in scoring_wait_problem(None, today)


def test_the_page_explains_why_scoring_waits_for_the_closing(client):
    call, problem = _open_call_problem()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(reverse("investigations:problem", args=[problem.pk])).text)
    assert (
        "La notation et la décision s'ouvrent à la clôture de l'appel, "
        f"le {call.closes_on:%d/%m/%Y}" in page
    )
    assert reverse("investigations:problem_review", args=[problem.pk]) not in page


@pytest.mark.parametrize("name", ["investigations:problem_review", "investigations:problem_select"])
def test_scoring_and_decision_forms_refuse_before_the_closing(client, name):
    _, problem = _open_call_problem()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse(name, args=[problem.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == problem.get_absolute_url()
    assert "s'ouvrent à la clôture de l'appel" in unescape(response.text)
    response = client.post(url, {"selected": "1", "reason": "Oui", "score_realite": "3"})
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SUBMITTED
    assert not Review.objects.exists()


def test_the_service_refuses_with_the_same_sentence():
    call, problem = _open_call_problem()
    with pytest.raises(ValidationError) as error:
        services.selection_decide(problem=problem, selected=True, reason="Oui")
    assert error.value.messages[0] == scoring_wait_problem(call, date.today())


def test_a_reopened_phase_is_closed_again_with_the_new_summary_not_the_old_one():
    """An emptied summary is refused in French (a phase closes with one); a new one replaces
    the old one; an emptied artefact is saved empty."""
    investigation = InvestigationFactory()
    phase = investigation.phases.get(step=1)
    services.phase_update(phase=phase, figures="12 %", sources="Insee", statement="Énoncé")
    services.phase_close(phase=phase, summary="Ancienne synthèse", on=investigation.start)
    services.phase_reopen(phase=phase)
    with pytest.raises(ValidationError) as error:
        services.phase_close(phase=phase, summary="  ", on=investigation.start)
    assert "Résumez la phase" in error.value.messages[0]
    services.phase_close(phase=phase, summary="Nouvelle", on=investigation.start)
    assert InvestigationPhase.objects.get(pk=phase.pk).summary == "Nouvelle"
    services.phase_reopen(phase=phase)
    services.phase_update(phase=phase, sources="")
    assert InvestigationPhase.objects.get(pk=phase.pk).sources == ""
