"""What a second walk of the programme found: the go/no-go waits for the five phases and can be
corrected or cancelled, phases share no day, the call form says every error at once, averages
carry their scale, committees are named alike, only the team scores, and an agent sees their
own collectivité's earlier problems in « déjà vu ailleurs »."""

from datetime import date, timedelta
from html import unescape
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.catalogue.models import SolutionUse
from fabrique.investigations import rules, services
from fabrique.investigations.forms import CallForm, DecisionForm
from fabrique.investigations.models import Review
from fabrique.investigations.selectors import similar_for_text
from fabrique.investigations.vocabulary import Decision, ProblemStatus
from fabrique.portfolio.models import Project
from fabrique.portfolio.vocabulary import CommitteeKind
from tests.catalogue.factories import SolutionFactory
from tests.factories import CommuneFactory, MembershipFactory, UserFactory
from tests.portfolio.factories import CommitteeFactory

from .factories import ClosedCallFactory, InvestigationFactory, ProblemFactory, close_all_phases

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    user = UserFactory(role=Role.INCUBATOR)
    client.force_login(user)
    return user


# --- The go/no-go comes after the five phases ----------------------------------------------


def test_no_go_no_go_before_the_five_phases_are_closed(client, team):
    investigation = InvestigationFactory()
    investigation.phases.filter(step__lte=4).update(closed_on=investigation.start)
    with pytest.raises(ValidationError) as raised:
        services.decision_record(investigation=investigation, decision="no-go", learnings="Vu.")
    assert "Clôturez d'abord la phase 5 (Sortie)" in raised.value.messages[0]
    investigation.refresh_from_db()
    assert not investigation.decision
    page = client.get(investigation.get_absolute_url()).text
    assert "Enregistrer le go/no-go" not in page
    close_all_phases(investigation)
    page = client.get(investigation.get_absolute_url()).text
    assert "Enregistrer le go/no-go" in page


def test_the_decision_comes_after_the_last_phase_was_closed():
    investigation = close_all_phases(InvestigationFactory(), on=date.today())
    with pytest.raises(ValidationError) as raised:
        services.decision_record(
            investigation=investigation,
            decision="no-go",
            learnings="Vu.",
            on=date.today() - timedelta(days=1),
        )
    assert "avant la clôture de la phase 5" in raised.value.message_dict["on"][0]


# --- A recorded decision is corrected or cancelled -----------------------------------------


def _go(investigation, on=None):
    return services.decision_record(
        investigation=investigation, decision=Decision.GO, project_name="Cantine facile", on=on
    )


def test_a_go_corrected_into_a_no_go_closes_the_project_it_opened():
    investigation = close_all_phases(InvestigationFactory())
    _go(investigation)
    project = Project.objects.get()
    services.decision_update(
        investigation=investigation, decision=Decision.NO_GO, learnings="Un lien suffit."
    )
    investigation.refresh_from_db()
    assert investigation.decision == Decision.NO_GO
    assert investigation.project == project  # the same project, not a second one
    phases = list(project.phases.order_by("start", "pk").values_list("name", "end"))
    assert phases == [("investigation", date.today()), ("abandon-investigation", None)]
    decision = project.decisions.get()
    assert decision.outcome == "no-go" and decision.conditions == "Un lien suffit."
    assert Project.objects.count() == 1
    # History keeps both decisions.
    assert [h.decision for h in investigation.history.order_by("history_date")][-3:] == [
        "go",
        "",
        "no-go",
    ]


def test_a_corrected_go_keeps_one_project_and_one_set_of_documents():
    investigation = close_all_phases(InvestigationFactory())
    _go(investigation, on=date.today() - timedelta(days=2))
    services.decision_update(
        investigation=investigation, decision=Decision.GO, project_name="", on=date.today()
    )
    project = Project.objects.get()
    phases = list(project.phases.order_by("start", "pk").values_list("name", "start", "end"))
    assert phases == [
        ("investigation", investigation.start, date.today()),
        ("construction", date.today(), None),
    ]
    committee = investigation.committee
    assert committee.decisions.count() == 1
    assert committee.documents.count() == 1  # the summary, not twice


def test_a_refused_correction_leaves_the_decision_as_it_was():
    investigation = close_all_phases(InvestigationFactory())
    _go(investigation)
    with pytest.raises(ValidationError) as raised:
        services.decision_update(investigation=investigation, decision=Decision.NO_GO)
    assert "appris" in raised.value.message_dict["learnings"][0]
    investigation.refresh_from_db()
    assert investigation.decision == Decision.GO
    project = Project.objects.get()
    assert project.phases.order_by("-start", "-pk").first().name == "construction"
    assert project.decisions.count() == 1


def test_cancelling_a_go_sends_the_project_back_to_its_investigation_phase():
    investigation = close_all_phases(InvestigationFactory())
    _go(investigation)
    services.decision_cancel(investigation=investigation)
    investigation.refresh_from_db()
    assert not investigation.decision and investigation.decided_on is None
    project = Project.objects.get()
    assert investigation.project == project
    assert list(project.phases.values_list("name", "end")) == [("investigation", None)]
    assert not project.decisions.exists()
    _go(investigation)  # recorded again: the same project moves on
    assert Project.objects.count() == 1
    assert project.phases.order_by("-start", "-pk").first().name == "construction"


def test_a_go_is_not_cancelled_once_the_project_moved_on():
    investigation = close_all_phases(InvestigationFactory(start=date.today() - timedelta(days=90)))
    _go(investigation, on=date.today() - timedelta(days=30))
    from fabrique.portfolio import services as portfolio

    portfolio.phase_save(project=investigation.project, name="acceleration", start=date.today())
    with pytest.raises(ValidationError) as raised:
        services.decision_cancel(investigation=investigation)
    assert "a changé de phase depuis la décision" in raised.value.messages[0]
    investigation.refresh_from_db()
    assert investigation.decision == Decision.GO


def test_cancelling_an_existing_solution_takes_back_the_uses():
    investigation = close_all_phases(InvestigationFactory())
    solution = SolutionFactory()
    services.decision_record(
        investigation=investigation, decision=Decision.EXISTING, solution=solution
    )
    services.decision_cancel(investigation=investigation)
    assert not SolutionUse.objects.filter(solution=solution).exists()
    investigation.problem.refresh_from_db()
    assert investigation.problem.status == ProblemStatus.SELECTED


def test_the_team_corrects_and_cancels_the_decision_in_the_browser(client, team):
    investigation = close_all_phases(InvestigationFactory())
    services.decision_record(investigation=investigation, decision="no-go", learnings="Vu.")
    page = client.get(investigation.get_absolute_url()).text
    assert "Modifier le go/no-go" in page and "Annuler la décision" in page
    record = reverse("investigations:decision", args=[investigation.pk])
    edit = reverse("investigations:decision_edit", args=[investigation.pk])
    assert client.get(record)["Location"] == edit
    form = client.get(edit).context["form"]
    assert form.initial["learnings"] == "Vu." and form.initial["decision"] == "no-go"
    response = client.post(
        edit, {"decision": "no-go", "on": date.today().isoformat(), "learnings": "Vu et revu."}
    )
    assert response.status_code == 302
    investigation.refresh_from_db()
    assert investigation.learnings == "Vu et revu."
    cancel = reverse("investigations:decision_cancel", args=[investigation.pk])
    assert "Annuler la décision" in client.get(cancel).text
    assert client.post(cancel).status_code == 302
    investigation.refresh_from_db()
    assert not investigation.decision


# --- Planned phases --------------------------------------------------------------------------


def test_planned_phases_share_no_boundary_day():
    dates = rules.planned_phase_dates(date(2026, 1, 5), 10)
    assert dates[0] == (date(2026, 1, 5), date(2026, 1, 18))
    assert dates[1][0] == date(2026, 1, 19)
    assert dates[-1][1] == date(2026, 3, 15)  # 10 weeks: 70 days, the 70th is 15 March
    for (_, end), (start, _) in pairwise(dates):
        assert start == end + timedelta(days=1)


# --- The call form ---------------------------------------------------------------------------


def test_the_call_form_says_the_funded_count_and_the_dates_at_once():
    form = CallForm(
        data={
            "title": "Appel",
            "opens_on": "2026-05-01",
            "closes_on": "2026-04-01",
            "funded_count": "0",
            "grid": "Réalité",
        }
    )
    assert not form.is_valid()
    assert "funded_count" in form.errors and "closes_on" in form.errors
    assert "au moins une investigation" in form.errors["funded_count"][0]


def test_the_average_says_its_scale(client, team):
    call = ClosedCallFactory()
    problem = ProblemFactory(call=call)
    Review.objects.create(problem=problem, reviewer=team, scores={}, total=12, comment="")
    page = client.get(call.get_absolute_url()).text
    best = len(call.grid) * 5
    assert f"Moyenne (sur {best})" in page and f"12 / {best}" in page
    assert f"/ {best}" in client.get(problem.get_absolute_url()).text


def test_go_no_go_committees_are_named_in_one_date_format():
    today = date.today()
    soon, later = today - timedelta(days=30), today - timedelta(days=4)
    CommitteeFactory(
        kind=CommitteeKind.GO_NO_GO, date=soon,
        title=f"Go/no-go d'investigation du {soon:%d/%m/%Y}",
    )  # fmt: skip
    CommitteeFactory(kind=CommitteeKind.GO_NO_GO, date=later, title="Comité spécial")
    labels = [label for value, label in DecisionForm().fields["committee"].choices if value]
    assert labels == [
        f"{soon:%d/%m/%Y} — ordre du jour vide",
        f"{later:%d/%m/%Y} — Comité spécial — ordre du jour vide",
    ]


# --- Who scores ------------------------------------------------------------------------------


def test_a_coach_does_not_score_the_problem_of_their_investigation(client):
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach, problem__call=ClosedCallFactory())
    client.force_login(coach)
    page = client.get(investigation.problem.get_absolute_url())
    assert page.status_code == 200 and "Noter" not in page.text
    url = reverse("investigations:problem_review", args=[investigation.problem.pk])
    assert client.get(url).status_code == 403


# --- « Déjà vu ailleurs » for an agent -------------------------------------------------------


def test_an_agent_sees_their_own_collectivites_earlier_problems():
    agent = UserFactory(role=Role.AGENT)
    mine, theirs = CommuneFactory(), CommuneFactory()
    MembershipFactory(user=agent, commune=mine)
    statement = "Inscrire les enfants à la cantine scolaire demande trois papiers."
    ProblemFactory(title="Cantine chez nous", statement=statement, communes=[mine])
    ProblemFactory(title="Cantine chez eux", statement=statement, communes=[theirs])
    text = "Les familles ne savent pas inscrire leurs enfants à la cantine scolaire"
    seen = [s.label for s in similar_for_text(text, user=agent) if s.kind == "probleme"]
    assert seen == ["Cantine chez nous"]


# --- Scores and selections are corrected, not retyped ----------------------------------------


def test_a_reviewer_corrects_their_scores_with_the_comment_and_can_withdraw_them(client, team):
    problem = ProblemFactory(call=ClosedCallFactory())
    scores = dict.fromkeys(problem.call.grid_keys, 3)
    services.review_record(problem=problem, reviewer=team, scores=scores, comment="Bien étayé.")
    page = client.get(problem.get_absolute_url()).text
    assert "Modifier ma notation" in page and "Supprimer ma notation" in page
    form = client.get(reverse("investigations:problem_review", args=[problem.pk])).context["form"]
    assert form.initial["comment"] == "Bien étayé."
    url = reverse("investigations:review_delete", args=[problem.pk])
    assert "Supprimer ma notation" in client.get(url).text
    assert client.post(url).status_code == 302
    assert not problem.reviews.exists()
    assert Review.history.filter(history_type="-").count() == 1
    assert client.get(url).status_code == 404  # nothing left to withdraw


def test_the_selection_form_shows_the_decision_to_correct(client, team):
    problem = ProblemFactory(call=ClosedCallFactory())
    services.selection_decide(problem=problem, selected=False, reason="Déjà couvert.")
    form = client.get(reverse("investigations:problem_select", args=[problem.pk])).context["form"]
    assert form.initial == {"selected": "0", "reason": "Déjà couvert."}


def test_a_decision_bears_the_date_of_its_committee(client, team):
    investigation = close_all_phases(InvestigationFactory(start=date.today() - timedelta(days=90)))
    planned = CommitteeFactory(kind=CommitteeKind.GO_NO_GO, date=date.today() - timedelta(days=3))
    services.investigation_update(investigation=investigation, committee=planned)
    form = client.get(reverse("investigations:decision", args=[investigation.pk])).context["form"]
    assert form.initial["on"] == planned.date and form.initial["committee"] == planned
    with pytest.raises(ValidationError) as raised:
        services.decision_record(
            investigation=investigation, decision="go", project_name="P", committee=planned,
            on=date.today(),
        )  # fmt: skip
    assert "s'est tenu le" in raised.value.message_dict["committee"][0]
    # Left empty, a decision of another day does not silently replace the planned committee:
    # refused, in French, until the team confirms a new committee on that day.
    with pytest.raises(ValidationError) as raised:
        services.decision_record(
            investigation=investigation, decision="go", project_name="P", on=date.today()
        )
    message = raised.value.message_dict["committee"][0]
    assert f"est celui du {planned.date:%d/%m/%Y}" in message
    assert "Le comité prévu ne s'est pas tenu : créer un comité à cette date" in message
    investigation.refresh_from_db()
    assert investigation.committee == planned and not investigation.decision
    assert not Project.objects.filter(name="P").exists()
    # Through the form: the box is there, and the message says where the planned one is.
    url = reverse("investigations:decision", args=[investigation.pk])
    page = unescape(client.get(url).text)
    assert "Le comité prévu ne s'est pas tenu : créer un comité à cette date" in page
    assert f"Le comité prévu pour cette investigation est celui du {planned.date:%d/%m/%Y}" in page
    data = {"decision": "go", "on": date.today().isoformat(), "project_name": "P",
            "replace_planned": "on"}  # fmt: skip
    response = client.post(url, data, follow=True)
    page = unescape(response.content.decode())
    assert f"le comité prévu du {planned.date:%d/%m/%Y} reste dans le portefeuille" in page
    investigation.refresh_from_db()
    assert investigation.committee != planned and investigation.committee.date == date.today()
    assert not planned.decisions.exists()


def test_scores_are_locked_once_the_problem_is_decided_and_open_again_when_it_is_cancelled(
    client, team
):
    problem = ProblemFactory(call=ClosedCallFactory())
    scores = dict.fromkeys(problem.call.grid_keys, 3)
    review = services.review_record(problem=problem, reviewer=team, scores=scores)
    services.selection_decide(problem=problem, selected=True, reason="Fort potentiel.")
    problem.refresh_from_db()
    for write in (
        lambda: services.review_record(problem=problem, reviewer=team, scores=scores),
        lambda: services.review_delete(review=review),
        lambda: services.review_record(problem=problem, reviewer=UserFactory(), scores=scores),
    ):
        with pytest.raises(ValidationError) as raised:
            write()
        assert "annulez d'abord la décision" in raised.value.messages[0]
    review.refresh_from_db()
    assert review.total == 15 and problem.reviews.count() == 1
    page = client.get(problem.get_absolute_url()).text
    assert "Modifier ma notation" not in page and "Supprimer ma notation" not in page
    assert "Annuler la décision" in page
    # Posted anyway (an old tab): French message, nothing changed, no 500.
    url = reverse("investigations:review_delete", args=[problem.pk])
    response = client.post(url)
    assert response.status_code == 200 and "abord la décision" in response.text
    assert problem.reviews.count() == 1
    # Cancelling the decision (asked first) opens the scores again.
    cancel = reverse("investigations:problem_select_cancel", args=[problem.pk])
    assert "Annuler la décision" in client.get(cancel).text
    assert client.post(cancel).status_code == 302
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SUBMITTED and problem.decision_reason == ""
    assert "Modifier ma notation" in client.get(problem.get_absolute_url()).text
    services.review_record(problem=problem, reviewer=team, scores={**scores, "realite": 5})
    assert problem.reviews.get().total == 17


def test_a_selection_with_an_investigation_is_not_cancelled():
    investigation = InvestigationFactory()
    problem = investigation.problem
    with pytest.raises(ValidationError) as raised:
        services.selection_cancel(problem=problem)
    assert "investigation" in raised.value.messages[0]
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SELECTED
