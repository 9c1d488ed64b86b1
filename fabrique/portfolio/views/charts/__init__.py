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

The drawing helpers and the time axis are the platform's (`fabrique.core.charts`); here are
the phase bars and their tables (`phases`), the project and portfolio timelines
(`timelines`) and the maturity pictures (`maturity`).
"""

from .maturity import (
    AXIS_COLOURS,
    AXIS_DASHES,
    AXIS_MARKERS,
    MAX_SCORE,
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
    current_phase,
    phase_bars,
    phase_colour,
    phase_rows,
    phase_short_label,
)
from .timelines import (
    PortfolioRow,
    portfolio_rows,
    portfolio_timeline_svg,
    project_timeline_svg,
)

__all__ = [
    "AXIS_COLOURS", "AXIS_DASHES", "AXIS_MARKERS", "MAX_SCORE", "PHASE_COLOURS",
    "PHASE_SHORT_LABELS", "UNKNOWN_PHASE_COLOUR", "PhaseBar", "PhaseRow", "PhaseTuple",
    "PortfolioRow", "current_phase", "maturity_bars_svg", "maturity_chart_svg", "phase_bars",
    "phase_colour", "phase_rows", "phase_short_label", "portfolio_rows", "portfolio_timeline_svg",
    "project_timeline_svg",
]  # fmt: skip
