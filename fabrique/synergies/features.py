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
"""

import itertools
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.utils.extmath import randomized_svd

from .text import fold_word, tokens


@dataclass(frozen=True)
class Settings:
    """Tuning of the vectors (measured on French titles and long descriptions, see README)."""

    min_df: int = 2  # a word feature seen in a single text can match nothing: dropped
    bigrams: bool = True
    char_ngrams: tuple[int, int] = (3, 5)
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    n_components: int = 32  # LSA dimensions
    lsa_weight: float = 0.3
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


def analyse(text: str, bigrams: bool = True) -> Analysis:
    pairs = tokens(text)
    stems = [stem for stem, _ in pairs]
    terms = list(stems)
    if bigrams:
        terms += [f"{a} {b}" for a, b in itertools.pairwise(stems)]
    return Analysis(terms=terms, words=[fold_word(surface) for _, surface in pairs])


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
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        matrix.data /= np.repeat(norms, np.diff(matrix.indptr)).astype(np.float32)
        return matrix
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1
    return matrix / norms[:, None]


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
        lengths = np.asarray(counts.sum(axis=1)).ravel()
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

    def fit_transform(self, texts: list[str]) -> Vectors:
        s = self.settings
        analyses = [analyse(text, s.bigrams) for text in texts]
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
        words = self._word_bm25.transform(counts)

        gram_counts = self._fit_grams([a.words for a in analyses])
        self._gram_bm25 = _Bm25.fit(gram_counts, s.bm25_k1, s.bm25_b)
        grams = self._gram_bm25.transform(gram_counts)
        mixed = self._mix(words, grams)
        self._fit_lsa(mixed)

        df = _document_frequency(words)
        threshold = max(2, s.common_df * len(texts))
        frequent = np.flatnonzero(df >= threshold)
        frequent = frequent[np.argsort(-df[frequent], kind="stable")][: s.max_common]
        self._common = np.sort(frequent)
        self._rare = np.setdiff1d(np.arange(len(self.terms)), self._common)
        return self._assemble(words, mixed)

    def transform(self, texts: list[str]) -> Vectors:
        s = self.settings
        analyses = [analyse(text, s.bigrams) for text in texts]
        counts = _counts([a.terms for a in analyses], self._term_index, grow=False)
        words = self._word_bm25.transform(counts)
        gram_docs = [self._word_grams(a.words) for a in analyses]
        grams = self._gram_bm25.transform(_counts(gram_docs, self._gram_index, grow=False))
        return self._assemble(words, self._mix(words, grams))

    # --- internals --------------------------------------------------------------------

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

    def _assemble(self, words: sp.csr_matrix, mixed: sp.csr_matrix) -> Vectors:
        g = self.settings.lsa_weight if self._components.shape[0] else 0.0
        word_scale, lsa_scale = np.float32(np.sqrt(1 - g)), np.float32(np.sqrt(g))
        lsa = normalize(np.asarray(mixed @ self._components.T, dtype=np.float32))
        common = words[:, self._common].toarray()
        dense = np.hstack([common * word_scale, lsa * lsa_scale]).astype(np.float32)
        sparse = (words[:, self._rare] * word_scale).astype(np.float32).tocsr()
        return Vectors(dense=np.ascontiguousarray(dense), sparse=sparse, words=words)
