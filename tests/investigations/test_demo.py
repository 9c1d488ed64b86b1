import pytest

from fabrique.accounts.services import load_demo_accounts
from fabrique.investigations.demo import load_demo
from fabrique.investigations.models import Call, Investigation, Problem
from fabrique.investigations.vocabulary import Decision, ProblemStatus


@pytest.mark.django_db
def test_demo_is_complete_and_idempotent(territories):
    load_demo_accounts()
    summary = load_demo()
    assert "4 investigations" in summary
    # The open call holds one problem filed by the agent, for the team to examine.
    waiting = Problem.objects.get(call__title__endswith="automne")
    assert waiting.status == ProblemStatus.SUBMITTED
    assert waiting.submitted_by.email == "agent@fabrique.localhost"
    decisions = sorted(Investigation.objects.values_list("decision", flat=True))
    assert decisions == ["", "", Decision.GO, Decision.NO_GO]
    go = Investigation.objects.get(decision=Decision.GO)
    assert go.project.phases.order_by("-start").first().name == "construction"
    assert "déjà" in load_demo()
    assert Call.objects.count() == 2
    # A coach and a designer on each investigation, each with days logged (seed 001).
    for investigation in Investigation.objects.all():
        assert investigation.coach and investigation.designer
        roles = set(investigation.days.values_list("role", flat=True))
        assert {"coach", "designer"} <= roles


@pytest.mark.django_db
def test_each_demo_investigation_tells_its_own_story(territories):
    """The phases of one investigation speak of its own problem: no placeholder, no copy of
    another investigation's artefacts."""
    load_demo_accounts()
    load_demo()
    statements = {}
    for investigation in Investigation.objects.select_related("problem"):
        first = investigation.phases.get(step=1)
        if first.closed_on:
            statements[investigation.problem.title] = first.statement
    assert len(statements) == 3
    assert len(set(statements.values())) == 3
    assert all(len(statement) > 20 for statement in statements.values())
    no_go = Investigation.objects.get(decision=Decision.NO_GO)
    assert "déchetterie" in no_go.phases.get(step=1).statement
    assert no_go.phases.get(step=5).exit_route != "nouveau-service"


@pytest.mark.django_db
def test_demo_reviews_differ_so_averages_and_spreads_mean_something(territories):
    load_demo_accounts()
    load_demo()
    call = Call.objects.get(title__startswith="Appel à problématiques 2026")
    totals = {}
    for problem in call.problems.prefetch_related("reviews"):
        totals[problem.title] = sorted(review.total for review in problem.reviews.all())
    averages = {title: sum(values) / len(values) for title, values in totals.items()}
    assert len(set(averages.values())) >= 3
    assert any(values[0] != values[-1] for values in totals.values())  # reviewers disagree
    # The declined problem is the one scored lowest.
    assert min(averages, key=averages.get) == "Transport à la demande méconnu"
    # The team scores (a coach sees a problem only once it is under investigation).
    from fabrique.investigations.access import can_review

    reviewers = {review.reviewer for p in call.problems.all() for review in p.reviews.all()}
    assert len(reviewers) == 2 and all(can_review(reviewer) for reviewer in reviewers)


@pytest.mark.django_db
def test_demo_calls_do_not_contradict_their_eligibility(territories, client):
    """Issue 14 review, defect 7: /appels/1/ said « Pour les communes et intercommunalités
    rurales » beside « Collectivités éligibles : toutes » (and Saint-Étienne among them)."""
    load_demo_accounts()
    load_demo()
    closed = Call.objects.get(title__startswith="Appel à problématiques 2026")
    assert closed.kinds == ["commune", "epci"]
    assert "rural" not in (closed.title + closed.description).lower()
    client.force_login(closed.problems.first().submitted_by)
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "Collectivités éligibles : Commune, EPCI" in page
