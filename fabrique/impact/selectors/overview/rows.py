"""The rows of the portfolio impact view: one per project, built when displayed from NumPy columns
(`PortfolioRows`), and the view as a whole (`PortfolioImpact`)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from fabrique.portfolio.vocabulary import PhaseName

from ... import rules
from ...vocabulary import Direction, Status, Trend
from .numbers import COMPUTATIONS, EPOCH, FREQUENCIES


@dataclass
class PortfolioRow:
    """One project of the portfolio impact view."""

    pk: int
    name: str
    slug: str
    phase: str | None
    statuses: dict[str, int] = field(default_factory=dict)
    indicator_count: int = 0
    # The North Star: id, direction, frequency, computed, latest (period, value), status;
    # name and unit added for the displayed page.
    north_star: dict | None = None
    to_update: list[str] = field(default_factory=list)  # names, for the displayed page
    next_committee: date | None = None
    committee_overdue: bool = False
    trend: str | None = None

    @property
    def attention(self) -> tuple:
        return (
            -(self.statuses.get(Status.OFF_TRACK, 0) + self.statuses.get(Status.STALE, 0)),
            -self.statuses.get(Status.OFF_TRACK, 0),
            self.indicator_count == 0,
            self.name.lower(),
        )

    @property
    def phase_label(self) -> str:
        return PhaseName(self.phase).label if self.phase else "—"

    @property
    def status_list(self) -> list[tuple[str, str, int]]:
        return [(s, label, self.statuses[s]) for s, label in Status.choices if self.statuses.get(s)]

    @property
    def north_star_text(self) -> str:
        if not self.north_star or self.north_star["latest"] is None:
            return "—"
        return rules.format_value(self.north_star["latest"][1], self.north_star.get("unit", ""))

    @property
    def trend_label(self) -> str:
        return Trend(self.trend).label if self.trend else "—"

    @property
    def trend_good(self) -> bool | None:
        if not self.north_star:
            return None
        return rules.trend_is_good(self.trend, self.north_star["direction"])


@dataclass
class Projects:
    """The projects of the view as columns (few Python objects for thousands of projects)."""

    pk: np.ndarray
    name: np.ndarray
    slug: np.ndarray
    phase: np.ndarray

    def __len__(self) -> int:
        return len(self.pk)


@dataclass
class NorthStars:
    """The North Star of each project that has one: its row in the numbers table."""

    by_position: dict[int, int]  # project position -> index in the arrays below
    pk: np.ndarray
    up: np.ndarray
    frequency: np.ndarray
    computation: np.ndarray
    day: np.ndarray
    value: np.ndarray
    code: np.ndarray

    def get(self, position: int) -> dict | None:
        index = self.by_position.get(position)
        if index is None:
            return None
        state = rules.STATUS_CODES[int(self.code[index])]
        day = self.day[index]
        return {
            "id": int(self.pk[index]),
            "direction": Direction.UP if self.up[index] else Direction.DOWN,
            "frequency": FREQUENCIES[int(self.frequency[index])],
            "computed": COMPUTATIONS[int(self.computation[index])],
            "latest": (
                (EPOCH + timedelta(days=int(day)), float(self.value[index]))
                if not np.isnan(day) else None
            ),
            "status": state,
            "status_label": Status(state).label,
        }  # fmt: skip


class PortfolioRows(Sequence):
    """The rows of the view in display order, each built when asked for (a page of 50 out of
    2,000): what is known of every project are NumPy arrays."""

    def __init__(self, order, projects: Projects, counts, stars: NorthStars):
        self.order = order  # positions in `projects`, in display order
        self.projects = projects
        self.counts = counts  # statuses per project: array (projects × STATUS_CODES)
        self.stars = stars
        self.built: dict[int, PortfolioRow] = {}

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(position) for position in self.order[index].tolist()]
        return self._row(int(self.order[index]))

    def _row(self, position: int) -> PortfolioRow:
        if position not in self.built:
            counts = self.counts[position].tolist()
            projects = self.projects
            phase = str(projects.phase[position]) or None
            row = PortfolioRow(
                int(projects.pk[position]), str(projects.name[position]),
                str(projects.slug[position]), phase,
            )  # fmt: skip
            row.statuses = {
                rules.STATUS_CODES[code]: count for code, count in enumerate(counts) if count
            }
            row.indicator_count = sum(counts)
            row.north_star = self.stars.get(position)
            self.built[position] = row
        return self.built[position]


@dataclass
class PortfolioImpact:
    rows: PortfolioRows
    totals: list[tuple[str, str, int]]
    project_count: int
    indicator_count: int
    without_indicators: int
