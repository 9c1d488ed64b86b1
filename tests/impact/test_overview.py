"""The portfolio impact view computes every status at once (NumPy): it must say exactly what
each project's own pages say, computed indicators included."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.impact import selectors, services
from fabrique.impact.selectors import overview
from fabrique.impact.vocabulary import ACTIVE_USERS, Direction, Frequency, Unit
from fabrique.territories.models import Commune, Departement
from tests.portfolio.factories import ExpenseFactory, PhaseFactory, ProjectFactory

from .factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def months_ago(months: int) -> date:
    today = timezone.localdate().replace(day=1)
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


@pytest.fixture
def portfolio(territories):
    today = timezone.localdate()
    projects = []
    for index in range(6):
        project = ProjectFactory(name=f"Service {index}")
        PhaseFactory(project=project, name="construction", start=date(2024, 1, 1))
        services.starter_set_add(project=project)
        users = project.indicators.get(key=ACTIVE_USERS)
        users.baseline_value, users.baseline_date = 100, today - timedelta(days=400)
        users.target_value, users.target_date = 100 + 200 * (index + 1), today + timedelta(days=90)
        users.save()
        for months in range(1 + index, 8 + index):
            MeasurementFactory(indicator=users, period=months_ago(months), value=300 - months)
        ExpenseFactory(project=project, date=months_ago(2 + index), amount=Decimal(9000))
        weekly = IndicatorFactory(
            project=project, frequency=Frequency.WEEKLY, direction=Direction.DOWN,
            unit=Unit.MINUTES, baseline_value=30, baseline_date=today - timedelta(days=300),
            target_value=10, target_date=today + timedelta(days=60 * index - 100),
        )  # fmt: skip
        for weeks in range(index, index + 6):
            day = today - timedelta(weeks=weeks)
            MeasurementFactory(
                indicator=weekly, period=day - timedelta(days=day.weekday()), value=25 - weeks
            )
        yearly = IndicatorFactory(project=project, frequency=Frequency.YEARLY)
        MeasurementFactory(indicator=yearly, period=date(today.year - index, 1, 1), value=1)
        projects.append(project)
    services.deployment_target_save(
        project=projects[0], kind="communes", max_population=3500,
        departements=[Departement.objects.get(code="42")],
    )  # fmt: skip
    services.deployment_add(
        project=projects[0], territory=Commune.objects.get(insee="42248"), since=months_ago(5)
    )
    return projects


def test_overview_statuses_match_the_project_pages(portfolio, users):
    board = overview.impact_portfolio(users[Role.INCUBATOR])
    assert board.project_count == 6 and board.indicator_count == 6 * 9
    for row in board.rows:
        project = next(p for p in portfolio if p.pk == row.pk)
        expected = Counter(state.status for state in selectors.project_indicators(project))
        assert row.statuses == dict(expected), project.name
        star = next(s for s in selectors.project_indicators(project) if s.is_north_star)
        assert row.north_star["status"] == star.status
        assert row.north_star["latest"][0] == star.latest_period
    totals = {status: count for status, _, count in board.totals}
    assert sum(totals.values()) == board.indicator_count
    assert len({count for count in totals.values() if count}) > 1  # several statuses


def test_cost_per_use_and_penetration_in_the_overview(portfolio, users):
    board = overview.impact_portfolio(users[Role.INCUBATOR])
    overview.complete_page(board.rows)
    project = portfolio[0]
    states = {s.key: s for s in selectors.project_indicators(project)}
    assert states["cout-par-usage"].latest is not None
    assert states["penetration"].latest is not None
    row = next(row for row in board.rows if row.pk == project.pk)
    assert row.north_star["name"] == "Usagers actifs mensuels"
    assert row.trend is not None


def test_a_team_sees_its_own_projects_only(portfolio, users):
    from tests.portfolio.factories import TeamMemberFactory

    TeamMemberFactory(project=portfolio[2], user=users[Role.COACH])
    board = overview.impact_portfolio(users[Role.COACH])
    assert [row.pk for row in board.rows] == [portfolio[2].pk]
    assert board.indicator_count == 9


def test_empty_portfolio(users):
    board = overview.impact_portfolio(users[Role.INCUBATOR])
    assert (board.project_count, board.indicator_count, list(board.rows)) == (0, 0, [])
    ProjectFactory()
    board = overview.impact_portfolio(users[Role.INCUBATOR])
    assert board.without_indicators == 1


def test_overview_reads_the_creation_day_of_an_indicator_in_france(users):
    """Created at 00:30 on 1 April in Paris (22:30 UTC on 31 March), a monthly indicator
    without any value is not silent yet in June, on the overview as on the project page: the
    SQL of the overview reads the day in France, as the project page does."""
    from datetime import UTC, datetime

    from fabrique.impact.models import Indicator

    project = ProjectFactory(name="Service créé tard le soir")
    indicator = IndicatorFactory(project=project, frequency=Frequency.MONTHLY)
    Indicator.objects.filter(pk=indicator.pk).update(
        created_at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
    )
    today = date(2026, 6, 15)
    board = overview.impact_portfolio(users[Role.INCUBATOR], today=today)
    [row] = board.rows
    expected = Counter(state.status for state in selectors.project_indicators(project, today=today))
    assert row.statuses == dict(expected)


def test_local_days_read_each_moment_on_the_french_calendar():
    """The creation day of the overview: a moment in UTC read in France, winter (+1 h) and
    summer (+2 h) alike, and on the night the clocks change (29 March 2026, 01:00 UTC)."""
    from datetime import UTC, datetime

    import numpy as np

    from fabrique.impact.selectors.overview.numbers import EPOCH, local_days

    moments = [
        datetime(2026, 1, 15, 22, 59, tzinfo=UTC),  # 23:59 in Paris: still the 15th
        datetime(2026, 1, 15, 23, 0, tzinfo=UTC),  # midnight in Paris: the 16th
        datetime(2026, 3, 28, 22, 30, tzinfo=UTC),  # 23:30 (+1 h): the 28th
        datetime(2026, 3, 29, 22, 30, tzinfo=UTC),  # 00:30 (+2 h since 01:00 UTC): the 30th
        datetime(2026, 10, 24, 22, 30, tzinfo=UTC),  # 00:30 (+2 h): the 25th
        datetime(2026, 10, 25, 22, 30, tzinfo=UTC),  # 23:30 (+1 h again): the 25th
    ]
    seconds = np.array([moment.timestamp() for moment in moments] + [np.nan])
    days = local_days(seconds)
    read = [(EPOCH + timedelta(days=int(day))).day for day in days[:-1]]
    assert read == [15, 16, 28, 30, 25, 25]
    assert np.isnan(days[-1])
