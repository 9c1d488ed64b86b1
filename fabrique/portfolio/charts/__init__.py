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

The drawing helpers are in `svg`, the time axis in `timeaxis`, phase bars and their tables in
`phases`, the project and portfolio timelines in `timelines`, the maturity pictures in
`maturity`. Everything, the private helpers that `fabrique.impact.charts` reuses included, is
importable from `fabrique.portfolio.charts`.
"""

from .maturity import (
    AXIS_COLOURS,
    AXIS_DASHES,
    AXIS_MARKERS,
    MAX_SCORE,
    _marker,
    _maturity_bars,
    _score,
    _score_text,
    _spread,
    maturity_bars_svg,
    maturity_chart_svg,
)
from .phases import (
    PHASE_COLOURS,
    PHASE_SHORT_LABELS,
    UNKNOWN_PHASE_COLOUR,
    PhaseBar,
    PhaseRow,
    PhaseTuple,
    _bar_caption,
    _bar_shapes,
    _bar_text_colour,
    _hatch_defs,
    _ongoing_swatch,
    _phase_sentence,
    _phase_swatch,
    current_phase,
    phase_bars,
    phase_colour,
    phase_rows,
    phase_short_label,
)
from .svg import (
    _ATTRIBUTE_NAMES,
    AXIS,
    DAYS_PER_MONTH,
    FONT,
    GRID,
    LINK,
    MUTED,
    TEXT,
    WHITE,
    ZEBRA,
    _attrs,
    _digest,
    _el,
    _empty_svg,
    _legend,
    _num,
    _safe_url,
    _svg,
    _text,
    _text_width,
    _tint,
    _title,
    duration_long,
    duration_short,
    ellipsize,
    fr_date,
    fr_decimal,
)
from .timeaxis import (
    MONTHS,
    TimeScale,
    _add_months,
    _month_floor,
    _time_grid,
    _today_marker,
    _today_swatch,
)
from .timelines import (
    PortfolioRow,
    portfolio_rows,
    portfolio_timeline_svg,
    project_timeline_svg,
)

__all__ = [
    "AXIS", "AXIS_COLOURS", "AXIS_DASHES", "AXIS_MARKERS", "DAYS_PER_MONTH", "FONT", "GRID", "LINK",
    "MAX_SCORE", "MONTHS", "MUTED", "PHASE_COLOURS", "PHASE_SHORT_LABELS", "TEXT",
    "UNKNOWN_PHASE_COLOUR", "WHITE", "ZEBRA", "_ATTRIBUTE_NAMES", "PhaseBar", "PhaseRow",
    "PhaseTuple", "PortfolioRow", "TimeScale", "_add_months", "_attrs", "_bar_caption",
    "_bar_shapes", "_bar_text_colour", "_digest", "_el", "_empty_svg", "_hatch_defs", "_legend",
    "_marker", "_maturity_bars", "_month_floor", "_num", "_ongoing_swatch", "_phase_sentence",
    "_phase_swatch", "_safe_url", "_score", "_score_text", "_spread", "_svg", "_text",
    "_text_width", "_time_grid", "_tint", "_title", "_today_marker", "_today_swatch",
    "current_phase", "duration_long", "duration_short", "ellipsize", "fr_date", "fr_decimal",
    "maturity_bars_svg", "maturity_chart_svg", "phase_bars", "phase_colour", "phase_rows",
    "phase_short_label", "portfolio_rows", "portfolio_timeline_svg", "project_timeline_svg",
]  # fmt: skip
