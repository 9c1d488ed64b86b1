"""Server-rendered SVG pictures of the portfolio: phase timelines and maturity charts.

Pure functions on plain data (tuples, dates, dicts): no database, no request, no clock —
`today` is a parameter. Every picture is an accessible image (RGAA 1.1.5): `role="img"`, a
`<title>` and a `<desc>` in French, referenced by `aria-labelledby` / `aria-describedby`
(the tiny maturity bars, repeated in table rows, use `aria-label` to need no id). The data is
also given as a table by the templates of `portfolio/components/`. Colour is never the only
carrier of meaning: each phase has a text label, each maturity axis a marker and a label.

Output is deterministic (same input, same text), needs no CSS file (every style is an
attribute), scales to its container (`viewBox` + `width="100%"`) and has a white background
so it stays readable with the dark theme of the DSFR. Every text is escaped.

Phases are `(name, start, end)` tuples, `end` being None while a phase is open (a fourth item,
the phase's comment, may follow: only the tables show it). An open phase
followed by a later one ends where the next one starts (what `services.phase_save` records);
the last open phase runs to today, drawn with a hatched end.
"""

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from .rules import label as phase_label
from .vocabulary import PHASE_ORDER, TERMINAL_PHASES, TYPICAL_DAYS, MaturityAxis, PhaseName

PhaseTuple = tuple[str, date, date | None]

FONT = "Marianne, Arial, sans-serif"
TEXT = "#161616"
MUTED = "#666666"
GRID = "#dddddd"
AXIS = "#929292"
ZEBRA = "#f6f6f6"
LINK = "#000091"
WHITE = "#ffffff"

# Dark tones of the DSFR palette: white text on them reaches 4.5:1 (see the tests).
PHASE_COLOURS = {
    PhaseName.INVESTIGATION: "#a558a0",
    PhaseName.CONSTRUCTION: "#0063cb",
    PhaseName.ACCELERATION: "#b34000",
    PhaseName.CONSOLIDATION: "#18753c",
    PhaseName.TRANSFERRED: "#716043",
    PhaseName.OPERATED: "#000091",
    PhaseName.INVESTIGATION_ABANDONED: "#666666",
    PhaseName.ABANDONED: "#ce0500",
}
UNKNOWN_PHASE_COLOUR = "#3a3a3a"
PHASE_SHORT_LABELS = {
    PhaseName.INVESTIGATION: "Invest.",
    PhaseName.CONSTRUCTION: "Constr.",
    PhaseName.ACCELERATION: "Accél.",
    PhaseName.CONSOLIDATION: "Consol.",
    PhaseName.TRANSFERRED: "Transf.",
    PhaseName.OPERATED: "Opéré",
    PhaseName.INVESTIGATION_ABANDONED: "Inv. NC",
    PhaseName.ABANDONED: "Aband.",
}
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
DAYS_PER_MONTH = 30.44


# --- Small helpers ------------------------------------------------------------------------


def _num(value) -> str:
    if isinstance(value, float):
        text = f"{value:.1f}"
        text = text[:-2] if text.endswith(".0") else text
        return "0" if text == "-0" else text
    return str(value)


_ATTRIBUTE_NAMES: dict[str, str] = {}


def _attrs(attrs: Mapping) -> str:
    """`stroke_width=2, class_="x"` → ` stroke-width="2" class="x"` (None/False left out)."""
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = _ATTRIBUTE_NAMES.get(key)
        if name is None:
            name = _ATTRIBUTE_NAMES[key] = key.rstrip("_").replace("_", "-")
        if isinstance(value, int | float):
            parts.append(f' {name}="{_num(value)}"')  # nothing to escape in a number
        else:
            parts.append(f" {name}={quoteattr(str(value))}")
    return "".join(parts)


def _el(name: str, content: str | None = None, **attrs) -> str:
    if content is None:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{content}</{name}>"


def _text(x: float, y: float, text: str, **attrs) -> str:
    attrs.setdefault("fill", TEXT)
    return _el("text", escape(text), x=x, y=y, **attrs)


def _title(text: str) -> str:
    return _el("title", escape(text))


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the width of a text in Marianne/Arial (no font metrics here)."""
    return len(text) * size * 0.56


def ellipsize(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + "…"


def _tint(colour: str, strength: float = 0.16) -> str:
    """The colour mixed with white: a light background for terminal phases."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - channel) * strength) for channel in channels]
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _digest(*parts) -> str:
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:8]


def _safe_url(url: str) -> str | None:
    url = (url or "").strip()
    if url.startswith(("/", "#", "?", "https://", "http://")) or ":" not in url.split("/")[0]:
        return url or None
    return None  # javascript:, data:… never become links


def fr_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def fr_decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def duration_short(days: int) -> str:
    """A duration for a bar: `45 j`, `14 mois`, `3,5 ans`."""
    if days < 60:
        return f"{days} j"
    months = round(days / DAYS_PER_MONTH)
    if months < 36:
        return f"{months} mois"
    return f"{fr_decimal(days / 365.25)} ans"


def duration_long(days: int) -> str:
    """A duration for a table: `412 jours (≈ 13,5 mois)`."""
    unit = "jour" if days <= 1 else "jours"
    if days < 31:
        return f"{days} {unit}"
    return f"{days} {unit} (≈ {fr_decimal(days / DAYS_PER_MONTH)} mois)"


def phase_colour(name: str) -> str:
    return PHASE_COLOURS.get(name, UNKNOWN_PHASE_COLOUR)


def phase_short_label(name: str) -> str:
    return PHASE_SHORT_LABELS.get(name, phase_label(name))


def _svg(
    width: float,
    height: float,
    title: str,
    desc: str,
    body: Iterable[str],
    *,
    prefix: str,
    defs: str = "",
) -> str:
    head = "<svg" + _attrs(
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {_num(width)} {_num(height)}",
            "width": "100%",
            "preserveAspectRatio": "xMinYMin meet",
            "role": "img",
            "aria_labelledby": f"{prefix}-title",
            "aria_describedby": f"{prefix}-desc",
            "font_family": FONT,
            "font_size": "12",
            "style": "display:block;height:auto",
        }
    )
    return "".join(
        [
            head,
            ">",
            _el("title", escape(title), id=f"{prefix}-title"),
            _el("desc", escape(desc), id=f"{prefix}-desc"),
            _el("defs", defs) if defs else "",
            _el("rect", x=0, y=0, width=width, height=height, fill=WHITE),
            *body,
            "</svg>",
        ]
    )


# --- Time axis ----------------------------------------------------------------------------


def _month_floor(day: date) -> date:
    return day.replace(day=1)


def _add_months(day: date, months: int) -> date:
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
        start = _month_floor(min(days))
        end = _add_months(_month_floor(max(days)), 1)
        while (end - start).days < 90:
            end = _add_months(end, 1)
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
            day = _add_months(day, 1)
        if label_months and ticks and not ticks[0][2]:
            first_day, first_label, _ = ticks[0]
            ticks[0] = (first_day, f"{first_label} {first_day.year}", False)
        first_year = next((day for day, _, is_year in ticks if is_year), self.end)
        if not label_months and self.start.month != 1 and self.x(first_year) - self.x0 >= 42:
            ticks.insert(0, (self.start, str(self.start.year), True))  # the first, partial year
        return ticks


def _time_grid(scale: TimeScale, top: float, bottom: float, label_ys: Sequence[float]) -> str:
    parts = []
    for day, text, is_year in scale.ticks():
        x = scale.x(day)
        parts.append(
            _el(
                "line",
                x1=x,
                y1=top,
                x2=x,
                y2=bottom,
                stroke=AXIS if is_year else GRID,
                stroke_width=1,
            )
        )
        if text and x + _text_width(text, 11) <= scale.x1 + 16:
            for label_y in label_ys:
                parts.append(
                    _text(
                        x + 3,
                        label_y,
                        text,
                        font_size=11,
                        font_weight="bold" if is_year else None,
                        fill=TEXT if is_year else MUTED,
                    )
                )
    return "".join(parts)


def _today_marker(
    scale: TimeScale, today: date, top: float, bottom: float, width: float, label_y: float
) -> str:
    x = scale.x(today)
    text = "aujourd'hui"
    if x + _text_width(text, 11) / 2 > width - 4:
        anchor = "end"
    elif x - _text_width(text, 11) / 2 < scale.x0:
        anchor = "start"
    else:
        anchor = "middle"
    return _el(
        "g",
        _el(
            "line",
            x1=x,
            y1=top,
            x2=x,
            y2=bottom,
            stroke=TEXT,
            stroke_width=1.5,
            stroke_dasharray="4 3",
        )
        + _text(x, label_y, text, font_size=11, font_weight="bold", text_anchor=anchor),
        class_="today",
    )


# --- Phases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseBar:
    """A phase as drawn: where it ends on the picture and why."""

    name: str
    start: date
    end: date | None  # as recorded
    drawn_end: date  # the recorded end, the next phase's start, or today
    implied_end: date | None  # the next phase's start, when `end` is missing
    ongoing: bool  # the last open phase: runs to today
    comment: str = ""

    @property
    def label(self) -> str:
        return phase_label(self.name)

    @property
    def terminal(self) -> bool:
        return self.name in TERMINAL_PHASES

    @property
    def days(self) -> int:
        return max((self.drawn_end - self.start).days, 0)

    @property
    def typical_days(self) -> int | None:
        return TYPICAL_DAYS.get(self.name)


def phase_bars(phases: Iterable[PhaseTuple], today: date) -> list[PhaseBar]:
    ordered = sorted(
        (
            (str(phase[0]), phase[1], phase[2], str(phase[3]) if len(phase) > 3 else "")
            for phase in phases
        ),
        key=lambda phase: (phase[1], PHASE_ORDER.get(phase[0], 99)),
    )
    bars = []
    for index, (name, start, end, comment) in enumerate(ordered):
        later = [other[1] for other in ordered[index + 1 :] if other[1] > start]
        implied = min(later) if end is None and later else None
        ongoing = end is None and implied is None
        drawn_end = end or implied or max(today, start)
        bars.append(PhaseBar(name, start, end, drawn_end, implied, ongoing, comment))
    return bars


@dataclass(frozen=True)
class PhaseRow:
    """A line of the table under a project timeline."""

    label: str
    start: date
    end: date | None
    implied_end: date | None
    ongoing: bool
    terminal: bool
    duration: str
    typical: str
    comment: str = ""


def phase_rows(phases: Iterable[PhaseTuple], today: date) -> list[PhaseRow]:
    rows = []
    for bar in phase_bars(phases, today):
        if bar.terminal and bar.ongoing:
            duration = ""
        elif bar.ongoing:
            duration = f"{duration_long(bar.days)} à ce jour"
        else:
            duration = duration_long(bar.days)
        typical = ""
        if bar.typical_days:
            typical = duration_short(bar.typical_days)
            typical = "6 à 9 semaines" if bar.typical_days < 90 else typical
        rows.append(
            PhaseRow(
                label=bar.label,
                start=bar.start,
                end=bar.end,
                implied_end=bar.implied_end,
                ongoing=bar.ongoing,
                terminal=bar.terminal,
                duration=duration,
                typical=typical,
                comment=bar.comment,
            )
        )
    return rows


def current_phase(phases: Iterable[PhaseTuple]) -> PhaseTuple | None:
    """The phase that started last (as `rules.current_phase`)."""
    phases = list(phases)
    if not phases:
        return None
    return max(phases, key=lambda phase: (phase[1], PHASE_ORDER.get(phase[0], 0)))


def _hatch_defs(prefix: str, names: Iterable[str]) -> tuple[str, dict[str, str]]:
    defs, ids = [], {}
    for index, name in enumerate(sorted(set(names), key=lambda n: PHASE_ORDER.get(n, 99))):
        colour = phase_colour(name)
        ids[name] = f"{prefix}-hatch-{index}"
        defs.append(
            _el(
                "pattern",
                _el("rect", width=6, height=6, fill=_tint(colour, 0.22))
                + _el("rect", width=2.5, height=6, fill=colour),
                id=ids[name],
                width=6,
                height=6,
                patternUnits="userSpaceOnUse",
                patternTransform="rotate(45)",
            )
        )
    return "".join(defs), ids


def _bar_shapes(
    bar: PhaseBar, x_start: float, x_end: float, y: float, height: float, hatch_id: str
) -> tuple[str, float]:
    """The rectangles of a phase bar; returns them and the width of its plain part."""
    colour = phase_colour(bar.name)
    width = max(x_end - x_start, 2.0)
    tail = min(18.0, width * 0.45) if bar.ongoing else 0.0
    body = width - tail
    fill, stroke = (_tint(colour), colour) if bar.terminal else (colour, None)
    parts = []
    if body > 0:
        parts.append(
            _el(
                "rect",
                x=x_start,
                y=y,
                width=body,
                height=height,
                fill=fill,
                stroke=stroke,
                stroke_width=1 if stroke else None,
            )
        )
    if tail:
        parts.append(
            _el(
                "rect",
                x=x_start + body,
                y=y,
                width=tail,
                height=height,
                fill=f"url(#{hatch_id})",
                stroke=colour,
                stroke_width=1,
                stroke_dasharray="3 2",
            )
        )
    return "".join(parts), body


def _bar_text_colour(bar: PhaseBar) -> str:
    return phase_colour(bar.name) if bar.terminal else WHITE


def _legend(
    items: Sequence[tuple[str, str]], x0: float, y0: float, width: float
) -> tuple[str, float]:
    """Swatches (SVG snippets drawn in a 14×14 box at 0,0) and labels, wrapped; returns height."""
    parts, x, y, line = [], x0, y0, 20.0
    for swatch, text in items:
        item_width = 14 + 6 + _text_width(text, 12) + 16
        if x > x0 and x + item_width > width:
            x, y = x0, y + line
        parts.append(
            _el("g", swatch, transform=f"translate({_num(float(x))} {_num(float(y))})")
            + _text(x + 20, y + 11.5, text)
        )
        x += item_width
    return "".join(parts), y - y0 + line


def _phase_swatch(name: str) -> str:
    colour = phase_colour(name)
    if name in TERMINAL_PHASES:
        return _el("rect", x=0.5, y=0.5, width=13, height=13, fill=_tint(colour), stroke=colour)
    return _el("rect", x=0, y=0, width=14, height=14, fill=colour)


def _ongoing_swatch(hatch_id: str, name: str) -> str:
    return _el(
        "rect",
        x=0.5,
        y=0.5,
        width=13,
        height=13,
        fill=f"url(#{hatch_id})",
        stroke=phase_colour(name),
        stroke_dasharray="3 2",
    )


def _today_swatch() -> str:
    return _el(
        "line", x1=7, y1=0, x2=7, y2=14, stroke=TEXT, stroke_width=1.5, stroke_dasharray="4 3"
    )


def _empty_svg(title: str, message: str, prefix: str) -> str:
    return _svg(
        400,
        48,
        title,
        message,
        [_text(12, 29, message, fill=MUTED, font_style="italic")],
        prefix=prefix,
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
    prefix = id_prefix or f"frise-{_digest('project', bars, today)}"
    title = "Chronologie des phases du projet"
    if not bars:
        return _empty_svg(title, "Aucune phase enregistrée.", prefix)

    width, label_right, x0, x1 = 800.0, 196.0, 206.0, 770.0
    top, row, bar_height = 34.0, 34.0, 16.0
    scale = TimeScale.covering(
        [today, *(b.start for b in bars), *(b.drawn_end for b in bars)], x0, x1
    )
    plot_bottom = top + row * len(bars)
    defs, hatch_ids = _hatch_defs(prefix, [b.name for b in bars if b.ongoing])

    body = [_time_grid(scale, top - 6, plot_bottom, [plot_bottom + 16])]
    body.append(_el("line", x1=x0, y1=plot_bottom, x2=x1, y2=plot_bottom, stroke=AXIS))
    for index, bar in enumerate(bars):
        row_top = top + index * row
        y = row_top + 6
        x_start, x_end = scale.x(bar.start), scale.x(bar.drawn_end)
        shapes, plain = _bar_shapes(bar, x_start, x_end, y, bar_height, hatch_ids.get(bar.name))
        parts = [
            _text(label_right, y + 12, bar.label, text_anchor="end", font_size=12.5),
            _title(_phase_sentence(bar)),
            shapes,
        ]
        if bar.typical_days:
            x_typical = scale.x(bar.start + timedelta(days=bar.typical_days))
            rule_y = y + bar_height + 4
            parts.append(
                _el(
                    "path",
                    d=f"M{_num(x_start)} {_num(rule_y)}H{_num(x_typical)}"
                    f"M{_num(x_typical)} {_num(rule_y - 3)}V{_num(rule_y + 3)}",
                    stroke=MUTED,
                    stroke_width=1.2,
                    fill="none",
                    class_="typical",
                )
            )
        text = _bar_caption(bar)
        text_width = _text_width(text, 11)
        if text and text_width + 10 <= plain:
            parts.append(_text(x_start + 5, y + 12, text, font_size=11, fill=_bar_text_colour(bar)))
        elif text and max(x_end, x_start + 2) + 6 + text_width <= x1 + 24:
            parts.append(_text(max(x_end, x_start + 2) + 6, y + 12, text, font_size=11))
        elif text and x_start - 6 - text_width >= x0:
            parts.append(_text(x_start - 6, y + 12, text, font_size=11, text_anchor="end"))
        body.append(_el("g", "".join(parts), class_="phase", data_phase=bar.name))
    body.append(_today_marker(scale, today, top - 6, plot_bottom, width, top - 10))

    legend_items = []
    for name, hatch_id in list(hatch_ids.items())[:1]:  # one example of a hatched end
        legend_items.append((_ongoing_swatch(hatch_id, name), "en cours, jusqu'à aujourd'hui"))
    if any(bar.typical_days for bar in bars):
        rule = _el("path", d="M0 7H14M14 4V10", stroke=MUTED, stroke_width=1.2, fill="none")
        legend_items.append((rule, "durée habituelle de la phase"))
    legend_items.append((_today_swatch(), "aujourd'hui"))
    legend, legend_height = _legend(legend_items, x0, plot_bottom + 30, width)
    body.append(_el("g", legend, class_="legend"))
    height = plot_bottom + 30 + legend_height + 4

    current = bars[-1]
    desc = (
        f"{len(bars)} phase{'s' if len(bars) > 1 else ''}, du {fr_date(bars[0].start)} "
        f"à aujourd'hui ({fr_date(today)}). "
        + " ; ".join(_phase_sentence(bar) for bar in bars)
        + f". Phase actuelle : {current.label}."
    )
    return _svg(width, height, title, desc, body, prefix=prefix, defs=defs)


def _phase_sentence(bar: PhaseBar) -> str:
    if bar.ongoing:
        return f"{bar.label} depuis le {fr_date(bar.start)}, en cours"
    return f"{bar.label} du {fr_date(bar.start)} au {fr_date(bar.drawn_end)}"


def _bar_caption(bar: PhaseBar) -> str:
    if bar.terminal and bar.ongoing:
        return f"depuis le {fr_date(bar.start)}"
    if bar.ongoing:
        return f"{duration_short(bar.days)}, en cours"
    return duration_short(bar.days)


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
    prefix = id_prefix or f"portefeuille-{_digest('portfolio', rows, today, max_rows)}"
    title = "Chronologie des phases des projets"
    if not rows:
        return _empty_svg(title, "Aucun projet.", prefix)
    shown = rows[:max_rows] if max_rows is not None else rows
    hidden = len(rows) - len(shown)

    width, name_x, x0, x1 = 1000.0, 8.0, 236.0, 976.0
    row, bar_height, max_chars = 22.0, 14.0, 34
    names = sorted(
        {b.name for _, _, bars in shown for b in bars},
        key=lambda name: PHASE_ORDER.get(name, 99),
    )
    defs, hatch_ids = _hatch_defs(
        prefix, [b.name for _, _, bars in shown for b in bars if b.ongoing]
    )
    legend_items = [(_phase_swatch(name), phase_label(name)) for name in names]
    for name, hatch_id in list(hatch_ids.items())[:1]:  # one example of a hatched end
        legend_items.append((_ongoing_swatch(hatch_id, name), "en cours"))
    legend_items.append((_today_swatch(), "aujourd'hui"))
    legend, legend_height = _legend(legend_items, name_x, 10, width)

    top = 10 + legend_height + 40
    plot_bottom = top + row * len(shown)
    all_days = [today, *(d for _, _, bars in shown for b in bars for d in (b.start, b.drawn_end))]
    scale = TimeScale.covering(all_days, x0, x1)

    body = [_el("g", legend, class_="legend")]
    zebra = [
        _el("rect", x=0, y=top + index * row, width=width, height=row, fill=ZEBRA)
        for index in range(1, len(shown), 2)
    ]
    body.append("".join(zebra))
    body.append(_time_grid(scale, top - 6, plot_bottom, [top - 12, plot_bottom + 16]))
    body.append(_el("line", x1=x0, y1=plot_bottom, x2=x1, y2=plot_bottom, stroke=AXIS))
    for index, (label, _url, bars) in enumerate(shown):
        row_top = top + index * row
        y = row_top + (row - bar_height) / 2
        # The project's name only: links inside a picture (`role="img"`) are unreachable to
        # assistive technologies; the table under the picture links every project.
        name = _el(
            "g", _title(label) + _text(name_x, row_top + 15, ellipsize(label, max_chars), fill=TEXT)
        )
        parts = [name]
        if not bars:
            parts.append(
                _text(x0 + 4, row_top + 15, "aucune phase", fill=MUTED, font_style="italic")
            )
        for bar in bars:
            x_start, x_end = scale.x(bar.start), scale.x(bar.drawn_end)
            shapes, plain = _bar_shapes(bar, x_start, x_end, y, bar_height, hatch_ids.get(bar.name))
            text = ""
            for candidate in (bar.label, phase_short_label(bar.name)):
                if _text_width(candidate, 10.5) + 6 <= plain:
                    text = candidate
                    break
            caption = (
                _text(x_start + 3, y + 11, text, font_size=10.5, fill=_bar_text_colour(bar))
                if text
                else ""
            )
            parts.append(
                _el(
                    "g",
                    _title(f"{label} — {_phase_sentence(bar)}") + shapes + caption,
                    class_="phase",
                    data_phase=bar.name,
                )
            )
        body.append(_el("g", "".join(parts), class_="project"))
    body.append(_today_marker(scale, today, top - 24, plot_bottom, width, top - 28))
    height = plot_bottom + 26
    if hidden:
        body.append(
            _text(
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
    return _svg(width, height, title, desc, body, prefix=prefix, defs=defs)


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
                url=_safe_url(str(url or "")) or "",
                phase_label=phase_label(current[0]) if current else "",
                since=current[1] if current else None,
            )
        )
    return result


# --- Maturity -----------------------------------------------------------------------------


def _marker(shape: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    common = {"fill": colour, "stroke": WHITE, "stroke_width": 1}
    if shape == "circle":
        return _el("circle", cx=x, cy=y, r=size, **common)
    if shape == "square":
        s = size * 0.9
        return _el("rect", x=x - s, y=y - s, width=2 * s, height=2 * s, **common)
    if shape == "diamond":
        s = size * 1.25
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    elif shape == "triangle":
        s = size * 1.2
        points = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
    else:  # triangle-down
        s = size * 1.2
        points = [(x, y + s), (x + s, y - s * 0.8), (x - s, y - s * 0.8)]
    return _el("polygon", points=" ".join(f"{_num(px)},{_num(py)}" for px, py in points), **common)


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
    prefix = id_prefix or f"maturite-{_digest('maturity', reviews)}"
    title = "Évolution de la maturité du projet"
    if not reviews:
        return _empty_svg(title, "Aucune revue de maturité.", prefix)

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
            _el("line", x1=x0, y1=y, x2=x1, y2=y, stroke=AXIS if score == 0 else GRID)
            + _text(x0 - 10, y + 4, str(score), text_anchor="end", font_size=12)
        )
    body.append(_text(x0 - 10, top - 14, "Note (0 à 3)", font_size=11, fill=MUTED))
    body.append(_el("line", x1=x0, y1=top, x2=x0, y2=bottom, stroke=AXIS))

    # Date labels, left to right, skipping those that would overlap (the last one always shows).
    label_width = _text_width("00/00/0000", 11) + 8
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
            _el("line", x1=x, y1=bottom, x2=x, y2=bottom + 5, stroke=AXIS)
            + _text(x, bottom + 19, fr_date(day), font_size=11, text_anchor="middle")
        )
    body.append(_text(x0, bottom + 40, "Date de la revue", font_size=11, fill=MUTED))

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
            path = "M" + "L".join(f"{_num(px)} {_num(py)}" for px, py, _, _ in points)
            parts.append(
                _el(
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
                _el(
                    "g",
                    _title(f"{axis.label} : {score} sur 3 le {fr_date(day)}")
                    + _marker(AXIS_MARKERS[axis], px, py, colour),
                    class_="point",
                    data_axis=axis.value,
                    data_score=score,
                )
            )
        if points:
            ends.append((axis, points[-1][0], points[-1][1], points[-1][3]))
        body.append(_el("g", "".join(parts), class_="series", data_axis=axis.value))

    label_ys = _spread([y for _, _, y, _ in ends], 15.0, top - 6, bottom + 6)
    label_x = max((x for _, x, _, _ in ends), default=x1) + 14
    for (axis, x, y, score), label_y in zip(ends, label_ys, strict=True):
        colour = AXIS_COLOURS[axis]
        body.append(
            _el(
                "g",
                _el(
                    "path",
                    d=f"M{_num(x + 6)} {_num(y)}L{_num(label_x - 3)} {_num(label_y)}",
                    stroke=colour,
                    stroke_width=1,
                    fill="none",
                )
                + _marker(AXIS_MARKERS[axis], label_x + 4, label_y, colour, 3.8)
                + _text(label_x + 13, label_y + 4, f"{axis.label} : {score}", fill=colour),
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
    return _svg(width, height, title, desc, body, prefix=prefix)


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
    parts = [_el("rect", x=0, y=0, width=56, height=19, fill=WHITE)]  # readable in dark theme
    for index, (axis, value) in enumerate(zip(axes, values, strict=True)):
        x = 1 + index * (bar_width + gap)
        if value is None:
            parts.append(
                _el(
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
            _el(
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
    parts.append(_el("line", x1=0, y1=base + 0.5, x2=56, y2=base + 0.5, stroke=AXIS))
    return "".join(
        [
            "<svg",
            _attrs(
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
            _title(label),
            _el("desc", escape(desc)),
            *parts,
            "</svg>",
        ]
    )
