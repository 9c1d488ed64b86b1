"""Text normalisation shared by every search of the platform."""

import codecs
import errno
import re
import unicodedata

from fabrique.core.numbers import integer

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Combining marks left by NFKD on Latin letters (é -> e + U+0301): removed, the letter stays.
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
# Abbreviations read as their full word, as people type them.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def length_problem(text: str, maximum: int) -> str:
    """What is wrong with a free text longer than `maximum` characters once trimmed, in French
    with digits grouped as everywhere (« Texte trop long (6 000 caractères) : 5 000 au plus. »),
    or "" when it fits."""
    size = len((text or "").strip())
    if size <= maximum:
        return ""
    return f"Texte trop long ({integer(size)} caractères) : {integer(maximum)} au plus."


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: accents, hyphens, apostrophes gone."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = _COMBINING.sub("", text).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def search_words(text: str) -> list[str]:
    """The folded words of a text, abbreviations read as their full word (« St-Martin » is
    « saint martin »): the one rule of both sides of every search, what is typed
    (`search_tokens`) and what is stored (`folded_words`, `search_key`)."""
    return [_ABBREVIATIONS.get(word, word) for word in fold(text).split()]


def search_alternatives(text: str, max_tokens: int = 8) -> list[tuple[str, ...]]:
    """Each word of a query with the forms a word of a record may start with: an abbreviation is
    read both as its full word and as the start of a word (« st » finds « Saint-Martin » and
    « Stationnement », « ste » « Sainte-Anne » and « Stéphanie »); other words, as typed. A
    record matches when, for every word typed, one of its words starts with one of the forms."""
    alternatives = []
    for word in fold(text).split()[:max_tokens]:
        full = _ABBREVIATIONS.get(word)
        alternatives.append((full, word) if full else (word,))
    return alternatives


def search_tokens(text: str, max_tokens: int = 8) -> list[str]:
    """Words of a query or a name, abbreviations expanded, in order, at most `max_tokens`."""
    return search_words(text)[:max_tokens]


# How much of a long text's folded words a search column keeps by default (catalogue records).
SEARCH_TEXT_MAX = 6000


def folded_words(*texts: str, max_chars: int | None = SEARCH_TEXT_MAX) -> str:
    """Every distinct folded word of the texts (abbreviations read as `search_words` reads
    them), after a leading space: what `LIKE '% mot%'` searches (full text, not only the first
    words as `search_key`). Duplicates add nothing to a word-prefix search, so they are
    dropped; `max_chars=None` keeps them all."""
    words = dict.fromkeys(search_words(" ".join(text for text in texts if text)))
    return (" " + " ".join(words))[:max_chars]


def search_key(text: str) -> str:
    """The stored form a name is matched against: a leading space, then its tokens.

    The leading space lets a query word match the start of any word with a single
    `LIKE '% word%'`, on SQLite and PostgreSQL alike.
    """
    return " " + " ".join(search_tokens(text, max_tokens=64))


# The messages of Python's JSON parser, said in French (for API answers and import reports).
JSON_PROBLEMS = {
    "Expecting property name enclosed in double quotes": "nom de champ attendu entre guillemets",
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Unterminated string starting at": "chaîne de caractères non fermée",
    "Extra data": "données en trop après la fin du document",
    "Invalid control character at": "caractère de contrôle interdit dans une chaîne",
    "Invalid \\escape": "séquence d'échappement invalide",
}


def json_problem(message: str) -> str:
    """A `json.JSONDecodeError` message in French ("valeur attendue"…)."""
    return next(
        (french for english, french in JSON_PROBLEMS.items() if english in message),
        "syntaxe invalide",
    )


def storage_problem(error: OSError) -> str | None:
    """What a failed write of an uploaded file means, in French (None: not a storage fault)."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "l'espace de stockage des fichiers est plein : libérez de la place puis recommencez."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            "le dossier des fichiers déposés est en lecture seule : vérifiez les droits "
            "d'écriture sur le dossier des médias (MEDIA_ROOT)."
        )
    return None


def reading_problem(error: OSError) -> str:
    """Why a file named on a command line cannot be read, in French."""
    if isinstance(error, FileNotFoundError):
        return "fichier introuvable."
    if isinstance(error, IsADirectoryError):
        return "c'est un dossier, un fichier est attendu."
    if isinstance(error, PermissionError):
        return "lecture refusée (droits du fichier)."
    return "impossible de lire ce fichier."


def database_problem(error: Exception) -> str:
    """What a database error means for the person who sees it, in French."""
    text = str(error).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return (
            "la base de données est en lecture seule : rien ne peut être enregistré. Vérifiez "
            "les droits d'écriture sur le fichier de la base et sur son dossier."
        )
    if "unable to open" in text:  # SQLite: a read-only folder (WAL files) or a missing file
        return (
            "le fichier de la base de données ne peut pas être ouvert : rien ne peut être "
            "enregistré. Vérifiez que le fichier et son dossier existent et sont accessibles "
            "en écriture."
        )
    if "disk" in text or "full" in text or "no space" in text:
        return "le disque est plein : libérez de la place puis recommencez."
    if "locked" in text:
        return (
            "la base de données est occupée par une autre écriture : recommencez dans un instant."
        )
    return "la base de données ne répond pas : recommencez dans quelques minutes."


_ELIDED = frozenset("aeiouyàâäéèêëîïôöùûüœæh")


def of(name: str) -> str:
    """« de Paul », « d'Inès », « d'Hélène »: the French preposition before a name, elided
    before a vowel or an h (most first names that begin with an h are not aspirated)."""
    name = (name or "").strip()
    if name and name[0].lower() in _ELIDED:
        return f"d'{name}"
    return f"de {name}"


def with_aside(text: str, aside: str) -> str:
    """« Nom (note) »: a typed note in parentheses after a text, without the final full stop
    the note may have, since the sentence goes on after it (never « (… restitution.). »); an
    abbreviation's point (« etc. ») stays."""
    aside = (aside or "").strip()
    if aside.endswith(".") and not aside.endswith(("etc.", "..")):
        aside = aside[:-1].rstrip()
    return f"{text} ({aside})" if aside else text


# --- Files read as text --------------------------------------------------------------------

LATIN_NOTE = "Fichier qui n'est pas en UTF-8 : lu en Windows-1252 (Latin-1), accents à vérifier."
# Control characters that no text file holds (tab, line ends, form feed and the vertical tab
# of a line break pasted from a word processor are text).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class UnreadableText(ValueError):
    """Bytes that are not a text file; the message, in French, says why."""


def decode_text(raw: bytes) -> tuple[str, str]:
    """(text, note) of a file's bytes: UTF-8 (byte order mark dropped), else Windows-1252, the
    encoding of files saved by Windows tools, with `LATIN_NOTE` as note ('' for UTF-8).
    `UnreadableText` for binary content: null bytes, control characters, or bytes that are
    neither encoding. A file saved as « Unicode » by Windows tools (UTF-16 with its byte order
    mark) is read as such: the mark says its encoding, nothing is guessed."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            raw = raw.decode("utf-16").encode()
        except UnicodeDecodeError:
            raise UnreadableText(
                "fichier marqué UTF-16 mais abîmé (nombre d'octets impair ou caractère coupé) : "
                "enregistrez-le en UTF-8."
            ) from None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise UnreadableText(
            f"caractère nul (octet 0) ligne {line} : le fichier est binaire ou abîmé, ce n'est "
            "pas un fichier texte."
        )
    try:
        text, note = raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        try:
            text, note = raw.decode("cp1252"), LATIN_NOTE
        except UnicodeDecodeError:
            raise UnreadableText(
                f"caractères illisibles ligne {line} : le fichier n'est ni en UTF-8 ni en "
                "Windows-1252 (enregistrez-le en UTF-8)."
            ) from None
    if match := _CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise UnreadableText(
            f"caractère de contrôle ligne {line} : le fichier est binaire ou abîmé, ce n'est pas "
            "un fichier texte."
        )
    return text, note


YES_WORDS = frozenset({"oui", "o", "yes", "y", "vrai", "true", "1"})
NO_WORDS = frozenset({"non", "n", "no", "faux", "false", "0"})


def yes_no(value, *, yes=frozenset(), no=frozenset()) -> bool | None:
    """A yes/no written by a person or a file: a boolean, 1 or 0, « oui », « Non », « yes »,
    « Vrai »… (plus the `yes` and `no` words of the caller, folded); None when it is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if not isinstance(value, str):
        return None
    word = fold(value)
    if word in YES_WORDS or word in yes:
        return True
    if word in NO_WORDS or word in no:
        return False
    return None
