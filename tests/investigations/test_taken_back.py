"""What is taken back stays taken back: a go/no-go cancelled or corrected leaves no empty
committee behind in the portfolio (the one it opened goes, a committee planned or filled in by
the team stays), and a problem merged into another is no longer scored on its own."""

import html
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import services
from fabrique.investigations.models import Review
from fabrique.investigations.vocabulary import Decision
from fabrique.portfolio import services as portfolio
from fabrique.portfolio.models import Committee, CommitteeDocument
from fabrique.portfolio.vocabulary import CommitteeKind
from tests.factories import UserFactory

from .factories import ClosedCallFactory, InvestigationFactory, ProblemFactory, close_all_phases

pytestmark = pytest.mark.django_db


def _go(investigation, on=None):
    return services.decision_record(
        investigation=investigation, decision=Decision.GO, project_name="Cantine facile", on=on
    )


def test_cancelling_a_go_removes_the_committee_it_opened():
    investigation = close_all_phases(InvestigationFactory())
    _go(investigation)
    assert Committee.objects.count() == 1 and CommitteeDocument.objects.count() == 1
    services.decision_cancel(investigation=investigation)
    investigation.refresh_from_db()
    assert not Committee.objects.exists() and not CommitteeDocument.objects.exists()
    assert investigation.committee is None
    _go(investigation)  # recorded again: one committee again
    assert Committee.objects.count() == 1


def test_cancelling_a_no_go_removes_the_committee_it_opened():
    investigation = close_all_phases(InvestigationFactory())
    _go(investigation)
    services.decision_update(
        investigation=investigation, decision=Decision.NO_GO, learnings="Pas de besoin."
    )
    assert Committee.objects.count() == 1
    services.decision_cancel(investigation=investigation)
    assert not Committee.objects.exists()


def test_a_go_corrected_to_another_day_leaves_one_committee():
    investigation = close_all_phases(InvestigationFactory())
    _go(investigation, on=date.today() - timedelta(days=2))
    services.decision_update(
        investigation=investigation, decision=Decision.GO, project_name="", on=date.today()
    )
    investigation.refresh_from_db()
    assert list(Committee.objects.all()) == [investigation.committee]
    assert investigation.committee.date == date.today()


def test_a_planned_committee_stays_when_the_decision_is_cancelled():
    on = date.today()
    planned = portfolio.committee_save(date=on, kind=CommitteeKind.GO_NO_GO)
    investigation = close_all_phases(InvestigationFactory(committee=planned))
    _go(investigation, on=on)
    assert investigation.committee == planned
    services.decision_cancel(investigation=investigation)
    investigation.refresh_from_db()
    assert investigation.committee == planned and Committee.objects.count() == 1


def test_a_committee_filled_in_by_the_team_stays():
    investigation = close_all_phases(InvestigationFactory())
    _go(investigation)
    committee = investigation.committee
    committee.minutes = "Le comité a entendu l'équipe."
    committee.save()
    services.decision_cancel(investigation=investigation)
    assert Committee.objects.filter(pk=committee.pk).exists()
    assert not committee.decisions.exists()


def test_a_merged_problem_is_no_longer_scored():
    call = ClosedCallFactory()
    target = ProblemFactory(call=call)
    source = ProblemFactory(call=call)
    reviewer = UserFactory(role=Role.INCUBATOR)
    scores = dict.fromkeys(call.grid_keys, 2)
    review = services.review_record(problem=source, reviewer=reviewer, scores=scores)
    services.problems_merge(target=target, sources=[source])
    source.refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        services.review_record(problem=source, reviewer=reviewer, scores=scores)
    assert "fusionné dans un autre" in raised.value.messages[0]
    with pytest.raises(ValidationError):
        services.review_delete(review=review)
    assert Review.objects.get(pk=review.pk).scores == scores
    services.review_record(problem=target, reviewer=reviewer, scores=scores)  # the one to score
    services.problem_merge_undo(problem=source)
    source.refresh_from_db()
    services.review_record(problem=source, reviewer=reviewer, scores=dict(scores, **{
        call.grid_keys[0]: 3}))  # fmt: skip


def test_the_merged_problem_page_says_why_it_is_not_scored(client):
    call = ClosedCallFactory()
    target, source = ProblemFactory(call=call), ProblemFactory(call=call)
    services.problems_merge(target=target, sources=[source])
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = html.unescape(client.get(reverse("investigations:problem", args=[source.pk])).text)
    assert "notez le problème qui l'a réuni" in page
