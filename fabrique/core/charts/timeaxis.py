"""The time axis of the timelines: whole months scaled to a width, gridlines and today.

`TimeScale` maps dates to x positions and chooses ticks whose labels stay readable;
`time_grid` draws them, `today_marker` and `today_swatch` mark today on the picture and
in its legend.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .svg import AXIS, DAYS_PER_MONTH, GRID, MUTED, TEXT, el, measure_text, text_at

MONTHS = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


def month_floor(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class TimeScale:
    start: date
    end: date
    x0: float
    x1: float

    @classmethod
    def covering(cls, days: Iterable[date], x0: float, x1: float) -> "TimeScale":
        """Whole months around the dates, at least three of them."""
        days = list(days)
        start = month_floor(min(days))
        end = add_months(month_floor(max(days)), 1)
        while (end - start).days < 90:
            end = add_months(end, 1)
        return cls(start, end, x0, x1)

    @property
    def px_per_day(self) -> float:
        return (self.x1 - self.x0) / (self.end - self.start).days

    def x(self, day: date) -> float:
        return self.x0 + (day - self.start).days * self.px_per_day

    def ticks(self) -> list[tuple[date, str, bool]]:
        """(day, label, is_year) for the gridlines; labels spaced enough to be read."""
        per_year = self.px_per_day * 365.25
        year_step = next((step for step in (1, 2, 5, 10) if per_year * step >= 42), 20)
        per_month = self.px_per_day * DAYS_PER_MONTH
        month_step = next((step for step in (1, 3, 6) if per_month * step >= 24), None)
        label_months = month_step is not None and per_month * month_step >= 46
        ticks = []
        day = self.start
        while day <= self.end:
            if day.month == 1 and day.year % year_step == 0:
                ticks.append((day, str(day.year), True))
            elif day.month != 1 and month_step and (day.month - 1) % month_step == 0:
                ticks.append((day, MONTHS[day.month - 1] if label_months else "", False))
            day = add_months(day, 1)
        if label_months and ticks and not ticks[0][2]:
            first_day, first_label, _ = ticks[0]
            ticks[0] = (first_day, f"{first_label} {first_day.year}", False)
        first_year = next((day for day, _, is_year in ticks if is_year), self.end)
        if not label_months and self.start.month != 1 and self.x(first_year) - self.x0 >= 42:
            ticks.insert(0, (self.start, str(self.start.year), True))  # the first, partial year
        return ticks


LABEL_GAP = 6  # px between two labels of the axis


def time_grid(scale: TimeScale, top: float, bottom: float, label_ys: Sequence[float]) -> str:
    """Gridlines at the ticks, and their labels where they fit: a label that would touch the
    previous one (« sept. 2026oct. ») or pass the right edge is left out, its line stays."""
    parts = []
    label_end = float("-inf")
    for day, text, is_year in scale.ticks():
        x = scale.x(day)
        parts.append(
            el(
                "line",
                x1=x,
                y1=top,
                x2=x,
                y2=bottom,
                stroke=AXIS if is_year else GRID,
                stroke_width=1,
            )
        )
        width = measure_text(text, 11) if text else 0
        if text and x + width <= scale.x1 + 16 and x + 3 >= label_end + LABEL_GAP:
            label_end = x + 3 + width
            for label_y in label_ys:
                parts.append(
                    text_at(
                        x + 3,
                        label_y,
                        text,
                        font_size=11,
                        font_weight="bold" if is_year else None,
                        fill=TEXT if is_year else MUTED,
                    )
                )
    return "".join(parts)


def today_marker(
    scale: TimeScale, today: date, top: float, bottom: float, width: float, label_y: float
) -> str:
    x = scale.x(today)
    text = "aujourd'hui"
    if x + measure_text(text, 11) / 2 > width - 4:
        anchor = "end"
    elif x - measure_text(text, 11) / 2 < scale.x0:
        anchor = "start"
    else:
        anchor = "middle"
    return el(
        "g",
        el(
            "line",
            x1=x,
            y1=top,
            x2=x,
            y2=bottom,
            stroke=TEXT,
            stroke_width=1.5,
            stroke_dasharray="4 3",
        )
        + text_at(x, label_y, text, font_size=11, font_weight="bold", text_anchor=anchor),
        class_="today",
    )


def today_swatch() -> str:
    return el(
        "line", x1=7, y1=0, x2=7, y2=14, stroke=TEXT, stroke_width=1.5, stroke_dasharray="4 3"
    )
