"""Phases as drawn on a timeline: colours, bars and their table rows, shared drawing parts.

`phase_bars` says where each phase ends on the picture (its recorded end, the next phase's
start, or today) and `phase_rows` what the table under a project timeline shows; the rest
draws bars, hatched open ends, swatches and captions for both timelines.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from fabrique.core.charts.svg import WHITE, duration_long, duration_short, el, fr_date, tint

from ...rules import label as phase_label
from ...rules import phase_recency
from ...vocabulary import PHASE_ORDER, TERMINAL_PHASES, TYPICAL_DAYS, PhaseName

PhaseTuple = tuple[str, date, date | None]


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


def phase_colour(name: str) -> str:
    return PHASE_COLOURS.get(name, UNKNOWN_PHASE_COLOUR)


def phase_short_label(name: str) -> str:
    return PHASE_SHORT_LABELS.get(name, phase_label(name))


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
    """The phase that started last, by the one rule `rules.phase_recency`."""
    phases = list(phases)
    if not phases:
        return None
    return max(phases, key=lambda phase: phase_recency(phase[0], phase[1]))


def hatch_defs(prefix: str, names: Iterable[str]) -> tuple[str, dict[str, str]]:
    defs, ids = [], {}
    for index, name in enumerate(sorted(set(names), key=lambda n: PHASE_ORDER.get(n, 99))):
        colour = phase_colour(name)
        ids[name] = f"{prefix}-hatch-{index}"
        defs.append(
            el(
                "pattern",
                el("rect", width=6, height=6, fill=tint(colour, 0.22))
                + el("rect", width=2.5, height=6, fill=colour),
                id=ids[name],
                width=6,
                height=6,
                patternUnits="userSpaceOnUse",
                patternTransform="rotate(45)",
            )
        )
    return "".join(defs), ids


def bar_shapes(
    bar: PhaseBar, x_start: float, x_end: float, y: float, height: float, hatch_id: str
) -> tuple[str, float]:
    """The rectangles of a phase bar; returns them and the width of its plain part."""
    colour = phase_colour(bar.name)
    width = max(x_end - x_start, 2.0)
    tail = min(18.0, width * 0.45) if bar.ongoing else 0.0
    body = width - tail
    fill, stroke = (tint(colour), colour) if bar.terminal else (colour, None)
    parts = []
    if body > 0:
        parts.append(
            el(
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
            el(
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


def bar_text_colour(bar: PhaseBar) -> str:
    return phase_colour(bar.name) if bar.terminal else WHITE


def phase_swatch(name: str) -> str:
    colour = phase_colour(name)
    if name in TERMINAL_PHASES:
        return el("rect", x=0.5, y=0.5, width=13, height=13, fill=tint(colour), stroke=colour)
    return el("rect", x=0, y=0, width=14, height=14, fill=colour)


def ongoing_swatch(hatch_id: str, name: str) -> str:
    return el(
        "rect",
        x=0.5,
        y=0.5,
        width=13,
        height=13,
        fill=f"url(#{hatch_id})",
        stroke=phase_colour(name),
        stroke_dasharray="3 2",
    )


def phase_sentence(bar: PhaseBar) -> str:
    if bar.ongoing:
        return f"{bar.label} depuis le {fr_date(bar.start)}, en cours"
    return f"{bar.label} du {fr_date(bar.start)} au {fr_date(bar.drawn_end)}"


def bar_caption(bar: PhaseBar) -> str:
    if bar.terminal and bar.ongoing:
        return f"depuis le {fr_date(bar.start)}"
    if bar.ongoing:
        return f"{duration_short(bar.days)}, en cours"
    return duration_short(bar.days)
