"""The problem's title and statement from a beta.gouv.fr file: plain text, as a person types it.

A problem's statement is plain text (shown line by line), while a startup file's body is
Markdown, often converted from a word processor: escapes (`\\-`, `\\>`, `\\=`), emphasis
(`**…**`, `_…_`, spanning a line break), headings (`###`, underlined with `---` or `===`),
bullets (`*   …`), hard line breaks (two trailing spaces), links and images.
`plain_text` keeps the words and the structure (paragraphs, `- ` bullets, `1. ` items, link
addresses in parentheses) and drops the markup; reading its own output again changes nothing.

The programme's files come in two shapes: older ones are titled « Programme national
d'investigation (N) » and put the subject in `mission`, newer ones the other way round.
`subject` picks the one that says what the investigation is about.
"""

import re

from fabrique.core.text import fold

# A Markdown escape (backslash then ASCII punctuation) is kept aside while the markup is read.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_KEPT = 0xE000  # private use area: a kept character is chr(_KEPT + its code)
_KEPT_CHARS = re.compile("[\ue000-\ue07f]")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*([^)\s]+)[^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*([^)\s]+)[^)\n]*\)")
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_EMPTY_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*$", re.M)
_SETEXT = re.compile(r"^([^\n]*\S[^\n]*)\n[ \t]{0,3}(?:=+|-{2,})[ \t]*$", re.M)
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M)
_BULLET = re.compile(r"^[ \t]*[*+-][ \t]+", re.M)
_ITEM_HEADING = re.compile(r"^- #{1,6}[ \t]+", re.M)  # « *   #### texte »
_NUMBERED = re.compile(r"^[ \t]*(\d{1,3})[.)][ \t]+", re.M)
_NOT_A_BLANK_LINE = r"(?:(?!\n[ \t]*\n)[\s\S])"
_STRONG = re.compile(rf"(\*\*|__)(?=\S)({_NOT_A_BLANK_LINE}+?)(?<=\S)\1")
_STAR = re.compile(rf"(?<![\w*])\*(?=[^\s*])({_NOT_A_BLANK_LINE}+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE = re.compile(rf"(?<![\w_])_(?=[^\s_])({_NOT_A_BLANK_LINE}+?)(?<=[^\s_])_(?![\w_])")
_LONE_STRONG = re.compile(r"\*\*|(?<![\w_])__|__(?![\w_])")
_LONE_UNDERSCORE = re.compile(r"^_+(?=\S)|(?<=\S)_+$", re.M)  # « _I) Titre ?\n_Suite »
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.M)
_LEADING = re.compile(r"^[ \t\u00a0]+", re.M)
_BLANK_LINES = re.compile(r"\n{3,}")
_DASH_ITEM = re.compile(r"^-[ \t]+(?=\S)", re.M)  # « \-        texte » once restored
_TO_ESCAPE = re.compile(r"[\\*_\[\]#`]|^[+>=-]|(?<=^\d)[.)]|(?<=^\d\d)[.)]", re.M)
_GENERIC_TITLE = re.compile(r"^programme national d investigations?( \d+)?$")


def _keep(match: re.Match) -> str:
    return chr(_KEPT + ord(match.group(1)))


def _link(match: re.Match) -> str:
    text, url = match.group(1).strip(), match.group(2)
    if not text or text == url or url.endswith(text):
        return url
    return f"{text} ({url})"


def _image(match: re.Match) -> str:
    alt, url = match.group(1).strip(), match.group(2)
    return f"Image « {alt} » : {url}" if alt else f"Image : {url}"


def plain_text(markdown: str) -> str:
    """The readable text of a Markdown body (see the module's docstring)."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE.sub(_keep, text)
    text = _IMAGE.sub(_image, text)
    text = _LINK.sub(_link, text)
    text = _SETEXT.sub(r"\1", text)
    text = _RULE.sub("", text)
    text = _ATX_HEADING.sub(r"\1", text)
    text = _EMPTY_HEADING.sub("", text)
    text = _ITEM_HEADING.sub("- ", _BULLET.sub("- ", text))
    text = _NUMBERED.sub(r"\1. ", text)
    for _ in range(2):  # nested: « _**Titre**_ »
        text = _STRONG.sub(r"\2", text)
        text = _STAR.sub(r"\1", text)
        text = _UNDERSCORE.sub(r"\1", text)
    text = _LONE_STRONG.sub("", text)  # a bold closed across a paragraph break
    text = _LONE_UNDERSCORE.sub("", text)
    text = _TRAILING.sub("", text)
    text = _LEADING.sub("", text)
    text = _BULLET.sub("- ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    text = _KEPT_CHARS.sub(lambda match: chr(ord(match.group()) - _KEPT), text)
    return _DASH_ITEM.sub("- ", text).strip()


def markdown_escaped(text: str) -> str:
    """Plain text written into a Markdown body so that `plain_text` reads it back as it was."""
    return _TO_ESCAPE.sub(lambda match: "\\" + match.group(), text)


def is_generic(title: str) -> bool:
    """« Programme national d'investigation (12) »: the programme's name, not a subject."""
    return bool(_GENERIC_TITLE.match(fold(title)))


def subject(title: str, mission: str) -> str:
    """What the investigation is about: the title, or the mission when the title is only the
    programme's name."""
    if is_generic(title) and mission.strip() and not is_generic(mission):
        return mission.strip()
    return title.strip()
