import random
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from fabrique.accounts.models import User
from fabrique.accounts.services import load_demo_accounts
from fabrique.portfolio import demo as demo_module
from fabrique.portfolio import selectors
from fabrique.portfolio.access import can_view_project_details
from fabrique.portfolio.demo import (
    PROJECTS,
    SEED,
    SLUGS,
    Calendar,
    build_expenses,
    build_timeline,
    load_demo_portfolio,
    plan_funding,
)
from fabrique.portfolio.models import (
    Committee,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    Project,
    ProjectPartner,
    ServiceFait,
    TeamMember,
)
from fabrique.portfolio.selectors import PortfolioFilters
from fabrique.portfolio.vocabulary import CommitteeKind, Outcome, PhaseName, ProjectKind

pytestmark = pytest.mark.django_db


def snapshot():
    """Every value the demo writes, to prove that a second run changes nothing."""
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (
            Project,
            Phase,
            ProjectPartner,
            Committee,
            Committee.projects.through,
            Decision,
            FundingLine,
            Expense,
            TeamMember,
            ServiceFait,
            MaturityReview,
            Project.sponsors.through,
            Project.thematics.through,
        )
    ] + [Project.history.count(), Phase.history.count(), Committee.history.count()]


@pytest.fixture
def demo(territories):
    load_demo_accounts()
    return load_demo_portfolio()


def test_demo_portfolio_tells_every_story_of_the_dashboard(demo):
    assert demo["projects"] == demo["created"] == len(PROJECTS) >= 25
    assert set(Project.objects.values_list("kind", flat=True)) == set(ProjectKind.values)
    assert set(Phase.objects.values_list("name", flat=True)) == set(PhaseName.values)
    assert set(Committee.objects.values_list("kind", flat=True)) == set(CommitteeKind.values)
    assert set(Decision.objects.values_list("outcome", flat=True)) == set(Outcome.values)
    for key in ("committees", "decisions", "funding_lines", "expenses", "team_members"):
        assert demo[key] > len(PROJECTS), key
    assert demo["maturity_reviews"] > len(PROJECTS)
    assert demo["partners"] > 0  # the test reference holds some of the communes named
    # Committees are shared between projects.
    assert Committee.projects.through.objects.count() > demo["committees"]

    board = selectors.dashboard(PortfolioFilters())
    assert len(board.rows) == len(PROJECTS)
    assert {row.current_phase for row in board.rows} == set(PhaseName.values)
    assert board.committees_due
    assert board.overdue
    assert board.without_committee
    assert board.budget_ending
    assert [row.slug for row in board.postmortems_missing] == ["guichet-des-associations"]
    assert [row.slug for row in board.to_review] == ["guichet-des-associations"]
    assert Project.objects.get(slug="trajets-d-ecole").has_postmortem  # through the service
    assert Committee.objects.filter(date__gt=date.today(), decisions__isnull=True).exists()

    pending = selectors.attestations_to_issue()
    assert pending["late"] and pending["due"]
    assert ServiceFait.objects.filter(attested_at__isnull=False).exists()

    coach = User.objects.get(email="coach@fabrique.localhost")
    owner = User.objects.get(email="porteur@fabrique.localhost")
    coached = Project.objects.filter(team__user=coach).distinct()
    assert coached.count() == 3
    assert 1 <= Project.objects.filter(team__user=owner).distinct().count() <= 2
    assert all(can_view_project_details(coach, project) for project in coached)
    assert not can_view_project_details(coach, Project.objects.exclude(team__user=coach).first())
    managers = set(Project.objects.values_list("manager__email", flat=True))
    assert managers == {"equipe@fabrique.localhost", "admin@fabrique.localhost"}


def test_runs_again_without_changing_or_duplicating_anything(demo):
    before = snapshot()
    assert load_demo_portfolio() == {**demo, "created": 0, "existing": len(PROJECTS)}
    assert snapshot() == before
    load_demo_portfolio(today=date.today() + timedelta(days=45))  # dates would all move
    assert snapshot() == before

    # What the team changed is kept; a deleted demo project comes back.
    project = Project.objects.get(slug="salles-ouvertes")
    project.mission = "Mission réécrite par l'équipe."
    project.save()
    Project.objects.get(slug="vigie-crues").delete()
    result = load_demo_portfolio()
    assert (result["created"], result["projects"]) == (1, len(PROJECTS))
    assert Project.objects.get(slug="salles-ouvertes").mission == "Mission réécrite par l'équipe."


def test_content_is_deterministic():
    """Same plan on every run: no randomness outside the seeded generators."""
    today = date(2026, 3, 12)

    def plan():
        calendar, result = Calendar(today), []
        for spec in PROJECTS:
            rng = random.Random(f"{SEED}-{spec.slug}")
            timeline = build_timeline(spec, calendar)
            expenses = build_expenses(spec, timeline, today, rng)
            launch = plan_funding(spec, timeline, expenses, today, rng)
            result.append((timeline, expenses, launch))
        return result

    assert plan() == plan()


def test_works_without_territories_nor_accounts(db):
    result = load_demo_portfolio()
    assert result["projects"] == len(PROJECTS)
    assert result["partners"] == 0
    assert not Project.objects.filter(manager__isnull=False).exists()
    assert not TeamMember.objects.filter(user__isnull=False).exists()
    board = selectors.dashboard(PortfolioFilters())
    assert board.committees_due and board.overdue and board.budget_ending


# One project per dashboard list: committees are held on Thursdays, so the dates depend on
# the weekday of `today`.
STORIES = {
    "salles-ouvertes": "committees_due",
    "navette-rurale": "committees_due",
    "signal-voirie": "without_committee",
    "menu-local": "budget_ending",
    "dossier-travaux": "overdue",
    "guichet-des-associations": "postmortems_missing",
}


@pytest.mark.parametrize("offset", range(7))
def test_each_story_holds_whatever_the_weekday(db, monkeypatch, offset):
    subset = tuple(spec for spec in PROJECTS if spec.slug in STORIES)
    monkeypatch.setattr(demo_module, "PROJECTS", subset)
    monkeypatch.setattr(demo_module, "SLUGS", tuple(STORIES))
    today = date(2026, 3, 9) + timedelta(days=offset)
    load_demo_portfolio(today=today)
    board = selectors.dashboard(PortfolioFilters(), today=today)
    for slug, list_name in STORIES.items():
        assert slug in {row.slug for row in getattr(board, list_name)}, (slug, list_name)


def test_load_demo_command_prints_the_portfolio(territories):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert f"{len(PROJECTS)} projets ({len(PROJECTS)} créés)" in out.getvalue()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert f"{len(PROJECTS)} projets (0 créé, {len(PROJECTS)} déjà présents)" in out.getvalue()
    assert Project.objects.filter(slug__in=SLUGS).count() == len(PROJECTS)


def test_demo_committees_are_named_and_minuted_as_the_pages_show_them(demo):
    """Leftovers 3b: demo committees were « … du 24 décembre 2026 » while a committee without
    a title is « … du 24/12/2026 »; their minutes said the decisions were « ci-dessous » when
    the page shows them above the minutes."""
    import re

    committees = list(Committee.objects.all())
    assert committees
    for committee in committees:
        assert re.search(r" du \d\d/\d\d/\d{4}$", str(committee)), str(committee)
        assert "ci-dessous" not in committee.minutes
    assert any("section « Décisions »" in c.minutes for c in committees)
