"""Why two items (or a group) look alike: the shared words or phrases shown as the reasons.

A reason is never a stop word, a generic word (`text.GENERIC_STEMS`) or a term too common in
the corpus (`COMMON_SHARE`); a word is not repeated by a phrase that contains it, and each term
is shown as the texts write it. Pure functions on the index's terms and texts.
"""

from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp

from .text import GENERIC_STEMS, VAGUE_STEMS, phrases, written_form

REASONS = 4  # words or phrases given for each pair
# A word or phrase found in more than this share of the texts (of the whole corpus, or of the
# texts of the same kind as one of the two items) is too common to explain anything; in small
# corpora, the cut-off is never below COMMON_FLOOR texts.
COMMON_SHARE = 0.1
COMMON_FLOOR = 5


def is_generic(term: str) -> bool:
    """A term that explains nothing: only generic words, or a pair with a vague word."""
    parts = term.split(" ")
    return all(part in GENERIC_STEMS for part in parts) or (
        len(parts) > 1 and any(part in VAGUE_STEMS for part in parts)
    )


def too_common(words: sp.csr_matrix, count: int) -> np.ndarray:
    """Terms of these rows found in more than `COMMON_SHARE` of them (`COMMON_FLOOR` at least)."""
    frequency = np.bincount(words.indices, minlength=words.shape[1])
    return frequency > max(COMMON_SHARE * count, COMMON_FLOOR)


def _without_covered(terms: list[str], n: int) -> list[str]:
    """The first terms, a word never shown twice: a phrase (pair of stems) takes the place of
    the better-ranked single words it contains, and is dropped when phrases already shown
    contain both its words."""
    out: list[str] = []
    for term in terms:
        parts = term.split(" ")
        if len(parts) == 1:
            if all(term not in shown.split(" ") for shown in out):
                out.append(term)
            continue
        in_phrases = {part for shown in out if " " in shown for part in shown.split(" ")}
        if all(part in in_phrases for part in parts):
            continue
        singles = [i for i, shown in enumerate(out) if shown in parts]
        if singles:
            out[singles[0]] = term
            for i in reversed(singles[1:]):
                del out[i]
        else:
            out.append(term)
    return out


def reasons_shown(reasons: list[tuple[str, str]]) -> tuple[tuple[str, ...], int]:
    """(the forms shown, how many informative words they hold). A phrase (a pair of words, not
    both generic: `SimilarityIndex._silent_terms`) counts two: « éclairage public » says more
    than « ligne »."""
    return (
        tuple(shown for _, shown in reasons),
        sum(len(term.split(" ")) for term, _ in reasons),
    )


def readable_terms(terms: list[str], texts: Iterable[str], n: int) -> list[tuple[str, str]]:
    """(term, form) of the first n terms, each as the texts write it (most frequent spelling
    among the texts). A term the texts never write as such (a pair of words across a comma or
    a line) is left out, then `_without_covered` keeps a word from being shown twice."""
    terms = terms[: 6 * n]
    texts = list(texts)
    counts: dict[str, dict[str, int]] = {}
    wanted = set(terms)
    for text in texts:
        for term, form in phrases(text).items():
            if term in wanted:
                forms = counts.setdefault(term, {})
                forms[form] = forms.get(form, 0) + 1
    out: list[tuple[str, str]] = []
    written = [written_form(text) for text in texts]
    for term in _without_covered([term for term in terms if term in counts], n):
        forms = counts[term]
        shown = max(forms, key=lambda f: (forms[f], f))
        if _chained(out, term, shown, written):
            continue
        if all(shown != form for _, form in out):
            out.append((term, shown))
        if len(out) == n:
            break
    return out


def _chained(out: list[tuple[str, str]], term: str, shown: str, written: list[str]) -> bool:
    """Join a phrase to a phrase already shown that it continues, when the texts write them as
    one: « site internet » then « internet de la mairie » become « site internet de la
    mairie », never « site internet, internet de la mairie ». True when joined."""
    parts = term.split(" ")
    if len(parts) != 2:
        return False
    for i, (before, before_shown) in enumerate(out):
        ends = before.split(" ")
        if len(ends) < 2:
            continue
        if ends[-1] == parts[0]:
            joined = before_shown + shown[len(shown.split(" ")[0]) :]
            stems = f"{before} {parts[1]}"
        elif parts[1] == ends[0]:
            joined = shown + before_shown[len(before_shown.split(" ")[0]) :]
            stems = f"{parts[0]} {before}"
        else:
            continue
        if any(joined in text for text in written):
            out[i] = (stems, joined)
            return True
    return False
