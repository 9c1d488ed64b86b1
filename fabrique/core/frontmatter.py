"""Markdown files with a YAML front matter, as the beta.gouv.fr community writes them.

`read(text)` returns the header as a dict and the Markdown body. Windows and old Mac line ends,
a byte order mark, blank lines before the opening `---` and tabs in the header are tolerated;
dates stay text (each importer reads them its own way, so that one impossible date is one field
left out, not a file refused). Every error is a `FrontMatterError` with a French message.
"""

import difflib
from collections.abc import Collection
from pathlib import Path

import yaml

from .numbers import integer
from .text import fold


class FrontMatterError(Exception):
    """A file cannot be read; the message, in French, says why."""


class UnclosedFrontMatter(FrontMatterError):
    """The closing `---` of the front matter is missing (see `read_allowing_unclosed`)."""


UNCLOSED_NOTE = (
    "En-tête YAML non fermé (ligne « --- » de fin absente) : lu jusqu'à la première ligne "
    "vide, à vérifier."
)


SEPARATORS = ("---", "...")
# The usual YAML mistakes, said in French (PyYAML's own wording is English).
YAML_PROBLEMS = {
    "expected <block end>": "indentation incohérente",
    "mapping values are not allowed": "« : » inattendu (mettre la valeur entre guillemets)",
    "could not find expected ':'": "« : » manquant",
    "found character '\\t'": "tabulation interdite, indenter avec des espaces",
    "found unexpected end of stream": "guillemet non fermé",
    "expected ',' or ']'": "crochet non fermé",
    "expected ',' or '}'": "accolade non fermée",
    "found undefined alias": "alias inconnu",
    "found duplicate anchor": "ancre en double",
    "cannot start any token": "caractère réservé en tête de valeur (mettre entre guillemets)",
}

# Problems found far from their cause: a quote, bracket or brace opened and never closed.
UNCLOSED = ("found unexpected end of stream", "expected ',' or ']'", "expected ',' or '}'")


def split_front_matter(text: str) -> tuple[str, str]:
    """Return (YAML front matter, Markdown body); the YAML starts on line 2 of the file.

    Windows (CRLF) and old Mac (CR) line ends are read as plain newlines, and blank lines
    before the opening « --- » are passed over.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise FrontMatterError("fichier vide : ni en-tête YAML ni texte.")
    lines = text.lstrip("\n").split("\n")
    if lines[0].rstrip() != "---":
        raise FrontMatterError(
            "pas d'en-tête YAML : le fichier doit commencer par une ligne « --- »."
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in SEPARATORS:
            header = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :]).strip("\n")
            return header, body
    raise UnclosedFrontMatter(
        "en-tête YAML non fermé : la ligne « --- » de fin est absente (en-tête ouvert ligne 1)."
    )


class _DatesAsText(yaml.SafeLoader):
    """YAML as `safe_load` reads it, except that dates stay text: `parse_date` reads them,
    so that an impossible one (2020-15-01) is one phase left out, not a file refused."""


# The same with libyaml's parser, five times faster, when PyYAML was built with it. Its error
# messages are not those of `YAML_PROBLEMS`: an unreadable header is read again by the pure
# Python parser to say what is wrong.
_FastDatesAsText = type("_FastDatesAsText", (getattr(yaml, "CSafeLoader", _DatesAsText),), {})
_NO_TIMESTAMPS = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DatesAsText.yaml_implicit_resolvers = _NO_TIMESTAMPS
_FastDatesAsText.yaml_implicit_resolvers = _NO_TIMESTAMPS


# A header is a few dozen values. Aliases nested in aliases (« b: [*a, *a…] », « c: [*b, *b…] »)
# are read as shared references, but every reader that walks them (text_value, the search
# text) walks the whole tree: nine levels of nine make 387 million values and hung the import.
MAX_EXPANDED_VALUES = 10_000


def _expanded_size(data, budget: int = MAX_EXPANDED_VALUES + 1) -> int:
    """How many values `data` holds once its aliases are developed, counted up to `budget`."""
    count, stack = 0, [data]
    while stack and count < budget:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return count


def load_yaml(header: str) -> dict:
    try:
        data = yaml.load(header, Loader=_FastDatesAsText)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError:
        data = _load_explaining(header)
    if _expanded_size(data) > MAX_EXPANDED_VALUES:
        raise FrontMatterError(
            "en-tête YAML refusé : ses alias (« *nom ») se développent en plus de "
            f"{integer(MAX_EXPANDED_VALUES)} valeurs ; "
            "recopiez les valeurs au lieu de les imbriquer."
        )
    if data is None:
        raise FrontMatterError("en-tête YAML vide.")
    if not isinstance(data, dict):
        raise FrontMatterError("l'en-tête YAML doit être une suite de champs « clé: valeur ».")
    return data


def _load_explaining(header: str):
    try:
        return yaml.load(header, Loader=_DatesAsText)  # noqa: S506 (a SafeLoader)
    except yaml.MarkedYAMLError as error:
        if "\t" in header and "found character '\\t'" in str(error.problem):
            # Tabs where YAML wants spaces ("title:\tX", an indent made of tabs): read again with
            # each tab as the columns its author's editor showed (4 or 8, else 2), what the
            # author meant; a header unreadable with every width fails with the 2-space reading.
            for width in (4, 8):
                try:
                    return yaml.load(header.replace("\t", " " * width), Loader=_DatesAsText)  # noqa: S506
                except yaml.YAMLError:
                    continue
            _refuse_leading_tab(header, error)
            return _load_explaining(header.replace("\t", "  "))
        mark = error.problem_mark or error.context_mark
        if error.context_mark and any(key in str(error.problem) for key in UNCLOSED):
            # Where the quote or bracket was opened, not the end of the header PyYAML reached.
            mark = error.context_mark
        where = f" à la ligne {mark.line + 2}, colonne {mark.column + 1}" if mark else ""
        problem = next(
            (french for english, french in YAML_PROBLEMS.items() if english in str(error.problem)),
            "syntaxe invalide",
        )
        raise FrontMatterError(f"en-tête YAML illisible{where} : {problem}.") from error
    except yaml.YAMLError as error:
        raise FrontMatterError("en-tête YAML illisible.") from error


def _refuse_leading_tab(header: str, error: yaml.YAMLError) -> None:
    """A header that no tab width makes readable, because a line starts with a tab (`\topen:
    true` under `title: …`, which YAML reads as the rest of the title): the error names that
    line and its tab, not the « : » YAML stumbles on once the tab is made spaces."""
    lines = header.split("\n")
    try:
        yaml.load(header.replace("\t", "  "), Loader=_DatesAsText)  # noqa: S506 (a SafeLoader)
    except yaml.MarkedYAMLError as spaced:
        mark = spaced.problem_mark
        if mark is None or mark.line >= len(lines):
            return
        line = lines[mark.line]
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise FrontMatterError(
                f"en-tête YAML illisible à la ligne {mark.line + 2} : tabulation en début de "
                "ligne, que YAML n'accepte pas (retirez-la, ou indentez avec des espaces)."
            ) from error
    except yaml.YAMLError:
        return


def read(text: str) -> tuple[dict, str]:
    """(header fields, Markdown body) of a front-matter file's text."""
    header, body = split_front_matter(text)
    return load_yaml(header), body


def _unclosed(text: str) -> tuple[dict, str] | None:
    """A front matter whose closing `---` was forgotten: the lines up to the first blank line,
    when they read as YAML fields; None otherwise."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.strip("\n").rstrip().split("\n")[1:]  # a header running to the end: no text
    end = next((index for index, line in enumerate(lines) if not line.strip()), None)
    if not end:
        return None
    try:
        header = load_yaml("\n".join(lines[:end]))
    except FrontMatterError:
        return None
    return header, "\n".join(lines[end + 1 :]).strip("\n")


def read_allowing_unclosed(text: str, notes: list[str]) -> tuple[dict, str]:
    """`read`, and a front matter left without its closing `---` (a real file of beta.gouv.fr:
    the fields, a blank line, then the text) read up to its first blank line, with
    `UNCLOSED_NOTE` added to `notes`; the error of `read` when that does not read either."""
    try:
        return read(text)
    except UnclosedFrontMatter:
        if (found := _unclosed(text)) is None:
            raise
    notes.append(UNCLOSED_NOTE)
    return found


def opens_with_front_matter(path: Path) -> bool:
    """Whether a file starts with `---` (after a byte order mark and blank lines)."""
    try:
        with path.open("rb") as file:
            start = file.read(64)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n \t").startswith(b"---")


def text_value(value) -> str:
    """A front-matter value read as text: absent is "", a list is joined by commas (its empty
    items left out), a mapping is not text ("")."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(text for item in value if (text := text_value(item)))
    if isinstance(value, dict):
        return ""
    return str(value).strip()


def key_name(raw) -> str:
    """A header key as the community spells it: « Poste ouvert », « Date_Clôture » and
    « Title » read « poste_ouvert », « date_cloture » and « title »."""
    return fold(str(raw)).replace(" ", "_")


def known_keys(data: dict, known: Collection[str], notes: list[str]) -> dict:
    """The header with its keys written in another case, with accents, spaces or a small typo
    (« Title », « Phases », « mision ») renamed to the known key they mean, each renaming noted
    in French; a key already present is never overwritten, other keys are kept as they are."""
    result = {key: value for key, value in data.items() if key in known}
    for raw, value in data.items():
        if raw in known:
            continue
        key = key_name(raw)
        if key not in known and len(key) > 4:
            close = difflib.get_close_matches(key, [k for k in known if len(k) > 4], 1, 0.85)
            key = close[0] if close else key
        if key in known and key not in result:
            result[key] = value
            notes.append(f"Champ « {raw} » lu comme « {key} ».")
        elif raw not in result:
            result[raw] = value
    return result
