"""Writes of the programme: bad input gives French messages and saves nothing."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from fabrique.accounts.models import Role
from fabrique.catalogue.models import SolutionUse
from fabrique.investigations import selectors, services
from fabrique.investigations.models import (
    InvestigationPhase,
    Problem,
    ProblemAttachment,
    Review,
)
from fabrique.investigations.services.problems import submission as problems_module
from fabrique.investigations.vocabulary import Decision, ProblemStatus
from fabrique.portfolio.models import Committee, Project
from fabrique.portfolio.vocabulary import CommitteeKind
from tests.catalogue.factories import SolutionFactory
from tests.documents import pdf_text
from tests.factories import CommuneFactory, MembershipFactory, UserFactory

from .factories import (
    CallFactory,
    ClosedCallFactory,
    InvestigationFactory,
    ProblemFactory,
    close_all_phases,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SCORES = {"realite": 4, "collectivites": 3, "engagement": 5, "reutilisation": 2, "diversite": 1}


@pytest.fixture
def agent():
    user = UserFactory(role=Role.AGENT)
    user.commune = CommuneFactory()
    MembershipFactory(user=user, commune=user.commune)
    return user


def submit(agent, **kwargs):
    values = {
        "by": agent,
        "title": "Horaires de la déchetterie",
        "statement": "Les habitants ne trouvent pas les horaires.",
        "collectivites": [agent.commune],
    }
    return services.problem_submit(**{**values, **kwargs})


def test_agent_submits_a_problem_with_an_attachment(agent):
    upload = SimpleUploadedFile("note.pdf", PDF)
    problem = submit(agent, call=CallFactory(), attachments=[upload])
    assert [link.commune for link in problem.collectivites.all()] == [agent.commune]
    assert problem.attachments.get().content_type == "application/pdf"
    assert problem.history.count() == 1


@pytest.mark.parametrize(
    "kwargs,field,words",
    [
        ({"collectivites": []}, "collectivites", "au moins une collectivité"),
        ({"title": " "}, "title", "intitulé"),
    ],
)
def test_bad_submissions_save_nothing(agent, kwargs, field, words):
    with pytest.raises(ValidationError) as error:
        submit(agent, **kwargs)
    assert words in error.value.message_dict[field][0]
    assert not Problem.objects.exists()


def test_submission_after_the_call_closed_is_refused(agent):
    with pytest.raises(ValidationError) as error:
        submit(agent, call=ClosedCallFactory())
    assert "plus possible" in error.value.message_dict["call"][0]
    assert not Problem.objects.exists()


def test_agent_cannot_submit_for_another_collectivite(agent):
    with pytest.raises(ValidationError) as error:
        submit(agent, collectivites=[CommuneFactory(name="Ailleurs")])
    assert "Ailleurs" in error.value.message_dict["collectivites"][0]


def test_ineligible_kind_of_collectivite(agent):
    call = CallFactory(eligible_kinds="epci")
    with pytest.raises(ValidationError) as error:
        submit(agent, call=call)
    assert "type de collectivité" in error.value.message_dict["collectivites"][0]


@pytest.mark.parametrize(
    "name,content",
    [("faux.pdf", b"MZ\x90\x00 pas un pdf"), ("gros.pdf", PDF + b"0" * (10 * 1024 * 1024))],
)
def test_disguised_or_oversize_attachment_is_refused(agent, name, content):
    with pytest.raises(ValidationError) as error:
        submit(agent, attachments=[SimpleUploadedFile(name, content)])
    assert name in error.value.message_dict["attachments"][0]
    assert not Problem.objects.exists()


def test_merge_keeps_sources_and_gathers_collectivites():
    target, source = ProblemFactory(), ProblemFactory()
    services.problems_merge(target=target, sources=[source])
    source.refresh_from_db()
    assert source.status == ProblemStatus.MERGED and source.merged_into == target
    assert target.collectivites.count() == 2
    assert source.history.count() == 2


def test_scores_out_of_the_grid_are_refused():
    problem = ProblemFactory(call=ClosedCallFactory())
    reviewer = UserFactory(role=Role.INCUBATOR)
    with pytest.raises(ValidationError) as error:
        services.review_record(problem=problem, reviewer=reviewer, scores={**SCORES, "realite": 9})
    assert "entre 0 et 5" in error.value.message_dict["realite"][0]
    with pytest.raises(ValidationError):
        services.review_record(problem=problem, reviewer=reviewer, scores={"autre": 1})
    assert not Review.objects.exists()
    review = services.review_record(problem=problem, reviewer=reviewer, scores=SCORES)
    assert review.total == 15


def test_no_review_before_the_call_closes():
    problem = ProblemFactory(call=CallFactory())
    with pytest.raises(ValidationError) as error:
        services.review_record(problem=problem, reviewer=UserFactory(), scores=SCORES)
    assert "s'ouvrent à la clôture de l'appel" in error.value.messages[0]


def test_selecting_more_than_the_call_funds_is_refused():
    call = ClosedCallFactory(funded_count=1)
    first, second = ProblemFactory(call=call), ProblemFactory(call=call)
    services.selection_decide(problem=first, selected=True, reason="Fort potentiel")
    with pytest.raises(ValidationError) as error:
        services.selection_decide(problem=second, selected=True, reason="Aussi")
    assert "déjà toutes attribuées" in error.value.messages[0]
    second.refresh_from_db()
    assert second.status == ProblemStatus.SUBMITTED
    with pytest.raises(ValidationError) as error:
        services.selection_decide(problem=second, selected=False, reason=" ")
    assert "motif" in error.value.message_dict["reason"][0]


def test_investigation_starts_with_five_planned_phases():
    problem = ProblemFactory(status=ProblemStatus.SELECTED)
    coach = UserFactory(role=Role.COACH)
    with pytest.raises(ValidationError) as error:
        services.investigation_start(problem=problem, start=date(2026, 1, 5), weeks=20)
    assert "9 à 12 semaines" in error.value.message_dict["weeks"][0]
    investigation = services.investigation_start(
        problem=problem, start=date(2026, 1, 5), weeks=10, coach=coach
    )
    phases = list(investigation.phases.all())
    assert [p.step for p in phases] == [1, 2, 3, 4, 5]
    assert phases[0].planned_start == date(2026, 1, 5)
    # The last phase ends on the investigation's last day; no day belongs to two phases.
    assert phases[-1].planned_end == date(2026, 1, 5) + timedelta(weeks=10, days=-1)
    assert all(a.planned_end < b.planned_start for a, b in pairwise(phases))


def test_phases_close_in_order_with_their_artefacts():
    investigation = InvestigationFactory()
    first, second = investigation.phases.all()[:2]
    with pytest.raises(ValidationError) as error:
        services.phase_close(phase=second, summary="Vu")
    assert "dans l'ordre" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        services.phase_close(phase=first, summary="Vu")
    assert "chiffres" in error.value.message_dict["artefacts"][0]
    services.phase_update(phase=first, figures="1 200 appels", sources="Insee", statement="X")
    services.phase_close(phase=first, summary="Le problème est réel.")
    assert InvestigationPhase.objects.get(pk=first.pk).closed


def test_days_ledger_refuses_more_than_a_day():
    investigation = InvestigationFactory()
    with pytest.raises(ValidationError) as error:
        services.day_add(
            investigation=investigation, role="coach", day=date.today(), days=3, full_name="A"
        )
    assert "jour" in error.value.message_dict["days"][0]
    services.day_add(
        investigation=investigation, role="coach", day=date.today(), days="0.5", full_name="A"
    )
    assert investigation.days.count() == 1


def test_a_person_has_one_day_at_most_per_date_whatever_the_entries():
    investigation, other = InvestigationFactory(), InvestigationFactory()
    coach = UserFactory(role=Role.COACH, first_name="Alix", last_name="Coach")
    today = date.today()
    first = services.day_add(
        investigation=investigation, role="coach", day=today, days="0.5", person=coach
    )
    services.day_add(investigation=other, role="coach", day=today, days="0.5", person=coach)
    with pytest.raises(ValidationError) as error:
        services.day_add(investigation=investigation, role="coach", day=today, days=1,
                         person=coach)  # fmt: skip
    assert "a déjà 1 jour le" in error.value.message_dict["days"][0]
    # Correcting an entry does not count it twice.
    services.day_save(investigation=investigation, role="coach", day=today, days="0.5",
                      person=coach, entry=first, note="Entretiens")  # fmt: skip
    services.day_add(investigation=investigation, role="designer", day=today, days=1,
                     full_name="Camille")  # fmt: skip
    with pytest.raises(ValidationError):
        services.day_add(investigation=investigation, role="designer", day=today, days="0.5",
                         full_name="Camille")  # fmt: skip
    assert sum(entry.days for entry in investigation.days.all()) == Decimal("1.5")


def test_go_without_a_project_name_and_no_go_without_learnings_are_refused():
    investigation = close_all_phases(InvestigationFactory())
    with pytest.raises(ValidationError) as error:
        services.decision_record(investigation=investigation, decision=Decision.GO)
    assert "nom" in error.value.message_dict["project_name"][0]
    with pytest.raises(ValidationError) as error:
        services.decision_record(investigation=investigation, decision=Decision.NO_GO)
    assert "appris" in error.value.message_dict["learnings"][0]
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            investigation=investigation,
            decision=Decision.GO,
            project_name="X",
            go_scores={"ampleur": 8},
        )
    assert not Project.objects.exists()


def test_go_opens_a_project_in_construction():
    coach = UserFactory(role=Role.COACH)
    # Decided ten weeks after its start, by now: a decision is recorded once the committee sat.
    investigation = InvestigationFactory(coach=coach, start=date.today() - timedelta(weeks=11))
    exit_phase = investigation.phases.get(step=5)
    services.phase_update(phase=exit_phase, indicators="Appels évités\nUsagers servis")
    close_all_phases(investigation)
    ProblemAttachment.objects.create(
        problem=investigation.problem, file=ContentFile(PDF, name="releve.pdf"),
        name="Relevé des appels.pdf", content_type="application/pdf", size=len(PDF),
    )  # fmt: skip
    decided = investigation.start + timedelta(weeks=10)
    services.decision_record(
        investigation=investigation,
        decision=Decision.GO,
        project_name="Déchetterie facile",
        on=decided,
    )
    project = Project.objects.get()
    assert investigation.project == project
    assert project.investigations.get() == investigation
    phases = list(project.phases.order_by("start").values_list("name", "start", "end"))
    assert phases == [
        ("investigation", investigation.start, decided),
        ("construction", decided, None),
    ]
    assert project.partners.count() == 1
    assert project.team.get().user == coach
    assert "Appels évités" in project.description
    committee = project.decisions.get().committee
    assert committee.kind == "go-no-go"
    # The documents come along: the problem's attachments and the investigation's summary.
    documents = {document.name: document for document in committee.documents.all()}
    assert set(documents) == {
        "Relevé des appels.pdf",
        f"synthese-investigation-{investigation.pk}.pdf",
    }
    summary = pdf_text(documents[f"synthese-investigation-{investigation.pk}.pdf"].file.read())
    assert investigation.problem.title in summary
    # The first indicators of phase 5 become the project's impact indicators (issue 14).
    assert sorted(project.indicators.values_list("name", flat=True)) == [
        "Appels évités",
        "Usagers servis",
    ]


def test_existing_solution_records_the_collectivites_as_users():
    investigation = close_all_phases(InvestigationFactory())
    solution = SolutionFactory()
    services.decision_record(
        investigation=investigation, decision=Decision.EXISTING, solution=solution
    )
    assert SolutionUse.objects.filter(solution=solution).count() == 1
    solution.refresh_from_db()
    assert solution.user_count == 1
    investigation.problem.refresh_from_db()
    assert investigation.problem.status == ProblemStatus.REDIRECTED


def test_planned_committee_shows_in_the_coach_view_and_hosts_the_decision():
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    committee = Committee.objects.create(
        date=date.today() + timedelta(days=7), kind=CommitteeKind.GO_NO_GO
    )
    services.investigation_update(investigation=investigation, committee=committee)
    row = selectors.coach_rows(coach)[0]
    assert row.next_committee == committee.date
    # The committee sits (it was held earlier than planned): the decision is recorded that day.
    committee.date = date.today()
    committee.save()
    close_all_phases(investigation)
    services.decision_record(
        investigation=investigation, decision=Decision.GO, project_name="Projet", on=committee.date
    )
    assert committee.decisions.get().project.name == "Projet"


def test_agent_cannot_add_another_collectivite_when_editing(agent):
    problem = submit(agent)
    stranger = CommuneFactory(name="Ailleurs")
    with pytest.raises(ValidationError) as error:
        services.problem_update(problem=problem, by=agent, collectivites=[agent.commune, stranger])
    assert "Ailleurs" in error.value.message_dict["collectivites"][0]
    assert problem.collectivites.count() == 1
    services.problem_update(problem=problem, by=agent, collectivites=[agent.commune], theme="Eau")
    problem.refresh_from_db()
    assert problem.theme == "Eau"


def test_submissions_limited_per_account_per_hour(agent, monkeypatch):
    monkeypatch.setattr(problems_module, "MAX_PROBLEMS_PER_ACCOUNT_PER_HOUR", 2)
    submit(agent)
    submit(agent, title="Deuxième")
    with pytest.raises(ValidationError, match="Trop de problèmes déposés depuis ce compte"):
        submit(agent, title="Troisième")
    assert Problem.objects.filter(submitted_by=agent).count() == 2
    other = UserFactory(role=Role.AGENT)
    other.commune = agent.commune
    MembershipFactory(user=other, commune=agent.commune)
    assert submit(other, title="Autre compte").pk  # each account has its own budget
