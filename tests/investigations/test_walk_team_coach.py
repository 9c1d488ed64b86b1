"""What a second walk through the programme found (team, coach, agent), each fixed at its root."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations.models import Review
from tests.factories import UserFactory

from .factories import ClosedCallFactory, InvestigationFactory, ProblemFactory, close_all_phases

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
    investigation = close_all_phases(InvestigationFactory())
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


def test_the_team_attaches_a_problem_heard_elsewhere_to_an_open_call(client, team):
    from .factories import CallFactory

    problem = ProblemFactory(heard_elsewhere=True)
    call, closed = CallFactory(), ClosedCallFactory()
    url = reverse("investigations:problem_edit", args=[problem.pk])
    form = client.get(url).context["form"]
    assert "call" in form.fields
    data = {"title": problem.title, "statement": problem.statement, "codes": ""}
    data["codes"] = problem.collectivites.get().commune.insee
    assert closed not in form.fields["call"].queryset  # only open calls are offered
    assert client.post(url, {**data, "call": closed.pk}).status_code == 200
    problem.refresh_from_db()
    assert problem.call is None
    response = client.post(url, {**data, "call": call.pk}, follow=True)
    assert "Problème modifié." in response.text
    problem.refresh_from_db()
    assert problem.call == call


def test_a_scored_problem_stays_in_its_call():
    from django.core.exceptions import ValidationError

    from fabrique.investigations import services

    from .factories import CallFactory

    closed = ClosedCallFactory()
    problem = ProblemFactory(call=closed)
    Review.objects.create(problem=problem, reviewer=UserFactory(), scores={}, total=0)
    with pytest.raises(ValidationError) as raised:
        services.problem_update(problem=problem, call=CallFactory())
    assert "déjà noté" in raised.value.message_dict["call"][0]
    problem.refresh_from_db()
    assert problem.call == closed
    outside = ProblemFactory()
    with pytest.raises(ValidationError) as raised:
        services.problem_update(problem=outside, call=closed)
    assert "n'est pas ouvert" in raised.value.message_dict["call"][0]


def test_an_agent_does_not_move_a_problem_between_calls(client):
    from tests.factories import CommuneFactory, MembershipFactory

    agent = UserFactory(role=Role.AGENT)
    commune = CommuneFactory()
    MembershipFactory(user=agent, commune=commune)
    problem = ProblemFactory(submitted_by=agent, communes=[commune])
    client.force_login(agent)
    form = client.get(reverse("investigations:problem_edit", args=[problem.pk])).context["form"]
    assert "call" not in form.fields


def test_a_merged_problem_is_listed_on_the_one_it_joined_and_offers_no_decision(client, team):
    from fabrique.investigations import services

    target, source = ProblemFactory(call=ClosedCallFactory()), ProblemFactory(title="Doublon")
    services.problems_merge(target=target, sources=[source])
    page = client.get(reverse("investigations:problem", args=[target.pk])).text
    assert "Problèmes fusionnés dans celui-ci" in page
    assert reverse("investigations:problem", args=[source.pk]) in page
    assert "Retenir ou décliner" in page  # its call is closed
    page = client.get(reverse("investigations:problem", args=[source.pk])).text
    assert "Retenir ou décliner" not in page and "Fusionner</a>" not in page


def test_no_decision_button_while_the_call_is_open_or_without_call(client, team):
    from .factories import CallFactory

    for problem in (ProblemFactory(call=CallFactory()), ProblemFactory()):
        page = client.get(reverse("investigations:problem", args=[problem.pk])).text
        assert "Retenir ou décliner" not in page and ">Noter<" not in page


def _call_data(**changes):
    today = date.today()
    return {
        "title": "Appel de printemps",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat(),
        "funded_count": 2,
        "eligible_kinds": ["commune", "epci"],
        "grid": "Réalité du problème\nÉquipe disponible\nRéutilisation",
        **changes,
    }


def test_the_team_sets_the_eligible_kinds_and_the_scoring_grid_of_a_call(client, team):
    from fabrique.investigations.models import Call

    url = reverse("investigations:call_create")
    form = client.get(url).context["form"]
    assert form["grid"].initial.splitlines()[0] == "Réalité et ampleur du problème"
    response = client.post(url, _call_data(), follow=True)
    assert "Appel enregistré." in response.text
    call = Call.objects.get()
    assert call.kinds == ["commune", "epci"]
    assert [label for _, label in call.grid] == [
        "Réalité du problème",
        "Équipe disponible",
        "Réutilisation",
    ]
    assert "Collectivités éligibles : Commune, EPCI" in response.text
    assert "Équipe disponible (0 à 5)" in response.text
    # A renamed criterion keeps its key (and so the scores given to it).
    keys = call.grid_keys
    client.post(
        reverse("investigations:call_edit", args=[call.pk]),
        _call_data(grid="Réalité du problème\nÉquipe vraiment disponible\nRéutilisation"),
    )
    call.refresh_from_db()
    assert call.grid_keys[0] == keys[0] and call.grid_keys[2] == keys[2]


@pytest.mark.parametrize(
    ("grid", "words"),
    [("", "au moins un critère"), ("A\nA", "deux fois"), ("x" * 201, "200 caractères")],
)
def test_a_wrong_grid_is_refused_in_french(client, team, grid, words):
    from fabrique.investigations.models import Call

    response = client.post(reverse("investigations:call_create"), _call_data(grid=grid))
    assert words in " ".join(response.context["form"].errors.get("grid", []))
    assert not Call.objects.exists()


def test_the_grid_of_a_call_with_scores_no_longer_changes():
    from django.core.exceptions import ValidationError

    from fabrique.investigations import services

    call = ClosedCallFactory()
    Review.objects.create(
        problem=ProblemFactory(call=call), reviewer=UserFactory(), scores={}, total=0
    )
    with pytest.raises(ValidationError) as raised:
        services.call_save(call=call, grid=[["autre", "Autre critère"]])
    assert "déjà notés" in raised.value.message_dict["grid"][0]


def _close_first_two(investigation):
    from fabrique.investigations import services

    first, second = investigation.phases.all()[:2]
    services.phase_update(phase=first, figures="1 200", sources="Insee", statement="X")
    services.phase_close(phase=first, summary="Réel.", on=investigation.start)
    services.phase_update(phase=second, interviews="12 familles", user_needs="En ligne")
    services.phase_close(phase=second, summary="Entendu.", on=investigation.start)
    return first, second


def test_the_order_message_is_plain_french():
    from django.core.exceptions import ValidationError

    from fabrique.investigations import services

    investigation = InvestigationFactory()
    with pytest.raises(ValidationError) as raised:
        services.phase_close(phase=investigation.phases.get(step=2), summary="Vu")
    assert raised.value.message_dict["__all__"] == [
        "Clôturez d'abord la phase 1 : les phases se closent dans l'ordre."
    ]


def test_the_coach_reopens_the_last_closed_phase_to_correct_it(client):
    from fabrique.investigations.models import InvestigationPhase

    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    first, second = _close_first_two(investigation)
    client.force_login(coach)
    page = client.get(reverse("investigations:investigation", args=[investigation.pk])).text
    assert reverse("investigations:phase_reopen", args=[investigation.pk, 2]) in page
    assert reverse("investigations:phase_reopen", args=[investigation.pk, 1]) not in page
    # Only the last closed phase reopens: the order of the phases stays.
    response = client.post(reverse("investigations:phase_reopen", args=[investigation.pk, 1]))
    assert "Rouvrez d'abord la phase 2" in response.context["form"].non_field_errors()[0]
    assert InvestigationPhase.objects.get(pk=first.pk).closed
    url = reverse("investigations:phase_reopen", args=[investigation.pk, 2])
    assert "Rouvrir la phase 2" in client.get(url).text
    response = client.post(url, follow=True)
    assert "Phase 2 rouverte" in response.text
    second.refresh_from_db()
    assert (second.closed_on, second.summary) == (None, "Entendu.")
    # Closing it again starts from its synthesis.
    close = client.get(reverse("investigations:phase_close", args=[investigation.pk, 2]))
    assert close.context["form"]["summary"].initial == "Entendu."


def test_no_reopening_after_the_committee_decided():
    from django.core.exceptions import ValidationError

    from fabrique.investigations import services

    investigation = InvestigationFactory()
    _, second = _close_first_two(investigation)
    investigation.phases.filter(step__gt=2).update(closed_on=date.today())
    services.decision_record(investigation=investigation, decision="no-go", learnings="Vu.")
    with pytest.raises(ValidationError) as raised:
        services.phase_reopen(phase=second)
    assert "décision" in raised.value.messages[0]


def test_the_go_project_links_back_to_its_investigation_and_names_the_problem_kind(client, team):
    from fabrique.investigations import services

    investigation = close_all_phases(InvestigationFactory())
    services.decision_record(
        investigation=investigation, decision="go", project_name="Encombrants en ligne"
    )
    page = client.get(investigation.project.get_absolute_url()).text
    assert investigation.get_absolute_url() in page


def test_similar_items_are_named_in_french():
    from fabrique.investigations.selectors.similar import kind_label

    assert kind_label("probleme") == "Problème"
    assert kind_label("projet") == "Projet de l'incubateur"


def test_the_committee_summary_names_the_collectivites_and_the_agents(client, team):
    from tests.documents import pdf_text

    investigation = InvestigationFactory(agents="Mme Roux, 1 jour par semaine")
    commune = investigation.problem.collectivites.get().commune
    text = pdf_text(client.get(reverse("investigations:pdf", args=[investigation.pk])).content)
    assert commune.name in text
    assert "Mme Roux" in text


def test_the_team_export_names_the_project(client, team):
    import csv
    import io

    from fabrique.investigations import services

    investigation = close_all_phases(InvestigationFactory())
    services.decision_record(
        investigation=investigation, decision="go", project_name="Encombrants en ligne"
    )
    content = client.get(reverse("investigations:investigations") + "?export=csv").content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["Projet"] == "Encombrants en ligne"
