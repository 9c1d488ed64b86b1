"""What a reviewer saw on the demo (06/12): a phase closed on a date to come, a go shown as
« Continuer » in the portfolio, a project paired with its own problem, go/no-go committees that
could not be told apart, the agent team merged on one line, « Supprimer » offered where the
deletion is refused, same-commune problems offered for a merge whatever their text, and problems
with an investigation offered for a merge."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import rules, services
from fabrique.investigations.forms import DecisionForm, InvestigationForm, MergeForm
from fabrique.investigations.selectors import similar_for_problem
from fabrique.investigations.selectors.similar import Seen, flag_same_collectivite
from fabrique.investigations.vocabulary import Decision, ProblemStatus
from fabrique.portfolio import services as portfolio_services
from fabrique.portfolio.models import Decision as PortfolioDecision
from fabrique.portfolio.models import FundingLine, TeamMember
from fabrique.portfolio.vocabulary import CommitteeKind, Outcome
from fabrique.synergies import selectors as synergy_selectors
from fabrique.synergies import services as synergy_services
from fabrique.synergies.vocabulary import ItemKind
from tests.documents import pdf_text
from tests.factories import CommuneFactory, UserFactory
from tests.portfolio.factories import CommitteeFactory, DecisionFactory, ProjectFactory

from .factories import CallFactory, InvestigationFactory, ProblemFactory, close_all_phases

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    user = UserFactory(role=Role.INCUBATOR)
    client.force_login(user)
    return user


def _go(investigation, name="Arrêtés en ligne", on=None):
    close_all_phases(investigation)
    return services.decision_record(
        investigation=investigation, decision=Decision.GO, project_name=name,
        on=on or date.today(),
    )  # fmt: skip


# --- 1. A phase is not closed on a date to come --------------------------------------------


def test_a_phase_cannot_be_closed_on_a_date_to_come(client):
    today = date.today()
    assert "date à venir" in rules.close_date_problem(
        today + timedelta(days=4), today - timedelta(days=30), None, today=today
    )
    assert rules.close_date_problem(today, today - timedelta(days=30), None, today=today) == ""
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    first = investigation.phases.get(step=1)
    services.phase_update(phase=first, figures="40", sources="Registre", statement="X")
    with pytest.raises(ValidationError) as error:
        services.phase_close(phase=first, summary="Vu.", on=today + timedelta(days=4))
    assert "date à venir" in error.value.message_dict["on"][0]
    client.force_login(coach)
    url = reverse("investigations:phase_close", args=[investigation.pk, 1])
    assert f'max="{today.isoformat()}"' in client.get(url).text
    future = today + timedelta(days=4)
    page = client.post(
        url, {"summary": "Vu.", "on": future.isoformat(), "confirm_dates": "on"}
    ).text
    assert f"La phase ne peut pas être close le {future:%d/%m/%Y}, une date à venir" in unescape(
        page
    )
    first.refresh_from_db()
    assert first.closed_on is None


def test_a_go_no_go_is_not_recorded_at_a_date_to_come():
    investigation = InvestigationFactory()
    close_all_phases(investigation)
    later = date.today() + timedelta(days=4)
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            investigation=investigation, decision=Decision.GO, project_name="X", on=later
        )
    assert "date à venir" in error.value.message_dict["on"][0]
    assert investigation.project is None


# --- 2. A go is a go in the portfolio --------------------------------------------------------


def test_a_go_is_recorded_as_a_go_and_a_no_go_as_a_no_go_without_money():
    investigation = _go(InvestigationFactory(coach=UserFactory(role=Role.COACH)))
    decision = PortfolioDecision.objects.get(project=investigation.project)
    assert decision.outcome == Outcome.GO
    assert decision.get_outcome_display() == "Go : passage en construction"
    assert (
        decision.amount == 0
        and not FundingLine.objects.filter(project=investigation.project).exists()
    )
    other = InvestigationFactory()
    close_all_phases(other)
    services.decision_record(investigation=other, decision=Decision.GO, project_name="Autre")
    services.decision_update(
        investigation=other, decision=Decision.NO_GO, learnings="Rien à construire."
    )
    assert PortfolioDecision.objects.get(project=other.project).outcome == Outcome.NO_GO


def test_a_go_is_only_a_go_no_go_committee_decision():
    committee = CommitteeFactory(kind=CommitteeKind.INVESTMENT, projects=[ProjectFactory()])
    with pytest.raises(ValidationError) as error:
        portfolio_services.decision_record(
            committee=committee, project=committee.projects.get(), outcome=Outcome.GO
        )
    assert "comité de go/no-go" in error.value.message_dict["outcome"][0]


def test_the_espace_says_go_not_continuer(client, team):
    _go(InvestigationFactory(coach=UserFactory(role=Role.COACH)), name="Arrêtés en ligne")
    page = unescape(client.get(reverse("accounts:dashboard")).text)
    assert "Arrêtés en ligne : Go : passage en construction" in page
    assert "Arrêtés en ligne : Continuer" not in page


# --- 3. A project is not « similar » to its own problem --------------------------------------

STATEMENT = (
    "Les arrêtés municipaux de la commune ne sont pas publiés en ligne : les habitants et les "
    "commerçants appellent la mairie pour les consulter, le registre papier est introuvable."
)


def test_a_project_is_not_paired_with_the_problem_it_came_from(client, team):
    investigation = InvestigationFactory(
        coach=UserFactory(role=Role.COACH),
        problem=ProblemFactory(
            title="Arrêtés municipaux introuvables", statement=STATEMENT,
            status=ProblemStatus.SELECTED,
        ),
    )  # fmt: skip
    _go(investigation, name="Arrêtés municipaux introuvables")
    project = investigation.project
    portfolio_services.project_save(
        project=project, name=project.name, kind=project.kind, mission=project.mission,
        description=STATEMENT,
    )  # fmt: skip
    synergy_services.recompute()
    similar = synergy_selectors.similar_to(ItemKind.PROJET, project.pk)
    assert investigation.problem.get_absolute_url() not in [s.target_url for s in similar.elsewhere]
    assert project.get_absolute_url() not in [
        s.url for s in similar_for_problem(investigation.problem, user=team)
    ]
    page = client.get(project.get_absolute_url()).text
    assert investigation.problem.get_absolute_url() not in page.split("similaires-ailleurs", 1)[-1]


# --- 4. Go/no-go committees one can tell apart -------------------------------------------------


def test_the_committee_field_offers_recent_committees_labelled_by_their_agenda():
    today = date.today()
    investigation = InvestigationFactory(problem=ProblemFactory(title="Cantine perdue"))
    old = CommitteeFactory(kind=CommitteeKind.GO_NO_GO, date=date(2021, 3, 4))
    used = CommitteeFactory(kind=CommitteeKind.GO_NO_GO, date=today - timedelta(days=10))
    DecisionFactory(committee=used, outcome=Outcome.GO, amount=0)
    shared = CommitteeFactory(
        kind=CommitteeKind.GO_NO_GO, date=today - timedelta(days=5), title="Comité régional"
    )
    DecisionFactory(committee=shared, outcome=Outcome.GO, amount=0, project__name="Voirie")
    shared.projects.add(PortfolioDecision.objects.get(committee=shared).project)
    planned = CommitteeFactory(kind=CommitteeKind.GO_NO_GO, date=today + timedelta(days=7))
    investigation.committee = planned
    investigation.save()
    coming = CommitteeFactory(kind=CommitteeKind.GO_NO_GO, date=today + timedelta(days=20))
    field = DecisionForm(investigation=investigation).fields["committee"]
    offered = list(field.queryset)
    assert old not in offered and used not in offered
    assert offered == [shared, planned]  # not `coming`: a decision is taken once it sat
    planning = InvestigationForm(editing=True, investigation=investigation)
    assert list(planning.fields["committee"].queryset) == [shared, planned, coming]
    labels = [label for value, label in field.choices if value]
    assert labels == [
        f"{shared.date:%d/%m/%Y} — Comité régional — à l'ordre du jour : Voirie",
        f"{planned.date:%d/%m/%Y} — à l'ordre du jour : investigation « Cantine perdue »",
    ]


# --- 5. The agent team, one person a line ------------------------------------------------------


def test_the_agent_team_keeps_its_lines_and_joins_the_project(client, team):
    investigation = InvestigationFactory(agents="Mme Secrétaire\nM. Adjoint")
    page = client.get(investigation.get_absolute_url()).text
    assert "Mme Secrétaire<br>M. Adjoint" in page
    # The PDF is made of this HTML (one person a line there too), then printed.
    summary = render_to_string(
        "investigations/summary_pdf.html",
        {"investigation": investigation, "phases": [], "days": [], "today": date.today()},
    )
    assert "Mme Secrétaire<br>M. Adjoint" in summary
    pdf = client.get(reverse("investigations:pdf", args=[investigation.pk])).content
    assert "Mme Secrétaire M. Adjoint" in pdf_text(pdf)
    _go(investigation)
    members = TeamMember.objects.filter(project=investigation.project, user__isnull=True)
    assert sorted(members.values_list("full_name", flat=True)) == ["M. Adjoint", "Mme Secrétaire"]


# --- 6. No « Supprimer » where the deletion is refused ----------------------------------------


def test_a_call_with_problems_shows_why_it_cannot_be_deleted(client, team):
    call = CallFactory()
    ProblemFactory(call=call)
    page = unescape(client.get(call.get_absolute_url()).text)
    assert "Cet appel a 1 problème déposé : il est conservé" in page
    assert reverse("investigations:call_delete", args=[call.pk]) not in page
    confirm = unescape(client.get(reverse("investigations:call_delete", args=[call.pk])).text)
    assert "Suppression impossible pour l'instant" in confirm
    assert "Cet appel a 1 problème déposé" in confirm
    empty = CallFactory()
    assert (
        reverse("investigations:call_delete", args=[empty.pk])
        in client.get(empty.get_absolute_url()).text
    )


def test_a_project_with_decisions_shows_why_it_cannot_be_deleted(client, team):
    decision = DecisionFactory()
    page = unescape(
        client.get(reverse("portfolio:project-delete", args=[decision.project.slug])).text
    )
    assert "Suppression impossible pour l'instant" in page


# --- 7. Same collectivité: a merge only for close problems --------------------------------------


def test_a_same_commune_problem_is_offered_for_a_merge_only_when_close_enough():
    commune = CommuneFactory()
    team = UserFactory(role=Role.INCUBATOR)
    cantine = ProblemFactory(communes=[commune])
    url, words = cantine.get_absolute_url(), ["cantine", "inscriptions"]
    # Always said to be of the same collectivité (leftovers 3b: one rule for the label), a
    # merge offered only when close.
    far = [Seen("Cantine", url, "probleme", 0.25, cantine.pk, words)]
    assert flag_same_collectivite(far, [commune], team)[0].same_label == "Même collectivité"
    unexplained = [Seen("Cantine", url, "probleme", 0.9, cantine.pk, [])]
    assert flag_same_collectivite(unexplained, [commune], team)[0].same_label == "Même collectivité"
    close = [Seen("Cantine", url, "probleme", 0.8, cantine.pk, words)]
    assert (
        flag_same_collectivite(close, [commune], team)[0].same_label
        == "Même collectivité : à fusionner ?"
    )
    assert rules.merge_suggested(rules.MERGE_SUGGEST_MIN_SCORE, words)
    assert not rules.merge_suggested(rules.MERGE_SUGGEST_MIN_SCORE - 0.01, words)


def test_the_problem_page_does_not_offer_an_unrelated_same_commune_problem():
    commune = CommuneFactory()
    team = UserFactory(role=Role.INCUBATOR)
    cantine = ProblemFactory(
        title="Inscriptions à la cantine perdues",
        statement="Les parents inscrivent leurs enfants à la cantine scolaire sur des fiches "
        "papier déposées en mairie, souvent perdues.",
        communes=[commune],
    )
    arretes = ProblemFactory(
        title="Arrêtés municipaux introuvables",
        statement="Les arrêtés du maire ne sont affichés qu'en mairie : introuvables en ligne "
        "pour les habitants et les commerçants.",
        communes=[commune],
    )
    synergy_services.recompute()
    labelled = [
        item.pk
        for item in similar_for_problem(arretes, user=team)
        if item.same_label.endswith("à fusionner ?")
    ]
    assert cantine.pk not in labelled


# --- 8. The merge form offers what the merge accepts ------------------------------------------


def test_the_merge_form_offers_only_problems_the_merge_accepts(client, team):
    target = ProblemFactory()
    free = ProblemFactory()
    investigated = InvestigationFactory().problem
    merged = ProblemFactory(status=ProblemStatus.MERGED, merged_into=target)
    page = client.get(reverse("investigations:problem_merge", args=[target.pk])).text
    assert f'value="{free.pk}"' in page
    assert f'value="{investigated.pk}"' not in page
    assert f'value="{merged.pk}"' not in page
    form = MergeForm(
        {"sources": [investigated.pk]},
        candidates=services.mergeable_sources(type(target).objects.all(), target),
    )
    assert not form.is_valid()
    with pytest.raises(ValidationError):
        services.problems_merge(target=target, sources=[merged])
