"""The portfolio impact view computed: the projects a user follows, the status of every indicator
(`rules.evaluate_many`), counts, order and filters (`impact_portfolio`), then what one displayed
page needs (`complete_page`)."""

from datetime import date

import numpy as np
from django.db.models import Q
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.portfolio.access import visible_projects
from fabrique.portfolio.rules import committee_to_prepare
from fabrique.portfolio.selectors import (
    annotated_projects,
    current_phase_subquery,
    summarize,
)
from fabrique.portfolio.vocabulary import PhaseName

from ... import rules
from ...filters import SORT_ATTENTION, SORT_NAME, WITHOUT_INDICATORS
from ...models import Indicator
from ...vocabulary import Computation, Status
from .. import recent_values
from .numbers import (
    COLUMNS,
    EPOCH,
    FREQUENCIES,
    as_dates,
    indicator_numbers,
    number_table,
)
from .rows import NorthStars, PortfolioImpact, PortfolioRow, PortfolioRows, Projects

CLOSED_PHASES = frozenset({PhaseName.ABANDONED, PhaseName.INVESTIGATION_ABANDONED})


def followed_projects(projects) -> Projects:
    """The projects followed, with their current phase, abandoned ones left out."""
    rows = [
        row
        for row in projects.order_by()
        .annotate(phase=current_phase_subquery())
        .values_list("pk", "name", "slug", "phase")
        if row[3] not in CLOSED_PHASES
    ]
    if not rows:
        empty = np.array([], dtype=str)
        return Projects(np.array([], dtype=float), empty, empty, empty)
    pk, name, slug, phase = zip(*rows, strict=True)
    return Projects(
        np.array(pk, dtype=float), np.array(name), np.array(slug),
        np.array([value or "" for value in phase]),
    )  # fmt: skip


def _latest_for_evaluation(table: np.ndarray, positions: np.ndarray, today: date):
    """Latest (day, value) of each indicator as the rules see it: a computed penetration holds
    until the deployments change (its latest value is today's); a cost per use is the spending
    ÷ the active users of its project's latest active-users month (`rules.cost_per_use`)."""
    column = {name: index for index, name in enumerate(COLUMNS)}
    last_day = table[:, column["last_day"]].copy()
    last = table[:, column["last"]].copy()
    computation = table[:, column["computation"]]
    frequency = table[:, column["frequency_code"]].astype(int)

    current = np.array(
        [(rules.period_start(today, name) - EPOCH).days for name in FREQUENCIES], dtype=float
    )
    penetration = (computation == 1) & ~np.isnan(last_day)
    last_day[penetration] = current[frequency[penetration]]

    users = table[:, column["is_users"]] == 1
    users_day = np.full(positions.max(initial=0) + 1, np.nan)
    users_value = np.full(positions.max(initial=0) + 1, np.nan)
    users_day[positions[users]] = last_day[users]
    users_value[positions[users]] = last[users]
    cost = computation == 2
    spent = table[cost, column["spent"]]
    active = users_value[positions[cost]]
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where((spent > 0) & (active > 0), np.round(spent / active, 2), np.nan)
    last[cost] = value
    last_day[cost] = np.where(np.isnan(value), np.nan, users_day[positions[cost]])
    return last_day, last


def impact_portfolio(
    user, *, status: str = "", sort: str = SORT_ATTENTION, today: date | None = None
) -> PortfolioImpact:
    """One row per project the user may follow (abandoned ones left out), with the status of
    every indicator: two queries whatever the portfolio size."""
    today = today or timezone.localdate()
    return _impact_portfolio(user, status, sort, today)


def _impact_portfolio(user, status: str, sort: str, today: date) -> PortfolioImpact:
    projects = followed_projects(visible_projects(user))
    indicators = Indicator.objects.all()
    if not is_incubator_staff(user):
        indicators = indicators.filter(project__in=visible_projects(user))
    table = number_table(indicator_numbers(indicators))
    column = {name: index for index, name in enumerate(COLUMNS)}

    # Each indicator's project, as a position in `projects` (indicators of projects left out
    # are dropped).
    order = np.argsort(projects.pk)
    if len(projects):
        found = np.minimum(
            np.searchsorted(projects.pk[order], table[:, column["project_id"]]), len(projects) - 1
        )
        kept = projects.pk[order][found] == table[:, column["project_id"]]
        positions = order[found[kept]]
    else:
        kept, positions = np.zeros(len(table), dtype=bool), np.zeros(0, dtype=int)
    table = table[kept]

    last_day, last = _latest_for_evaluation(table, positions, today)
    codes, _, _ = rules.evaluate_many(
        frequency=table[:, column["frequency_code"]].astype(int),
        up=table[:, column["up"]] == 1,
        today=today,
        latest_period=as_dates(last_day),
        latest_value=last,
        baseline_date=as_dates(table[:, column["baseline_day"]]),
        baseline_value=table[:, column["baseline"]],
        target_date=as_dates(table[:, column["target_day"]]),
        target_value=table[:, column["target"]],
        since=as_dates(table[:, column["created_day"]]),
    )
    width = len(rules.STATUS_CODES)
    counts = np.bincount(positions * width + codes, minlength=len(projects) * width).reshape(
        len(projects), width
    )
    star = np.flatnonzero(table[:, column["star"]] == 1)
    stars = NorthStars(
        by_position=dict(zip(positions[star].tolist(), range(len(star)), strict=True)),
        pk=table[star, column["pk"]],
        up=table[star, column["up"]] == 1,
        frequency=table[star, column["frequency_code"]],
        computation=table[star, column["computation"]],
        day=last_day[star],
        value=last[star],
        code=codes[star],
    )

    code = {name: index for index, name in enumerate(rules.STATUS_CODES)}
    off, stale = counts[:, code[Status.OFF_TRACK]], counts[:, code[Status.STALE]]
    indicator_counts = counts.sum(axis=1)
    names = np.char.lower(projects.name) if len(projects) else projects.name
    if sort == SORT_NAME:
        display = np.argsort(names, kind="stable")
    else:  # projects to watch first: most indicators off track or silent
        display = np.lexsort((names, indicator_counts == 0, -off, -(off + stale)))
    if status == WITHOUT_INDICATORS:
        display = display[indicator_counts[display] == 0]
    elif status in code:
        display = display[counts[display, code[status]] > 0]
    totals = dict(zip(rules.STATUS_CODES, counts.sum(axis=0).tolist(), strict=True))
    return PortfolioImpact(
        rows=PortfolioRows(display, projects, counts, stars),
        totals=[(s, label, totals.get(s, 0)) for s, label in Status.choices],
        project_count=len(projects),
        indicator_count=int(counts.sum()),
        without_indicators=int((indicator_counts == 0).sum()),
    )


def complete_page(rows: list[PortfolioRow], today: date | None = None) -> None:
    """What the view shows for one page of rows only: next committee (portfolio rules) and the
    indicators to update before it, names and units, and the North Star trend. Three queries."""
    today = today or timezone.localdate()
    if not rows:
        return
    by_pk = {row.pk: row for row in rows}
    projects = annotated_projects(today, detail=False).filter(pk__in=list(by_pk))
    for summary in summarize(projects, today):
        row = by_pk[summary.project.pk]
        row.next_committee = committee_to_prepare(
            summary.project.next_planned_committee, summary.next_committee_due, today=today
        )
        row.committee_overdue = summary.committee_overdue  # the portfolio's rule
    stars = {row.north_star["id"]: row for row in rows if row.north_star}
    indicators = (
        Indicator.objects.filter(Q(project__in=list(by_pk), computed="") | Q(pk__in=list(stars)))
        .order_by("project", "position", "name")
        .values_list("pk", "project_id", "name", "unit", "frequency", "computed", "latest_period")
    )
    for pk, project_id, name, unit, frequency, computed, latest_period in indicators:
        row = by_pk[project_id]
        if pk in stars:
            row.north_star["name"], row.north_star["unit"] = name, unit
        if not computed and rules.update_due_for_committee(
            latest_period, frequency, row.next_committee, today
        ):
            row.to_update.append(name)
    measured = {
        pk: row
        for pk, row in stars.items()
        if row.north_star["computed"] != Computation.COST_PER_USE
    }
    for indicator_id, points in recent_values(measured).items():
        row = measured[indicator_id]
        row.trend = rules.trend(points, row.north_star["frequency"])
