"""Markdown written by users: checked on write, rendered once to sanitised HTML and stored.

Python-Markdown takes quadratic time or overflows the stack on some inputs: 20,000 nested link
brackets take minutes, a list nested 1,000 deep raises RecursionError. Texts are therefore
checked against limits that no real text reaches (`markdown_problem`): forms and importers
refuse them with a French message (`validate_markdown`, a field validator), and `render` never
feeds them to the parser (such a text already stored is shown as plain paragraphs). Pages
show the HTML stored by `MarkdownHTMLField` (core/fields.py): no Markdown is parsed on read.
"""

import functools
import re
import threading

import markdown as markdown_lib
import nh3
from django.core.exceptions import ValidationError
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from fabrique.core.text import length_problem

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4",
    "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
MAX_LENGTH = 100_000
MAX_BRACKETS = 500  # `[` and `![`: a long text has a few dozen links
MAX_NESTING = 20  # brackets inside brackets, quotes inside quotes, lists inside lists
_INDENT = re.compile(r"^[ \t]*", re.M)
_QUOTES = re.compile(r"^[ \t]*((?:>[ \t]*)+)", re.M)
_BRACKETS = re.compile(r"[^\[\]]+")
_parsers = threading.local()  # a Markdown parser is reused (`reset`), one per thread


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in _BRACKETS.sub("", text):
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    return deepest


def markdown_problem(text: str) -> str | None:
    """What makes a text unsafe to render, in French, or None."""
    if too_long := length_problem(text, MAX_LENGTH):
        return too_long
    if text.count("[") > MAX_BRACKETS:
        return f"Trop de crochets « [ » ({text.count('[')}) : {MAX_BRACKETS} au plus."
    if _bracket_depth(text) > MAX_NESTING:
        return f"Crochets imbriqués trop profondément : {MAX_NESTING} niveaux au plus."
    indent = max((len(m.group().expandtabs(4)) for m in _INDENT.finditer(text)), default=0)
    if indent > 4 * MAX_NESTING:
        return f"Listes imbriquées trop profondément : {MAX_NESTING} niveaux au plus."
    quotes = max((m.group(1).count(">") for m in _QUOTES.finditer(text)), default=0)
    if quotes > MAX_NESTING:
        return f"Citations imbriquées trop profondément : {MAX_NESTING} niveaux au plus."
    return None


def validate_markdown(text: str) -> None:
    """Field validator: a French ValidationError for a text that cannot be rendered safely."""
    if problem := markdown_problem(text or ""):
        raise ValidationError(problem, code="markdown")


def _parser() -> markdown_lib.Markdown:
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = markdown_lib.Markdown(extensions=["tables", "sane_lists"])
    return parser.reset()


@functools.lru_cache(maxsize=64)
def render(text: str) -> str:
    """Sanitised HTML of a Markdown text: no script, no style, no event handler, safe links.

    A text over the limits is not parsed: it is shown escaped, as plain paragraphs. The last
    texts are kept: a row and its history entry, written together, render their text once.
    """
    if not text:
        return ""
    if markdown_problem(text):
        return str(linebreaks(escape(text[:MAX_LENGTH])))
    try:
        html = _parser().convert(text)
    except RecursionError:
        return str(linebreaks(escape(text)))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def markdown_html(text: str) -> SafeString:
    """`render` marked safe for a template (sanitised by nh3)."""
    return mark_safe(render(text))  # noqa: S308 - sanitised by nh3 in render()
