"""Server-rendered SVG pictures of impact: the time series of an indicator.

Pure functions on plain data (dates, numbers), in the style of `fabrique.portfolio.views.charts`
(drawn with the helpers and time axis of `fabrique.core.charts`): an accessible image
(RGAA 1.1.5) with `role="img"`, a `<title>` and a `<desc>` in French referenced by
`aria-labelledby` / `aria-describedby`; the values are also given as a table by the templates of
`impact/components/`. Colour is never the only carrier of meaning: the measured line, the
baseline and the target each have their own dash and marker, and a legend names them.
Deterministic output, no CSS file needed, white background, every text escaped.
"""

import math
from collections.abc import Sequence
from datetime import date, timedelta

from fabrique.core.charts.svg import (
    AXIS,
    GRID,
    LINK,
    digest,
    el,
    empty_svg,
    fr_date,
    legend_block,
    num,
    point_marker,
    svg_document,
    text_at,
    title_el,
)
from fabrique.core.charts.timeaxis import TimeScale, time_grid

from .. import rules

SERIES = LINK  # the measured values: the DSFR blue
TARGET = "#b34000"  # orange: the target and the path to it
BASELINE = "#3a3a3a"
MAX_MARKERS = 120  # above, the line alone (every value is in the table)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round gridline values (1, 2, 2.5 or 5 × 10^k apart) covering [low, high]."""
    if high <= low:
        high = low + (abs(low) or 1)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if (high - low) / step <= count:
            break
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    ticks, value = [], start
    while value <= end + step / 1000:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _axis_text(value: float, unit: str) -> str:
    places = 0 if float(value).is_integer() else 1
    text = rules.format_number(value, places)
    symbol = {"pourcentage": "%", "euros": "€"}.get(unit, "")
    return f"{text}\u00a0{symbol}" if symbol else text


def timeseries_svg(
    points: Sequence[tuple[date, object]],
    *,
    name: str,
    unit: str,
    frequency: str,
    baseline: tuple[date | None, object] | None = None,
    target: tuple[date | None, object] | None = None,
    id_prefix: str | None = None,
) -> str:
    """The values of an indicator over time, with its baseline and its target.

    `points` are (period start, value); `baseline` and `target` are (date, value) or None. The
    baseline is a grey square and a dotted line; the target a diamond at its date and a dashed
    line; a thin dashed line joins them: the path the indicator is expected to follow.
    """
    points = sorted((day, float(value)) for day, value in points)
    baseline = baseline if baseline and baseline[0] and baseline[1] is not None else None
    target = target if target and target[0] and target[1] is not None else None
    prefix = id_prefix or f"serie-{digest('series', name, points, baseline, target)}"
    title = f"Évolution de l'indicateur « {name} »"
    if not points and not target:
        return empty_svg(title, "Aucune valeur enregistrée.", prefix)

    width, height = 760.0, 330.0
    x0, x1, top, bottom = 78.0, 736.0, 24.0, 246.0
    values = [value for _, value in points]
    references = [float(ref[1]) for ref in (baseline, target) if ref]
    low, high = min([*values, *references]), max([*values, *references])
    low = min(low, 0.0) if low >= 0 else low
    if unit == "pourcentage":
        high = min(max(high, 10.0), 100.0)
    ticks = nice_ticks(low, high * 1.05 if high > 0 else high)
    y_low, y_high = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return bottom - (value - y_low) / (y_high - y_low) * (bottom - top)

    days = [day for day, _ in points] + [ref[0] for ref in (baseline, target) if ref]
    if len(set(days)) == 1:  # one value alone: a month of axis before it, not on the edge
        days.append(days[0] - timedelta(days=31))
    scale = TimeScale.covering(days, x0 + 6, x1 - 6)

    body = []
    for tick in ticks:
        y = y_of(tick)
        body.append(
            el("line", x1=x0, y1=y, x2=x1, y2=y, stroke=AXIS if tick == y_low else GRID)
            + text_at(x0 - 8, y + 4, _axis_text(tick, unit), text_anchor="end", font_size=11)
        )
    body.append(time_grid(scale, bottom, bottom + 6, [bottom + 20]))
    body.append(el("line", x1=x0, y1=top, x2=x0, y2=bottom, stroke=AXIS))

    if baseline:
        y = y_of(float(baseline[1]))
        body.append(
            el(
                "g",
                title_el(
                    f"Valeur de référence : {_value(baseline[1], unit)} le {fr_date(baseline[0])}"
                )
                + el("line", x1=x0, y1=y, x2=x1, y2=y, stroke=BASELINE, stroke_dasharray="2 3")
                + point_marker("square", scale.x(baseline[0]), y, BASELINE, 4.5),
                class_="baseline",
            )
        )
    if target:
        y = y_of(float(target[1]))
        parts = [
            title_el(f"Cible : {_value(target[1], unit)} au {fr_date(target[0])}"),
            el("line", x1=x0, y1=y, x2=x1, y2=y, stroke=TARGET, stroke_dasharray="7 4"),
        ]
        if baseline:
            parts.append(
                el(
                    "line",
                    x1=scale.x(baseline[0]),
                    y1=y_of(float(baseline[1])),
                    x2=scale.x(target[0]),
                    y2=y,
                    stroke=TARGET,
                    stroke_width=1.2,
                    stroke_dasharray="3 3",
                    class_="path",
                )
            )
        parts.append(point_marker("diamond", scale.x(target[0]), y, TARGET, 5))
        label = f"cible : {_value(target[1], unit)}"
        parts.append(text_at(x1 - 4, y - 6, label, text_anchor="end", font_size=11, fill=TARGET))
        body.append(el("g", "".join(parts), class_="target"))

    if points:
        coordinates = [(scale.x(day), y_of(value)) for day, value in points]
        if len(coordinates) > 1:
            path = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in coordinates)
            body.append(
                el(
                    "path",
                    d=path,
                    fill="none",
                    stroke=SERIES,
                    stroke_width=2.2,
                    stroke_linejoin="round",
                    class_="series",
                )
            )
        shown = range(len(points)) if len(points) <= MAX_MARKERS else [len(points) - 1]
        markers = []
        for index in shown:
            (day, value), (x, y) = points[index], coordinates[index]
            markers.append(
                el(
                    "g",
                    title_el(f"{rules.period_label(day, frequency)} : {_value(value, unit)}")
                    + point_marker("circle", x, y, SERIES, 3.6),
                    class_="point",
                )
            )
        body.append(el("g", "".join(markers), class_="points"))
        if len(points) == 1:  # no line to follow: the value is written beside its point
            (day, value), (x, y) = points[0], coordinates[0]
            body.append(
                el("circle", cx=x, cy=y, r=7, fill="none", stroke=SERIES, stroke_width=1.5)
                + text_at(x + 12, y + 4, _value(value, unit), font_size=12, font_weight="bold",
                        fill=SERIES)
            )  # fmt: skip

    legend_items = [
        (
            el("path", d="M0 7H14", stroke=SERIES, stroke_width=2.2)
            + point_marker("circle", 7, 7, SERIES, 3.2),
            "valeurs mesurées",
        ),
    ]
    if baseline:
        legend_items.append(
            (
                el("path", d="M0 7H14", stroke=BASELINE, stroke_dasharray="2 3")
                + point_marker("square", 7, 7, BASELINE, 3.6),
                "valeur de référence",
            )
        )
    if target:
        legend_items.append(
            (
                el("path", d="M0 7H14", stroke=TARGET, stroke_dasharray="7 4")
                + point_marker("diamond", 7, 7, TARGET, 4),
                "cible et échéance",
            )
        )
        if baseline:
            legend_items.append(
                (
                    el("path", d="M0 12L14 2", stroke=TARGET, stroke_dasharray="3 3"),
                    "trajectoire attendue",
                )
            )
    legend, legend_height = legend_block(legend_items, x0, bottom + 34, width)
    body.append(el("g", legend, class_="legend"))
    height = bottom + 34 + legend_height + 4

    return svg_document(
        width,
        height,
        title,
        _description(points, unit, frequency, baseline, target),
        body,
        prefix=prefix,
    )


def _value(value, unit: str) -> str:
    return rules.format_value(value, unit)


def _description(points, unit, frequency, baseline, target) -> str:
    def label(point) -> str:
        return f"{_value(point[1], unit)} ({rules.period_label(point[0], frequency)})"

    parts = []
    if points:
        count = len(points)
        parts.append(
            f"{count} valeur{'s' if count > 1 else ''}, de "
            f"{rules.period_label(points[0][0], frequency)} à "
            f"{rules.period_label(points[-1][0], frequency)}."
        )
        parts.append(f"Dernière valeur : {label(points[-1])}.")
        if count > 2:
            lowest = min(points, key=lambda point: point[1])
            highest = max(points, key=lambda point: point[1])
            parts.append(f"Plus basse : {label(lowest)} ; plus haute : {label(highest)}.")
    else:
        parts.append("Aucune valeur enregistrée.")
    if baseline:
        parts.append(f"Référence : {_value(baseline[1], unit)} le {fr_date(baseline[0])}.")
    if target:
        parts.append(f"Cible : {_value(target[1], unit)} au {fr_date(target[0])}.")
    parts.append("Le détail est dans le tableau qui suit.")
    return " ".join(parts)
