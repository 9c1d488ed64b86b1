"""Impact of the demo portfolio: realistic series, a few services off track and a few stale,
deployments on real territories; a second run changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from fabrique.accounts.models import User
from fabrique.accounts.services import load_demo_accounts
from fabrique.impact import selectors
from fabrique.impact.demo import OFF_TRACK, STALE, load_demo_impact
from fabrique.impact.models import Deployment, DeploymentTarget, Indicator, Measurement
from fabrique.impact.selectors import overview
from fabrique.impact.vocabulary import ACTIVE_USERS, Status
from fabrique.portfolio.demo import load_demo_portfolio
from fabrique.portfolio.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(territories):
    load_demo_accounts()
    load_demo_portfolio()
    return load_demo_impact()


def snapshot():
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (Indicator, Measurement, DeploymentTarget, Deployment)
    ] + [Measurement.history.count(), Indicator.history.count()]


def status_of(slug: str, key: str) -> str:
    project = Project.objects.get(slug=slug)
    return next(s for s in selectors.project_indicators(project) if s.key == key).status


def test_demo_tells_the_stories_of_the_impact_view(demo):
    assert demo["created"] == demo["projects"] >= 20
    assert demo["indicators"] == 7 * demo["projects"]
    assert demo["measurements"] > 1000
    assert demo["deployments"] > 0  # partners of the test reference
    for slug in OFF_TRACK:
        assert status_of(slug, ACTIVE_USERS) == Status.OFF_TRACK, slug
    for slug in STALE:
        assert status_of(slug, ACTIVE_USERS) == Status.STALE, slug
    on_track = [
        project.slug
        for project in Project.objects.filter(indicators__key=ACTIVE_USERS)
        if status_of(project.slug, ACTIVE_USERS) == Status.ON_TRACK
    ]
    assert len(on_track) >= 10

    # Several years of monthly values, quieter in August than in the months around.
    users = Indicator.objects.get(project__slug="budget-citoyen", key=ACTIVE_USERS)
    periods = list(users.measurements.order_by("period").values_list("period", "value"))
    assert (periods[-1][0] - periods[0][0]).days > 3 * 365
    # The same years on both sides (early in September, this year's August has no September yet).
    by_month = {(day.year, day.month): value for day, value in periods}
    years = {year for year, month in by_month if month == 8 and (year, 9) in by_month}
    august = [by_month[year, 8] for year in years]
    september = [by_month[year, 9] for year in years]
    assert years and sum(august) < Decimal("0.8") * sum(september)

    board = overview.impact_portfolio(User.objects.get(email="equipe@fabrique.localhost"))
    totals = {status: count for status, _, count in board.totals}
    assert totals[Status.ON_TRACK] and totals[Status.OFF_TRACK] and totals[Status.STALE]


def test_runs_again_without_changing_anything(demo):
    before = snapshot()
    again = load_demo_impact()
    assert again["created"] == 0 and again["indicators"] == demo["indicators"]
    assert snapshot() == before


def test_load_demo_command_prints_the_impact_line(territories, capsys):
    call_command("load_demo")
    assert "Impact de démonstration :" in capsys.readouterr().out
    assert Indicator.objects.exists()
    assert date.today() >= Measurement.objects.order_by("-period").first().period
