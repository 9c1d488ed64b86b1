"""The two timelines: a project's phases as a Gantt chart, and the portfolio, a line a project.

Both draw `phases.phase_bars` on a `timeaxis.TimeScale`; `portfolio_rows` gives the table
under the portfolio timeline.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from fabrique.core.charts.svg import (
    AXIS,
    MUTED,
    TEXT,
    ZEBRA,
    digest,
    el,
    ellipsize,
    empty_svg,
    fr_date,
    legend_block,
    measure_text,
    num,
    safe_url,
    svg_document,
    text_at,
    title_el,
)
from fabrique.core.charts.timeaxis import TimeScale, time_grid, today_marker, today_swatch

from ...rules import label as phase_label
from ...vocabulary import PHASE_ORDER
from .phases import (
    PhaseTuple,
    bar_caption,
    bar_shapes,
    bar_text_colour,
    current_phase,
    hatch_defs,
    ongoing_swatch,
    phase_bars,
    phase_sentence,
    phase_short_label,
    phase_swatch,
)


def project_timeline_svg(
    phases: Iterable[PhaseTuple], today: date, *, id_prefix: str | None = None
) -> str:
    """A Gantt chart of a project: one bar per phase on a time axis.

    Phase names sit on the left of their bar, durations in (or next to) it; a thin rule under a
    bar shows the typical length of the phase; the phase still open runs to today and ends
    hatched; a dashed line marks today.
    """
    bars = phase_bars(phases, today)
    prefix = id_prefix or f"frise-{digest('project', bars, today)}"
    title = "Chronologie des phases du projet"
    if not bars:
        return empty_svg(title, "Aucune phase enregistrée.", prefix)

    width, label_right, x0, x1 = 800.0, 196.0, 206.0, 770.0
    top, row, bar_height = 34.0, 34.0, 16.0
    scale = TimeScale.covering(
        [today, *(b.start for b in bars), *(b.drawn_end for b in bars)], x0, x1
    )
    plot_bottom = top + row * len(bars)
    defs, hatch_ids = hatch_defs(prefix, [b.name for b in bars if b.ongoing])

    body = [time_grid(scale, top - 6, plot_bottom, [plot_bottom + 16])]
    body.append(el("line", x1=x0, y1=plot_bottom, x2=x1, y2=plot_bottom, stroke=AXIS))
    for index, bar in enumerate(bars):
        row_top = top + index * row
        y = row_top + 6
        x_start, x_end = scale.x(bar.start), scale.x(bar.drawn_end)
        shapes, plain = bar_shapes(bar, x_start, x_end, y, bar_height, hatch_ids.get(bar.name))
        parts = [
            text_at(label_right, y + 12, bar.label, text_anchor="end", font_size=12.5),
            title_el(phase_sentence(bar)),
            shapes,
        ]
        if bar.typical_days:
            x_typical = scale.x(bar.start + timedelta(days=bar.typical_days))
            rule_y = y + bar_height + 4
            parts.append(
                el(
                    "path",
                    d=f"M{num(x_start)} {num(rule_y)}H{num(x_typical)}"
                    f"M{num(x_typical)} {num(rule_y - 3)}V{num(rule_y + 3)}",
                    stroke=MUTED,
                    stroke_width=1.2,
                    fill="none",
                    class_="typical",
                )
            )
        text = bar_caption(bar)
        text_width = measure_text(text, 11)
        if text and text_width + 10 <= plain:
            parts.append(
                text_at(x_start + 5, y + 12, text, font_size=11, fill=bar_text_colour(bar))
            )
        elif text and max(x_end, x_start + 2) + 6 + text_width <= x1 + 24:
            parts.append(text_at(max(x_end, x_start + 2) + 6, y + 12, text, font_size=11))
        elif text and x_start - 6 - text_width >= x0:
            parts.append(text_at(x_start - 6, y + 12, text, font_size=11, text_anchor="end"))
        body.append(el("g", "".join(parts), class_="phase", data_phase=bar.name))
    body.append(today_marker(scale, today, top - 6, plot_bottom, width, top - 10))

    legend_items = []
    for name, hatch_id in list(hatch_ids.items())[:1]:  # one example of a hatched end
        legend_items.append((ongoing_swatch(hatch_id, name), "en cours, jusqu'à aujourd'hui"))
    if any(bar.typical_days for bar in bars):
        rule = el("path", d="M0 7H14M14 4V10", stroke=MUTED, stroke_width=1.2, fill="none")
        legend_items.append((rule, "durée habituelle de la phase"))
    legend_items.append((today_swatch(), "aujourd'hui"))
    legend, legend_height = legend_block(legend_items, x0, plot_bottom + 30, width)
    body.append(el("g", legend, class_="legend"))
    height = plot_bottom + 30 + legend_height + 4

    current = bars[-1]
    desc = (
        f"{len(bars)} phase{'s' if len(bars) > 1 else ''}, du {fr_date(bars[0].start)} "
        f"à aujourd'hui ({fr_date(today)}). "
        + " ; ".join(phase_sentence(bar) for bar in bars)
        + f". Phase actuelle : {current.label}."
    )
    return svg_document(width, height, title, desc, body, prefix=prefix, defs=defs)


# --- Portfolio ----------------------------------------------------------------------------


def portfolio_timeline_svg(
    rows: Iterable[tuple[str, str, Iterable[PhaseTuple]]],
    today: date,
    *,
    max_rows: int | None = None,
    id_prefix: str | None = None,
) -> str:
    """One line per project (its name links to it), its phases as segments on a shared axis.

    Names longer than the left column are cut with an ellipsis (the full name is the link's
    `<title>`). Beyond `max_rows` projects, a note sends to the table, which lists them all.
    """
    rows = [(str(label), str(url or ""), phase_bars(phases, today)) for label, url, phases in rows]
    prefix = id_prefix or f"portefeuille-{digest('portfolio', rows, today, max_rows)}"
    title = "Chronologie des phases des projets"
    if not rows:
        return empty_svg(title, "Aucun projet.", prefix)
    shown = rows[:max_rows] if max_rows is not None else rows
    hidden = len(rows) - len(shown)

    width, name_x, x0, x1 = 1000.0, 8.0, 236.0, 976.0
    row, bar_height, max_chars = 22.0, 14.0, 34
    names = sorted(
        {b.name for _, _, bars in shown for b in bars},
        key=lambda name: PHASE_ORDER.get(name, 99),
    )
    defs, hatch_ids = hatch_defs(
        prefix, [b.name for _, _, bars in shown for b in bars if b.ongoing]
    )
    legend_items = [(phase_swatch(name), phase_label(name)) for name in names]
    for name, hatch_id in list(hatch_ids.items())[:1]:  # one example of a hatched end
        legend_items.append((ongoing_swatch(hatch_id, name), "en cours"))
    legend_items.append((today_swatch(), "aujourd'hui"))
    legend, legend_height = legend_block(legend_items, name_x, 10, width)

    top = 10 + legend_height + 40
    plot_bottom = top + row * len(shown)
    all_days = [today, *(d for _, _, bars in shown for b in bars for d in (b.start, b.drawn_end))]
    scale = TimeScale.covering(all_days, x0, x1)

    body = [el("g", legend, class_="legend")]
    zebra = [
        el("rect", x=0, y=top + index * row, width=width, height=row, fill=ZEBRA)
        for index in range(1, len(shown), 2)
    ]
    body.append("".join(zebra))
    body.append(time_grid(scale, top - 6, plot_bottom, [top - 12, plot_bottom + 16]))
    body.append(el("line", x1=x0, y1=plot_bottom, x2=x1, y2=plot_bottom, stroke=AXIS))
    for index, (label, _url, bars) in enumerate(shown):
        row_top = top + index * row
        y = row_top + (row - bar_height) / 2
        # The project's name only: links inside a picture (`role="img"`) are unreachable to
        # assistive technologies; the table under the picture links every project.
        name = el(
            "g",
            title_el(label) + text_at(name_x, row_top + 15, ellipsize(label, max_chars), fill=TEXT),
        )
        parts = [name]
        if not bars:
            parts.append(
                text_at(x0 + 4, row_top + 15, "aucune phase", fill=MUTED, font_style="italic")
            )
        for bar in bars:
            x_start, x_end = scale.x(bar.start), scale.x(bar.drawn_end)
            shapes, plain = bar_shapes(bar, x_start, x_end, y, bar_height, hatch_ids.get(bar.name))
            text = ""
            for candidate in (bar.label, phase_short_label(bar.name)):
                if measure_text(candidate, 10.5) + 6 <= plain:
                    text = candidate
                    break
            caption = (
                text_at(x_start + 3, y + 11, text, font_size=10.5, fill=bar_text_colour(bar))
                if text
                else ""
            )
            parts.append(
                el(
                    "g",
                    title_el(f"{label} — {phase_sentence(bar)}") + shapes + caption,
                    class_="phase",
                    data_phase=bar.name,
                )
            )
        body.append(el("g", "".join(parts), class_="project"))
    body.append(today_marker(scale, today, top - 24, plot_bottom, width, top - 28))
    height = plot_bottom + 26
    if hidden:
        body.append(
            text_at(
                name_x,
                height + 4,
                f"… et {hidden} autre{'s' if hidden > 1 else ''} projet"
                f"{'s' if hidden > 1 else ''}, listé{'s' if hidden > 1 else ''} dans le tableau.",
                fill=MUTED,
                font_style="italic",
            )
        )
        height += 18

    currents = {}
    for _, _, bars in rows:
        if bars:
            name = current_phase([(b.name, b.start, b.end) for b in bars])[0]
            currents[name] = currents.get(name, 0) + 1
    counts = ", ".join(
        f"{phase_label(name)} : {count}"
        for name, count in sorted(currents.items(), key=lambda item: PHASE_ORDER.get(item[0], 99))
    )
    desc = (
        f"{len(rows)} projet{'s' if len(rows) > 1 else ''}"
        + (f", dont {len(shown)} représentés" if hidden else "")
        + f", du {fr_date(scale.start)} à aujourd'hui ({fr_date(today)}). "
        "Une ligne par projet, un segment coloré et nommé par phase. "
        + (f"Phase actuelle des projets : {counts}. " if counts else "")
        + "Le détail est dans le tableau qui suit."
    )
    return svg_document(width, height, title, desc, body, prefix=prefix, defs=defs)


@dataclass(frozen=True)
class PortfolioRow:
    """A line of the table under the portfolio timeline."""

    label: str
    url: str
    phase_label: str  # of the current phase, "" without any phase
    since: date | None


def portfolio_rows(rows: Iterable[tuple[str, str, Iterable[PhaseTuple]]]) -> list[PortfolioRow]:
    result = []
    for label, url, phases in rows:
        current = current_phase(phases)
        result.append(
            PortfolioRow(
                label=str(label),
                url=safe_url(str(url or "")) or "",
                phase_label=phase_label(current[0]) if current else "",
                since=current[1] if current else None,
            )
        )
    return result
