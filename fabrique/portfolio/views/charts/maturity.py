"""The maturity pictures: the history of the five scores, and tiny bars for a table cell.

Each axis has its colour, dash and marker shape (`AXIS_COLOURS`, `AXIS_DASHES`,
`AXIS_MARKERS`) so that colour never carries the meaning alone.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from xml.sax.saxutils import escape

from fabrique.core.charts.svg import (
    AXIS,
    GRID,
    MUTED,
    WHITE,
    digest,
    el,
    empty_svg,
    fr_date,
    measure_text,
    num,
    point_marker,
    render_attrs,
    svg_document,
    text_at,
    title_el,
)

from ...vocabulary import MaturityAxis

AXIS_COLOURS = {
    MaturityAxis.IMPACT: "#000091",
    MaturityAxis.DEPLOYMENT: "#b34000",
    MaturityAxis.DESIGN: "#a558a0",
    MaturityAxis.OPEN_SOURCE: "#18753c",
    MaturityAxis.OPEN_DATA: "#006a6f",
}
AXIS_MARKERS = {
    MaturityAxis.IMPACT: "circle",
    MaturityAxis.DEPLOYMENT: "square",
    MaturityAxis.DESIGN: "triangle",
    MaturityAxis.OPEN_SOURCE: "diamond",
    MaturityAxis.OPEN_DATA: "triangle-down",
}
AXIS_DASHES = {
    MaturityAxis.IMPACT: None,
    MaturityAxis.DEPLOYMENT: "7 3",
    MaturityAxis.DESIGN: None,
    MaturityAxis.OPEN_SOURCE: "2 3",
    MaturityAxis.OPEN_DATA: "7 3 2 3",
}
MAX_SCORE = 3


def _score(scores: Mapping, axis: str) -> int | None:
    value = scores.get(axis)
    if value is None:
        return None
    return max(0, min(MAX_SCORE, int(value)))


def _spread(positions: list[float], gap: float, low: float, high: float) -> list[float]:
    """Move sorted label positions apart by `gap` at least, within [low, high]."""
    if not positions:
        return []
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    overflow = placed[-1] - high
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    placed = [max(p, low + i * gap) for i, p in enumerate(placed)]
    result = [0.0] * len(positions)
    for rank, i in enumerate(order):
        result[i] = placed[rank]
    return result


def maturity_chart_svg(
    reviews: Iterable[tuple[date, Mapping[str, int | None]]], *, id_prefix: str | None = None
) -> str:
    """The history of the five maturity scores (0 to 3): one line per axis, in time.

    Lines are slightly shifted from one another so that equal scores stay visible; each line
    has its colour, dash, marker shape and its name written at its end.
    """
    reviews = sorted(((day, dict(scores)) for day, scores in reviews), key=lambda r: r[0])
    prefix = id_prefix or f"maturite-{digest('maturity', reviews)}"
    title = "Évolution de la maturité du projet"
    if not reviews:
        return empty_svg(title, "Aucune revue de maturité.", prefix)

    axes = list(MaturityAxis)
    width, height = 720.0, 300.0
    x0, x1, top, bottom = 56.0, 560.0, 28.0, 246.0
    pad = 18.0
    first, last = reviews[0][0], reviews[-1][0]
    span = (last - first).days

    def x_of(day: date) -> float:
        if span == 0:
            return (x0 + x1) / 2
        return x0 + pad + (day - first).days / span * (x1 - x0 - 2 * pad)

    def y_of(score: float) -> float:
        return bottom - score / MAX_SCORE * (bottom - top)

    body = []
    for score in range(MAX_SCORE + 1):
        y = y_of(score)
        body.append(
            el("line", x1=x0, y1=y, x2=x1, y2=y, stroke=AXIS if score == 0 else GRID)
            + text_at(x0 - 10, y + 4, str(score), text_anchor="end", font_size=12)
        )
    body.append(text_at(x0 - 10, top - 14, "Note (0 à 3)", font_size=11, fill=MUTED))
    body.append(el("line", x1=x0, y1=top, x2=x0, y2=bottom, stroke=AXIS))

    # Date labels, left to right, skipping those that would overlap (the last one always shows).
    label_width = measure_text("00/00/0000", 11) + 8
    xs = [x_of(day) for day, _ in reviews]
    shown: list[int] = []
    for index, x in enumerate(xs):
        if shown and x - xs[shown[-1]] < label_width:
            if index == len(xs) - 1:
                shown.pop()
            else:
                continue
        shown.append(index)
    for index in shown:
        day, x = reviews[index][0], xs[index]
        body.append(
            el("line", x1=x, y1=bottom, x2=x, y2=bottom + 5, stroke=AXIS)
            + text_at(x, bottom + 19, fr_date(day), font_size=11, text_anchor="middle")
        )
    body.append(text_at(x0, bottom + 40, "Date de la revue", font_size=11, fill=MUTED))

    ends = []
    for index, axis in enumerate(axes):
        colour, offset = AXIS_COLOURS[axis], (index - 2) * 2.5
        points = [
            (x_of(day), y_of(score) + offset, day, score)
            for day, scores in reviews
            if (score := _score(scores, axis)) is not None
        ]
        parts = []
        if len(points) > 1:
            path = "M" + "L".join(f"{num(px)} {num(py)}" for px, py, _, _ in points)
            parts.append(
                el(
                    "path",
                    d=path,
                    fill="none",
                    stroke=colour,
                    stroke_width=2.2,
                    stroke_dasharray=AXIS_DASHES[axis],
                    stroke_linejoin="round",
                )
            )
        for px, py, day, score in points:
            parts.append(
                el(
                    "g",
                    title_el(f"{axis.label} : {score} sur 3 le {fr_date(day)}")
                    + point_marker(AXIS_MARKERS[axis], px, py, colour),
                    class_="point",
                    data_axis=axis.value,
                    data_score=score,
                )
            )
        if points:
            ends.append((axis, points[-1][0], points[-1][1], points[-1][3]))
        body.append(el("g", "".join(parts), class_="series", data_axis=axis.value))

    label_ys = _spread([y for _, _, y, _ in ends], 15.0, top - 6, bottom + 6)
    label_x = max((x for _, x, _, _ in ends), default=x1) + 14
    for (axis, x, y, score), label_y in zip(ends, label_ys, strict=True):
        colour = AXIS_COLOURS[axis]
        body.append(
            el(
                "g",
                el(
                    "path",
                    d=f"M{num(x + 6)} {num(y)}L{num(label_x - 3)} {num(label_y)}",
                    stroke=colour,
                    stroke_width=1,
                    fill="none",
                )
                + point_marker(AXIS_MARKERS[axis], label_x + 4, label_y, colour, 3.8)
                + text_at(label_x + 13, label_y + 4, f"{axis.label} : {score}", fill=colour),
                class_="end-label",
            )
        )

    latest_day, latest = reviews[-1]
    latest_text = ", ".join(f"{axis.label} {_score_text(_score(latest, axis))}" for axis in axes)
    desc = (
        f"Notes de maturité de 0 à 3 sur cinq axes ({', '.join(a.label for a in axes)}), "
        + (
            f"une seule revue, le {fr_date(first)}. "
            if len(reviews) == 1
            else f"{len(reviews)} revues du {fr_date(first)} au {fr_date(last)}. "
        )
        + f"Dernière revue ({fr_date(latest_day)}) : {latest_text}. "
        "Le détail est dans le tableau qui suit."
    )
    return svg_document(width, height, title, desc, body, prefix=prefix)


def _score_text(score: int | None) -> str:
    return "non évalué" if score is None else f"{score} sur 3"


def maturity_bars_svg(scores: Mapping[str, int | None] | None) -> str:
    """Five tiny bars for a table cell, one per axis, in the order of `MaturityAxis`.

    A bar's height is its score out of 3 (0 is a flat stub); an axis not evaluated is an empty
    dashed outline. Sized in `em` so it follows the text size.
    """
    scores = scores or {}
    return _maturity_bars(tuple(_score(scores, axis) for axis in MaturityAxis))


@lru_cache(maxsize=1024)
def _maturity_bars(values: tuple[int | None, ...]) -> str:
    """The bars for five scores: at most 5⁵ different pictures, each drawn once per process."""
    axes = list(MaturityAxis)
    if all(value is None for value in values):
        label = "Maturité non évaluée"
    else:
        label = "Maturité : " + ", ".join(
            f"{axis.label} {_score_text(value)}" for axis, value in zip(axes, values, strict=True)
        )
    desc = (
        "Une barre par axe, de gauche à droite : "
        + ", ".join(axis.label for axis in axes)
        + ". Hauteur proportionnelle à la note sur 3 ; contour vide : non évalué."
    )
    bar_width, gap, full, base = 8.0, 3.0, 16.0, 18.0
    parts = [el("rect", x=0, y=0, width=56, height=19, fill=WHITE)]  # readable in dark theme
    for index, (axis, value) in enumerate(zip(axes, values, strict=True)):
        x = 1 + index * (bar_width + gap)
        if value is None:
            parts.append(
                el(
                    "rect",
                    x=x + 0.5,
                    y=base - full + 0.5,
                    width=bar_width - 1,
                    height=full - 1,
                    fill=WHITE,
                    stroke=MUTED,
                    stroke_dasharray="2 1.5",
                    class_="not-evaluated",
                    data_axis=axis.value,
                )
            )
            continue
        height = max(full * value / MAX_SCORE, 2.0)
        parts.append(
            el(
                "rect",
                x=x,
                y=base - height,
                width=bar_width,
                height=height,
                fill=AXIS_COLOURS[axis],
                class_="score",
                data_axis=axis.value,
                data_score=value,
            )
        )
    parts.append(el("line", x1=0, y1=base + 0.5, x2=56, y2=base + 0.5, stroke=AXIS))
    return "".join(
        [
            "<svg",
            render_attrs(
                {
                    "xmlns": "http://www.w3.org/2000/svg",
                    "viewBox": "0 0 56 19",
                    "width": "3.5em",
                    "height": "1.2em",
                    "role": "img",
                    "aria_label": label,
                    "style": "vertical-align:middle",
                }
            ),
            ">",
            title_el(label),
            el("desc", escape(desc)),
            *parts,
            "</svg>",
        ]
    )
