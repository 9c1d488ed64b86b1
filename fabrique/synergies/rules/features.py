"""Vectors of texts: word TF-IDF, character n-grams and a low-rank (LSA) component.

A `Vectorizer` is fitted once on a corpus and then turns any text into the two parts that the
search multiplies (see `search.py`):

- ``dense``: a float32 row of ``n_common + n_components`` values, the exact weights of the few
  most frequent word features followed by the LSA embedding of words and character n-grams;
- ``sparse``: the weights of all the other (rarer) word features.

The similarity of two texts is the dot product of their rows, that is
``(1 - lsa_weight) * cos(words) + lsa_weight * cos(lsa)``: exact on words (stems and pairs of
adjacent stems, BM25-weighted so that long texts do not win by length), with a smoothed part
that brings together texts sharing word roots (character n-grams) or related vocabulary (LSA).
Splitting the frequent word features off into the dense part keeps the sparse product cheap:
its cost grows with the square of a feature's document frequency.

Long texts: a sentence of six content words or more found word for word in three texts or
more (a provider's presentation, "Vous souhaitez bénéficier de…", a recruiting paragraph) is
boilerplate: it is left out of the texts that say something else, so that two descriptions do
not match on what their authors always write. Pairs of adjacent stems count for half as much as
single stems in the scores (``bigram_weight``): in long texts they are many and each is rare,
and at full weight they drown the words the texts share; explanations keep them whole.
"""

import itertools
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.utils.extmath import randomized_svd

from .text import fold_word, sentences


@dataclass(frozen=True)
class Settings:
    """Tuning of the vectors, measured on French titles (Fonds vert) and on longer French
    descriptions with thematic labels (SILL, Aides-territoires, job offers): see bench/README."""

    min_df: int = 2  # a word feature seen in a single text can match nothing: dropped
    bigrams: bool = True
    bigram_weight: float = 0.5  # IDF factor of the pairs of adjacent stems
    # Boilerplate of long texts: a sentence of at least boilerplate_words content words found,
    # word for word, in at least boilerplate_df texts is left out of the texts that have
    # something else to say (0: off). Short texts (titles) are never cut.
    boilerplate_words: int = 6
    boilerplate_df: int = 3
    char_ngrams: tuple[int, int] = (3, 5)
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    n_components: int = 32  # LSA dimensions
    lsa_weight: float = 0.4
    lsa_sample: int = 5000  # rows used to fit the LSA (a seeded sample of the corpus)
    # Word features in at least this share of the texts go to the dense part (at most
    # max_common of them): there a BLAS product costs less than the sparse one, whose cost
    # grows with the square of the document frequency.
    common_df: float = 0.03
    max_common: int = 128
    seed: int = 2026


@dataclass
class Analysis:
    """What the vectors need from one text: word terms and folded words (for n-grams)."""

    terms: list[str]
    words: list[str]


def analyse(text_sentences: list[list[tuple[str, str]]], bigrams: bool = True) -> Analysis:
    pairs = [pair for sentence in text_sentences for pair in sentence]
    stems = [stem for stem, _ in pairs]
    terms = list(stems)
    if bigrams:
        terms += [f"{a} {b}" for a, b in itertools.pairwise(stems)]
    return Analysis(terms=terms, words=[fold_word(surface) for _, surface in pairs])


def _sentence_key(sentence: list[tuple[str, str]], min_words: int) -> str | None:
    if min_words < 1 or len(sentence) < min_words:
        return None
    return " ".join(stem for stem, _ in sentence)


def find_boilerplate(docs: list[list[list[tuple[str, str]]]], min_words: int, min_df: int):
    """Sentences (as their stems) of at least min_words words found in min_df texts or more."""
    if min_df < 1 or min_words < 1:
        return frozenset()
    seen: dict[str, int] = {}
    for doc in docs:
        if len(doc) < 2:
            continue  # a single sentence is never cut: no need to count it
        for key in {_sentence_key(sentence, min_words) for sentence in doc} - {None}:
            seen[key] = seen.get(key, 0) + 1
    return frozenset(key for key, count in seen.items() if count >= min_df)


def without_boilerplate(doc, boilerplate: frozenset, min_words: int):
    """A text's sentences less its boilerplate ones, unless nothing else would be left."""
    if not boilerplate or len(doc) < 2:
        return doc
    kept = [s for s in doc if _sentence_key(s, min_words) not in boilerplate]
    return kept or doc


def _grams(word: str, sizes: tuple[int, int]) -> set[str]:
    padded = f" {word} "
    return {
        padded[start : start + size]
        for size in range(sizes[0], sizes[1] + 1)
        for start in range(len(padded) - size + 1)
    }


def _counts(docs: list[list[str]], vocabulary: dict[str, int], grow: bool) -> sp.csr_matrix:
    """Count matrix of documents (lists of terms); unknown terms are added when ``grow``."""
    indptr, indices = [0], []
    for terms in docs:
        for term in terms:
            column = vocabulary.get(term)
            if column is None and grow:
                column = vocabulary[term] = len(vocabulary)
            if column is not None:
                indices.append(column)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sp.csr_matrix(
        (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(docs), len(vocabulary)),
    )
    matrix.sum_duplicates()  # also sorts the indices: same input, same bits
    return matrix


def normalize(matrix):
    """Rows scaled to unit L2 norm (zero rows stay zero), sparse or dense, any width."""
    if sp.issparse(matrix):
        matrix = matrix.tocsr().astype(np.float32)
        matrix.sum_duplicates()
        norms = np.sqrt(_row_sums(matrix, np.square(matrix.data))).astype(np.float32)
        norms[norms == 0] = 1
        matrix.data /= np.repeat(norms, np.diff(matrix.indptr))
        return matrix
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1
    return matrix / norms[:, None]


def _row_sums(matrix: sp.csr_matrix, values: np.ndarray) -> np.ndarray:
    """Sum of ``values`` (aligned with ``matrix.data``) over each row, in float64."""
    sums = np.zeros(matrix.shape[0], dtype=np.float64)
    if len(values):
        lengths = np.diff(matrix.indptr)
        filled = lengths > 0
        sums[filled] = np.add.reduceat(values.astype(np.float64), matrix.indptr[:-1][filled])
    return sums


def _document_frequency(matrix: sp.csr_matrix) -> np.ndarray:
    return np.bincount(matrix.indices, minlength=matrix.shape[1])


@dataclass
class _Bm25:
    idf: np.ndarray
    avg_length: float
    k1: float
    b: float

    @classmethod
    def fit(cls, counts: sp.csr_matrix, k1: float, b: float) -> "_Bm25":
        n = counts.shape[0]
        df = _document_frequency(counts)
        idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        return cls(idf=idf, avg_length=float(lengths.mean()) if n else 1.0, k1=k1, b=b)

    def transform(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts = counts.astype(np.float32)
        lengths = _row_sums(counts, counts.data)
        per_value = np.repeat(lengths, np.diff(counts.indptr)) / max(self.avg_length, 1e-9)
        tf = (
            counts.data
            * (self.k1 + 1)
            / (counts.data + self.k1 * (1 - self.b + self.b * per_value))
        )
        weighted = sp.csr_matrix((tf, counts.indices, counts.indptr), shape=counts.shape)
        weighted.data *= self.idf[weighted.indices]
        return normalize(weighted).astype(np.float32)


@dataclass
class Vectors:
    dense: np.ndarray  # float32 (n, n_common + n_components)
    sparse: sp.csr_matrix  # float32 (n, n_rare), already scaled
    words: sp.csr_matrix  # float32 (n, n_terms): normalised word weights, for explanations


@dataclass
class Vectorizer:
    settings: Settings = field(default_factory=Settings)
    terms: list[str] = field(default_factory=list)
    _term_index: dict[str, int] = field(default_factory=dict)
    _gram_index: dict[str, int] = field(default_factory=dict)
    _word_bm25: _Bm25 | None = None
    _gram_bm25: _Bm25 | None = None
    _components: np.ndarray | None = None  # (n_components, n_terms + n_grams)
    _common: np.ndarray | None = None  # indices of the frequent word features
    _rare: np.ndarray | None = None
    _boilerplate: frozenset = frozenset()  # sentence keys, see `find_boilerplate`
    _term_scale: np.ndarray | None = None  # factor of each word feature in the scores

    def fit_transform(self, texts: list[str]) -> Vectors:
        s = self.settings
        docs = [sentences(text) for text in texts]
        self._boilerplate = find_boilerplate(docs, s.boilerplate_words, s.boilerplate_df)
        analyses = self._analyse(docs)
        vocabulary: dict[str, int] = {}
        counts = _counts([a.terms for a in analyses], vocabulary, grow=True)
        df = _document_frequency(counts)
        names = np.array(sorted(vocabulary, key=vocabulary.__getitem__), dtype=object)
        keep = np.flatnonzero(df >= s.min_df)
        order = keep[np.argsort(names[keep].astype(str), kind="stable")]  # by name: stable ids
        self.terms = [str(term) for term in names[order]]
        self._term_index = {term: i for i, term in enumerate(self.terms)}
        counts = counts[:, order]
        self._word_bm25 = _Bm25.fit(counts, s.bm25_k1, s.bm25_b)
        pairs = np.array([" " in term for term in self.terms], dtype=bool)
        self._term_scale = np.where(pairs, s.bigram_weight, 1.0).astype(np.float32)
        words = self._word_bm25.transform(counts)
        scored = self._scale(words)

        gram_counts = self._fit_grams([a.words for a in analyses])
        self._gram_bm25 = _Bm25.fit(gram_counts, s.bm25_k1, s.bm25_b)
        grams = self._gram_bm25.transform(gram_counts)
        mixed = self._mix(scored, grams)
        self._fit_lsa(mixed)

        df = _document_frequency(words)
        threshold = max(2, s.common_df * len(texts))
        frequent = np.flatnonzero(df >= threshold)
        frequent = frequent[np.argsort(-df[frequent], kind="stable")][: s.max_common]
        self._common = np.sort(frequent)
        self._rare = np.setdiff1d(np.arange(len(self.terms)), self._common)
        return self._assemble(words, scored, mixed)

    def transform(self, texts: list[str]) -> Vectors:
        analyses = self._analyse([sentences(text) for text in texts])
        counts = _counts([a.terms for a in analyses], self._term_index, grow=False)
        words = self._word_bm25.transform(counts)
        scored = self._scale(words)
        gram_docs = [self._word_grams(a.words) for a in analyses]
        grams = self._gram_bm25.transform(_counts(gram_docs, self._gram_index, grow=False))
        return self._assemble(words, scored, self._mix(scored, grams))

    # --- internals --------------------------------------------------------------------

    def _analyse(self, docs) -> list[Analysis]:
        s = self.settings
        return [
            analyse(without_boilerplate(doc, self._boilerplate, s.boilerplate_words), s.bigrams)
            for doc in docs
        ]

    def _scale(self, words: sp.csr_matrix) -> sp.csr_matrix:
        """The word weights that are scored: pairs of stems count for ``bigram_weight`` (the
        explanations keep the unscaled ones, where a shared phrase outranks its words)."""
        if self._term_scale is None or not (self._term_scale != 1).any():
            return words
        scaled = words.copy()
        scaled.data *= self._term_scale[scaled.indices]
        return normalize(scaled)

    def _word_grams(self, words: list[str]) -> list[str]:
        out: list[str] = []
        for word in words:
            out.extend(sorted(_grams(word, self.settings.char_ngrams)))
        return out

    def _fit_grams(self, word_docs: list[list[str]]) -> sp.csr_matrix:
        """Character n-grams of every text, through its words: each distinct word is cut once."""
        word_index: dict[str, int] = {}
        word_counts = _counts(word_docs, word_index, grow=True)
        gram_index: dict[str, int] = {}
        rows, cols = [], []
        for word, row in word_index.items():
            for gram in sorted(_grams(word, self.settings.char_ngrams)):
                rows.append(row)
                cols.append(gram_index.setdefault(gram, len(gram_index)))
        word_grams = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(word_index), len(gram_index)),
        )
        gram_counts = (word_counts @ word_grams).tocsr()
        df = _document_frequency(gram_counts)
        names = sorted(gram_index, key=gram_index.__getitem__)
        keep = [i for i in np.argsort(names, kind="stable") if df[i] >= self.settings.min_df]
        self._gram_index = {names[i]: column for column, i in enumerate(keep)}
        return gram_counts[:, keep].tocsr()

    def _mix(self, words: sp.csr_matrix, grams: sp.csr_matrix) -> sp.csr_matrix:
        half = np.float32(np.sqrt(0.5))
        return normalize(sp.hstack([words * half, grams * half], format="csr")).astype(np.float32)

    def _fit_lsa(self, mixed: sp.csr_matrix) -> None:
        s = self.settings
        sample = mixed
        if mixed.shape[0] > s.lsa_sample:
            rng = np.random.default_rng(s.seed)
            sample = mixed[np.sort(rng.choice(mixed.shape[0], s.lsa_sample, replace=False))]
        rank = min(s.n_components, min(sample.shape) - 1)
        if rank < 1 or sample.nnz == 0:
            self._components = np.zeros((0, mixed.shape[1]), dtype=np.float32)
            return
        _, _, components = randomized_svd(sample, rank, n_iter=4, random_state=s.seed)
        self._components = components.astype(np.float32)

    def _assemble(self, words: sp.csr_matrix, scored: sp.csr_matrix, mixed) -> Vectors:
        g = self.settings.lsa_weight if self._components.shape[0] else 0.0
        word_scale, lsa_scale = np.float32(np.sqrt(1 - g)), np.float32(np.sqrt(g))
        lsa = normalize(np.asarray(mixed @ self._components.T, dtype=np.float32))
        common = scored[:, self._common].toarray()
        dense = np.hstack([common * word_scale, lsa * lsa_scale]).astype(np.float32)
        sparse = (scored[:, self._rare] * word_scale).astype(np.float32).tocsr()
        return Vectors(dense=np.ascontiguousarray(dense), sparse=sparse, words=words)
