"""SVG primitives shared by every picture, of the portfolio and of impact.

The style constants (font, text and grid colours), escaped elements and attributes
(`el`, `text_at`, `title_el`), the accessible `<svg>` frame with its title and description
(`svg_document`, `empty_svg`), legends, and the French wording of dates and durations.
"""

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from xml.sax.saxutils import escape, quoteattr

FONT = "Marianne, Arial, sans-serif"
TEXT = "#161616"
MUTED = "#666666"
GRID = "#dddddd"
AXIS = "#929292"
ZEBRA = "#f6f6f6"
LINK = "#000091"
WHITE = "#ffffff"
DAYS_PER_MONTH = 30.44


def num(value) -> str:
    if isinstance(value, float):
        text = f"{value:.1f}"
        text = text[:-2] if text.endswith(".0") else text
        return "0" if text == "-0" else text
    return str(value)


ATTRIBUTE_NAMES: dict[str, str] = {}


def render_attrs(attrs: Mapping) -> str:
    """`stroke_width=2, class_="x"` → ` stroke-width="2" class="x"` (None/False left out)."""
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = ATTRIBUTE_NAMES.get(key)
        if name is None:
            name = ATTRIBUTE_NAMES[key] = key.rstrip("_").replace("_", "-")
        if isinstance(value, int | float):
            parts.append(f' {name}="{num(value)}"')  # nothing to escape in a number
        else:
            parts.append(f" {name}={quoteattr(str(value))}")
    return "".join(parts)


def el(name: str, content: str | None = None, **attrs) -> str:
    if content is None:
        return f"<{name}{render_attrs(attrs)}/>"
    return f"<{name}{render_attrs(attrs)}>{content}</{name}>"


def text_at(x: float, y: float, text: str, **attrs) -> str:
    attrs.setdefault("fill", TEXT)
    return el("text", escape(text), x=x, y=y, **attrs)


def title_el(text: str) -> str:
    return el("title", escape(text))


def measure_text(text: str, size: float) -> float:
    """A generous estimate of the width of a text in Marianne/Arial (no font metrics here)."""
    return len(text) * size * 0.56


def ellipsize(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + "…"


def tint(colour: str, strength: float = 0.16) -> str:
    """The colour mixed with white: a light background for terminal phases."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - channel) * strength) for channel in channels]
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def digest(*parts) -> str:
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:8]


def safe_url(url: str) -> str | None:
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


def svg_document(
    width: float,
    height: float,
    title: str,
    desc: str,
    body: Iterable[str],
    *,
    prefix: str,
    defs: str = "",
) -> str:
    head = "<svg" + render_attrs(
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {num(width)} {num(height)}",
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
            el("title", escape(title), id=f"{prefix}-title"),
            el("desc", escape(desc), id=f"{prefix}-desc"),
            el("defs", defs) if defs else "",
            el("rect", x=0, y=0, width=width, height=height, fill=WHITE),
            *body,
            "</svg>",
        ]
    )


def legend_block(
    items: Sequence[tuple[str, str]], x0: float, y0: float, width: float
) -> tuple[str, float]:
    """Swatches (SVG snippets drawn in a 14×14 box at 0,0) and labels, wrapped; returns height."""
    parts, x, y, line = [], x0, y0, 20.0
    for swatch, text in items:
        item_width = 14 + 6 + measure_text(text, 12) + 16
        if x > x0 and x + item_width > width:
            x, y = x0, y + line
        parts.append(
            el("g", swatch, transform=f"translate({num(float(x))} {num(float(y))})")
            + text_at(x + 20, y + 11.5, text)
        )
        x += item_width
    return "".join(parts), y - y0 + line


def empty_svg(title: str, message: str, prefix: str) -> str:
    return svg_document(
        400,
        48,
        title,
        message,
        [text_at(12, 29, message, fill=MUTED, font_style="italic")],
        prefix=prefix,
    )


def point_marker(shape: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    common = {"fill": colour, "stroke": WHITE, "stroke_width": 1}
    if shape == "circle":
        return el("circle", cx=x, cy=y, r=size, **common)
    if shape == "square":
        s = size * 0.9
        return el("rect", x=x - s, y=y - s, width=2 * s, height=2 * s, **common)
    if shape == "diamond":
        s = size * 1.25
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    elif shape == "triangle":
        s = size * 1.2
        points = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
    else:  # triangle-down
        s = size * 1.2
        points = [(x, y + s), (x + s, y - s * 0.8), (x - s, y - s * 0.8)]
    return el("polygon", points=" ".join(f"{num(px)},{num(py)}" for px, py in points), **common)
