"""After delivery the final report is the reference: what it was written from (people met,
interviews, tools, needs, benchmark, funding, trainings) is neither added, changed nor
removed — no « Ajouter » button, and the services refuse with a French message — while the
follow-up and the comments stay open. One rule, `rules.documenting_problem`."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import rules, services
from fabrique.diagnostics.models import Candidate, Interview, Need, Person, Tool, Training
from fabrique.diagnostics.services import benchmark
from fabrique.diagnostics.services import discovery as discovery_services
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.catalogue.factories import SolutionFactory
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db

SCORES = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}
REFUSED = "son rapport final fait foi"


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH)


@pytest.fixture
def mission(coach):
    commune = CommuneFactory(name="Petiteville", population=1200)
    start = date.today() - timedelta(days=30)
    requested = services.mission_request(collectivite=commune, hopes="Un site", today=start)
    return services.mission_accept(mission=requested, consultant=coach, start=start)


@pytest.fixture
def records(mission):
    day = mission.start + timedelta(days=2)
    need = services.need_save(mission=mission, title="Site internet", theme="site-internet",
                              scores=SCORES)  # fmt: skip
    person = discovery_services.person_save(mission=mission, role="agent", name="Mme Dupont")
    interview = discovery_services.interview_save(
        mission=mission, day=day, mode="sur-place", people=[person], needs=[need]
    )
    tool = discovery_services.tool_save(mission=mission, name="Tableur", kind="logiciel")
    training = discovery_services.training_save(
        mission=mission, day=day, topic="logiciel-libre", audience="Élus", attendance=4
    )
    candidate = benchmark.candidate_save(
        need=need, solution=SolutionFactory(name="Site communal"), technical=3, economic=2,
        human=2, cost_once=Decimal("0"), recommended=True, choice_criteria="Gratuit",
    )  # fmt: skip
    lead = benchmark.lead_decide(
        candidate=candidate, kind="partenaire", key="opsn", name="OPSN", kept=True
    )
    return {"need": need, "person": person, "interview": interview, "tool": tool,
            "training": training, "candidate": candidate, "lead": lead}  # fmt: skip


def deliver(mission, status=MissionStatus.DELIVERED):
    type(mission).objects.filter(pk=mission.pk).update(
        status=status, delivered_on=date.today() - timedelta(days=1)
    )
    mission.refresh_from_db()
    return mission


def test_the_rule_lets_a_running_mission_be_documented_and_freezes_it_after_delivery():
    for status in (MissionStatus.ACCEPTED, MissionStatus.IN_PROGRESS):
        assert rules.documenting_problem(status) == ""
    for status in (MissionStatus.DELIVERED, MissionStatus.FOLLOWED, MissionStatus.CLOSED):
        assert REFUSED in rules.documenting_problem(status)
        assert "suivi des recommandations" in rules.documenting_problem(status)
        assert rules.answering_problem(status)
    assert "abandonnée" in rules.documenting_problem(MissionStatus.ABANDONED)


@pytest.mark.parametrize("status", [MissionStatus.DELIVERED, MissionStatus.ABANDONED])
def test_every_service_refuses_to_change_a_delivered_mission(mission, records, status):
    mission = deliver(mission, status)
    need = Need.objects.get(pk=records["need"].pk)
    candidate = Candidate.objects.get(pk=records["candidate"].pk)
    day = mission.start + timedelta(days=3)
    writes = [
        lambda: services.need_save(
            mission=mission, title="Autre", theme="messagerie", scores=SCORES
        ),
        lambda: services.need_place(need=need, position=1, justification="Urgent"),
        lambda: services.need_delete(need=need),
        lambda: discovery_services.person_save(mission=mission, role="elu"),
        lambda: discovery_services.person_delete(person=records["person"]),
        lambda: discovery_services.interview_delete(interview=records["interview"]),
        lambda: discovery_services.tool_save(mission=mission, name="Scanner", kind="materiel"),
        lambda: discovery_services.tool_delete(tool=records["tool"]),
        lambda: discovery_services.training_save(
            mission=mission, day=day, topic="design", audience="Agents", attendance=2
        ),
        lambda: discovery_services.training_delete(training=records["training"]),
        lambda: benchmark.candidate_save(need=need, name="Offre du marché"),
        lambda: benchmark.candidate_delete(candidate=candidate),
        lambda: benchmark.lead_decide(
            candidate=candidate, kind="partenaire", key="dep", name="Département", kept=True
        ),
        lambda: benchmark.lead_delete(lead=records["lead"]),
        lambda: discovery_services.questionnaire_answer(mission=mission, raw={"x": "y"}),
    ]
    for write in writes:
        with pytest.raises(ValidationError) as error:
            write()
        assert mission.get_status_display().lower() in " ".join(error.value.messages)
    assert Need.objects.filter(mission=mission).count() == 1
    assert Person.objects.count() == Interview.objects.count() == Tool.objects.count() == 1
    assert Training.objects.count() == Candidate.objects.count() == 1
    assert records["candidate"].leads.count() == 1


def test_the_page_of_a_delivered_mission_hides_the_add_buttons(client, coach, mission, records):
    client.force_login(coach)
    running = client.get(mission.get_absolute_url()).text
    assert "Ajouter un besoin" in running
    assert reverse("diagnostics:tool-add", args=[mission.pk]) in running
    deliver(mission)
    page = client.get(mission.get_absolute_url()).text
    assert REFUSED in page
    for name in ("need-add", "person-add", "tool-add", "training-add", "deliverable-generate"):
        assert reverse(f"diagnostics:{name}", args=[mission.pk]) not in page, name
    need, tool = records["need"], records["tool"]
    for name, pk in (("need-edit", need.pk), ("need-delete", need.pk),
                     ("candidate-add", need.pk), ("tool-edit", tool.pk)):  # fmt: skip
        assert reverse(f"diagnostics:{name}", args=[pk]) not in page, name


def test_the_add_edit_and_delete_pages_say_why_and_save_nothing(client, coach, mission, records):
    deliver(mission)
    client.force_login(coach)
    for name, pk in (("need-add", mission.pk), ("tool-add", mission.pk),
                     ("need-edit", records["need"].pk),
                     ("candidate-add", records["need"].pk)):  # fmt: skip
        response = client.get(reverse(f"diagnostics:{name}", args=[pk]), follow=True)
        assert response.redirect_chain and REFUSED in response.text, name
    confirm = client.get(reverse("diagnostics:tool-delete", args=[records["tool"].pk]))
    assert REFUSED in confirm.text and "Suppression impossible" in confirm.text
    response = client.post(reverse("diagnostics:tool-delete", args=[records["tool"].pk]),
                           follow=True)  # fmt: skip
    assert REFUSED in response.text and Tool.objects.filter(pk=records["tool"].pk).exists()
    leads = client.get(reverse("diagnostics:leads", args=[records["candidate"].pk])).text
    assert REFUSED in leads and 'name="kept"' not in leads
