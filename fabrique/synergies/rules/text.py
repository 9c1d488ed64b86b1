"""French-aware text normalisation for the similarity engine.

Pure Python, no dependency: lower-casing, accent and ligature folding, elision splitting
(``l'``, ``d'``, ``qu'``…), a French stop-word list (function words and the administrative
boilerplate that every project or aid description repeats) and a light stemmer written for
administrative vocabulary (plurals, feminine and verb forms: ``rénovations``, ``rénover``,
``rénové`` and ``rénovée`` all give ``renov``).

``tokens(text)`` returns the (stem, surface) pairs of a text: the stem feeds the vectors, the
surface form (lower case, accents kept) is what explanations show to people.
"""

import itertools
import re
import unicodedata
from functools import lru_cache

MAX_CHARS = 200_000  # longer texts are cut: a 1 MB paste must not freeze the engine

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ʼ": "'", "`": "'"})
# Words: letters and digits; an apostrophe or any other sign separates words, so elisions
# (l'eau, d'une, qu'il, jusqu'à) split by themselves and the elided article is a stop word.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Function words, auxiliaries and the elided forms (written without accents: they are compared
# with folded words). Kept short on purpose: rare words are already weak through IDF.
FUNCTION_WORDS = frozenset(
    """
    a au aux avec ce ces cet cette ci c ca d dans de des du elle elles en et eu est etait
    etre il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne ni nos
    notre nous on ou par pas pour qu que quel quelle quelles quels qui s sa sans se ses si
    son sont sur t ta te tes toi ton tu un une unes uns vos votre vous y dont lorsqu lorsque
    jusqu puisqu quoiqu presqu afin ainsi aussi autre autres apres avant chez comme donc
    entre lors ont ete sera seront etant ayant avoir fait faire peut peuvent doit doivent
    tout tous toute toutes tres plus moins non oui via vers selon sous depuis pendant
    notamment egalement cela celle celles celui ceux ici la-bas leurs dela etc
    """.split()
)

# Administrative boilerplate: words present in a large share of any corpus of project titles
# or aid descriptions, which say "this is a project" rather than what the project is about.
BOILERPLATE = frozenset(
    """
    projet projets mise mises place realisation realiser operation operations
    """.split()
)

STOP_WORDS = FUNCTION_WORDS | BOILERPLATE

# Words that never explain a likeness by themselves (on top of `STOP_WORDS`): vague French
# words of every kind of text (numerals, « chaque », « nouveau », « permettre »), and what any
# description of a digital public service or of public works says (« en ligne », « outil »,
# « commune »). They still count in the scores — the vectors are untouched — but an
# explanation never shows them (see `engine.SimilarityIndex.explain`).
VAGUE_WORDS = frozenset(
    """
    chaque plusieurs certains certaines aucun aucune autant beaucoup peu bien mieux encore
    deja toujours jamais souvent comment pourquoi quand combien alors ensuite enfin quelque
    quelques tel telle tels telles propre propres seul seule seuls seules meme memes
    deux trois quatre cinq six sept huit neuf dix cent mille premier premiere second
    seconde nouveau nouvel nouvelle nouveaux nouvelles grand grande grands grandes petit
    petite petits petites bon bonne bons bonnes gros grosse simple simples facile faciles
    permet permettre permettent permettant pouvoir veut vouloir savoir comprendre trouver
    donner prendre mettre aller venir voir rendre passer rester devenir utiliser aide aider
    proposer propose proposes proposent proposee proposees
    old new contre
    """.split()
)
GENERIC_WORDS = VAGUE_WORDS | frozenset(
    """
    partir cadre sein lieu niveau part type types facon maniere chose choses fois temps jour
    jours an ans annee annees mois semaine besoin besoins question questions exemple cas
    ligne lignes outil outils service services solution solutions plateforme application
    logiciel site numerique public publique publics publiques usager usagers utilisateur
    utilisateurs personne personnes commune communes ville villes collectivite collectivites
    territoire territoires mairie agent agents equipe equipes gestion demande demandes
    ensemble partie travaux travail ancien ancienne anciens anciennes creation etude etudes
    communal communale communaux communales amenagement recu recus recue recues habitant
    habitants
    """.split()
)

_IRREGULAR = {"travaux": "travail", "vitraux": "vitrail", "yeux": "oeil", "cieux": "ciel"}


def fold(text: str) -> str:
    """Lower case, without accents or ligatures, apostrophes made plain."""
    text = text.lower().translate(_LIGATURES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light French stemmer for folded words: plural, feminine and common verb endings.

    Inflection only, no derivation: ``renovation`` stays apart from ``renov`` (the
    character n-grams bring them together), so that ``equipe`` and ``equipement`` stay apart.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    # Plural.
    if w.endswith("aux") and not w.endswith("eaux") and len(w) > 4:
        w = w[:-3] + "al"
    elif w[-1] == "x" or (w[-1] == "s" and w[-2] != "s"):
        w = w[:-1]
    # Feminine and verb forms.
    for suffix, replacement in (
        ("euse", "eur"),
        ("trice", "teur"),
        ("ive", "if"),
        ("elle", "el"),
        ("enne", "en"),
        ("iere", "ier"),
        ("ique", "ic"),
        ("ee", ""),
        ("er", ""),
        ("e", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) + len(replacement) >= 3:
            w = w[: len(w) - len(suffix)] + replacement
            break
    return w


@lru_cache(maxsize=500_000)
def _content_stem(surface: str) -> str:
    """The stem of a lower-case word, or "" when the word is not a content word."""
    folded = fold(surface)
    if len(folded) < 2 or folded in STOP_WORDS or (folded.isdigit() and len(folded) > 4):
        return ""
    return stem(folded)


def tokens(text: str) -> list[tuple[str, str]]:
    """The (stem, surface) pairs of a text's content words, in order.

    Stop words, single letters and numbers of more than four digits (amounts, codes) are
    dropped; the surface form is the lower-case word with its accents.
    """
    if not text:
        return []
    pairs = []
    for surface in _WORD.findall(text[:MAX_CHARS].lower()):
        stemmed = _content_stem(surface)
        if stemmed:
            pairs.append((stemmed, surface))
    return pairs


_SENTENCE_END = re.compile(r"[.!?;\n\r•]+")


def sentences(text: str) -> list[list[tuple[str, str]]]:
    """`tokens` of each sentence of a text (cut at . ! ? ; line ends), empty ones left out.

    Long texts are compared sentence by sentence to find their boilerplate (see `features.py`).
    """
    if not text:
        return []
    out = []
    for part in _SENTENCE_END.split(text[:MAX_CHARS].lower()):
        pairs = [(stemmed, w) for w in _WORD.findall(part) if (stemmed := _content_stem(w))]
        if pairs:
            out.append(pairs)
    return out


# Their stems: a term (stem or pair of stems) made only of generic words explains nothing,
# nor does a pair with a vague word (« chaque famille » says no more than « famille »).
GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)
VAGUE_STEMS = frozenset(stem(word) for word in VAGUE_WORDS)


@lru_cache(maxsize=500_000)
def fold_word(word: str) -> str:
    """`fold` for a single word, cached: corpora repeat the same words over and over."""
    return fold(word)


_PUNCTUATION = re.compile(r"[^\w'’-]+|_")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_BREAK = re.compile(r"[^\w\s'’-]|[\n\r]")  # a sign that ends a phrase (not an apostrophe)


def _shown(word: str) -> str:
    """How a word is shown: lower case, except acronyms (ZFE, PLUi stays as typed)."""
    return word if _ACRONYM.fullmatch(word) else word.lower()


def phrases(text: str) -> dict[str, str]:
    """Readable form of each term of a text: stem -> word, "stem stem" -> phrase.

    The word is the most frequent spelling of the stem in the text (``rénovations``,
    ``rénovation`` -> the one seen most); a pair of stems gets the exact words of the text
    between them (``rénovation de l'école``), so that explanations quote the text, unless a
    sign or a line break stands between them (« nid-de-poule, un lampadaire » is no phrase).
    """
    spans = []
    for match in _WORD.finditer(text[:MAX_CHARS]):
        stemmed = _content_stem(match.group().lower())
        if stemmed:
            spans.append((stemmed, match.start(), match.end()))
    counts: dict[str, dict[str, int]] = {}
    for stemmed, start, end in spans:
        shown = _shown(text[start:end])
        forms = counts.setdefault(stemmed, {})
        forms[shown] = forms.get(shown, 0) + 1
    out = {stemmed: max(forms, key=lambda f: (forms[f], f)) for stemmed, forms in counts.items()}
    for (a, start, _), (b, _, end) in itertools.pairwise(spans):
        pair = f"{a} {b}"
        between = text[start:end]
        if pair not in out and not _BREAK.search(between):  # never across , : ( or a line
            out[pair] = written_form(between)
    return out


def written_form(text: str) -> str:
    """The words of a text as explanations quote them: lower case, one space between them."""
    return " ".join(_PUNCTUATION.sub(" ", text).split()).lower()
