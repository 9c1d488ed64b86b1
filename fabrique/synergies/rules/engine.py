"""The similarity index: build it once, then ask for neighbours, queries, additions, groups.

    >>> index = build_index([Item("a", "projet", "Rénovation énergétique de l'école"), ...])
    >>> index.neighbours(k=5)["a"]          # [Neighbour(id, score, reasons), ...]
    >>> index.query("isolation de la mairie", k=5)
    >>> index.add(Item("z", "projet", "Isolation thermique du groupe scolaire"))
    >>> index.groups(threshold=0.5)         # [Group(ids, score, reasons), ...]

Scores are in [0, 1] (1: same words), an item is never its own neighbour, and an item whose
text has no content word (empty, blank, only stop words or signs) has no neighbour and is no
one's neighbour: `SimilarityIndex.empty_ids` lists them. Same items in the same order give
the same result, bit for bit. Labels are never read: the index only sees texts.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from .features import Settings, Vectorizer, Vectors
from .groups import coherent_parts, find_groups
from .items import (
    MIN_REASONS,
    Group,
    Item,
    Neighbour,
    SynergiesError,
    as_item,
    check_items,
)
from .reasons import REASONS, is_generic, readable_terms, reasons_shown, too_common
from .search import TopK, all_top_k, one_thread, scores_against

MAX_PENDING = 512  # rows added one by one are merged into the sparse matrix past this count
COHERENCE = 0.4  # every two members of a group are at least this similar (complete linkage)


class Neighbours(Mapping):
    """Every item's neighbours: ``result[item_id]`` is its list of `Neighbour`, best first.

    The raw arrays (`positions`, `scores`: one row per item, in the index's order, -1 and
    -inf past the last neighbour) are there for bulk use; reasons are computed on access.
    """

    def __init__(self, index: "SimilarityIndex", top: TopK):
        self._index = index
        self.positions = top.columns.copy()
        self.scores = top.scores.copy()

    def __getitem__(self, item_id) -> list[Neighbour]:
        position = self._index._positions.get(item_id, len(self.positions))
        if position >= len(self.positions):
            raise KeyError(item_id)
        return self._index._neighbour_list(
            position, self.positions[position], self.scores[position]
        )

    def __iter__(self) -> Iterator:
        return (item.id for item in self._index.items[: len(self.positions)])

    def __len__(self) -> int:
        return len(self.positions)


class SimilarityIndex:
    """Vectors of a set of items, with the fitted vectorizer that can place new texts."""

    def __init__(self, items: list[Item], vectorizer: Vectorizer, vectors: Vectors):
        self.items = items
        self.vectorizer = vectorizer
        self._positions = check_items(items)
        self._dense = vectors.dense
        self._size = len(items)
        self._sparse = vectors.sparse
        self._sparse_t = vectors.sparse.T.tocsr()
        self._pending: list[sp.csr_matrix] = []  # sparse rows added since the last rebuild
        self._words = vectors.words
        self._pending_words: list[sp.csr_matrix] = []
        self._empty = self._find_empty(vectors)
        self._cache: dict[tuple[int, str | None], TopK] = {}
        self._uninformative: dict | None = None  # kind(s) -> silent terms, see `_silent_terms`

    # --- reading ----------------------------------------------------------------------

    def __len__(self) -> int:
        return self._size

    def __contains__(self, item_id) -> bool:
        return item_id in self._positions

    def position(self, item_id) -> int:
        try:
            return self._positions[item_id]
        except KeyError:
            raise SynergiesError(f"Identifiant inconnu : « {item_id} ».") from None

    @property
    def empty_ids(self) -> list:
        """Items without any content word: they have no neighbour and are no one's."""
        return [self.items[p].id for p in np.flatnonzero(self._empty[: self._size])]

    def neighbours(self, k: int = 10, *, kind: str | None = None) -> Neighbours:
        """The k most similar items of every item (only items of ``kind`` if given)."""
        k = self._check_k(k)
        key = (k, kind)
        if key not in self._cache:
            self._consolidate()
            with one_thread():
                self._cache[key] = all_top_k(
                    self._dense[: self._size], self._sparse, k, column_mask=self._mask(kind)
                )
        return Neighbours(self, self._cache[key])

    def query(self, text: str, k: int = 10, *, kind: str | None = None) -> list[Neighbour]:
        """The k items most similar to a text that is not in the index."""
        k = self._check_k(k)
        vectors = self._transform(text)
        top = TopK(1, k)
        if vectors.words.nnz or vectors.dense.any():
            scores = self._scores(vectors)
            mask = self._mask(kind)
            if mask is not None:
                scores[:, ~mask] = -np.inf
            top.update(0, scores, 0)
        return self._neighbour_list(None, top.columns[0], top.scores[0], query=(text, vectors))

    def add(self, item: Item | tuple, k: int = 10) -> list[Neighbour]:
        """Add an item without refitting anything; return its k neighbours.

        The vocabulary, weights and LSA of the first build are kept (a word never seen before
        counts for nothing until a rebuild). Neighbour lists already computed are updated, so
        that they equal those of `build_index(all items, vectorizer=index.vectorizer)`.
        """
        k = self._check_k(k)
        item = as_item(item)
        check_items([item])
        if item.id in self._positions:
            raise SynergiesError(f"Identifiant déjà présent dans l'index : « {item.id} ».")
        vectors = self._transform(item.text)
        with one_thread():
            scores = self._scores(vectors)[0]
        position = self._append(item, vectors)
        if len(self._pending) >= MAX_PENDING:
            self._consolidate()
        for (_, kind), top in self._cache.items():
            top.grow(self._size)
            mask = self._mask(kind)
            if mask is None or mask[position]:  # the new item may be someone's neighbour
                top.update(0, scores[:, None], position)
            own = np.append(scores, -np.inf)
            if mask is not None:
                own[~mask] = -np.inf
            top.update(position, own[None, :], 0)
        top = TopK(1, k)
        own = np.append(scores, -np.inf)
        top.update(0, own[None, :], 0)
        return self._neighbour_list(position, top.columns[0], top.scores[0])

    def explain(self, a, b, n: int = REASONS) -> tuple[str, ...]:
        """The informative shared words or phrases that weigh most in the score of a and b."""
        pa, pb = self.position(a), self.position(b)
        words = self._word_rows()
        silent = self._silent_terms(self.items[pa].kind, self.items[pb].kind)
        return reasons_shown(self._reasons(words[pa], words[pb], self.items[pa].text, n, silent))[0]

    def groups(
        self,
        threshold: float = 0.5,
        *,
        k: int = 10,
        max_size: int = 30,
        coherence: float = COHERENCE,
        exclude: Iterable[tuple] = (),
    ) -> list[Group]:
        """Groups of items that belong together (see `groups.py`), largest first.

        Items are tied by their neighbour lists (score ≥ ``threshold``), then each set of
        tied items is cut by complete linkage: every two members of a group are at least
        ``coherence`` similar, so that a chain (A like B like C, A unlike C) is never one group.
        A group has at most ``max_size`` members and at least `MIN_REASONS` informative words
        or phrases shared by most of its members; groups without them are left out.
        ``exclude``: pairs of ids that must never be in one group (pairs dismissed by people);
        unknown ids are ignored.
        """
        self.neighbours(k)
        top = self._cache[(k, None)]
        columns, scores = top.columns, top.scores
        cut = [
            (self._positions[a], self._positions[b])
            for a, b in exclude
            if a in self._positions and b in self._positions
        ]
        if cut:
            columns, scores = columns.copy(), scores.copy()
            for pa, pb in cut:
                for row, other in ((pa, pb), (pb, pa)):
                    hit = columns[row] == other
                    columns[row, hit] = -1
                    scores[row, hit] = -np.inf
        found = []
        words = self._word_rows()
        for tied, _ in find_groups(columns, scores, threshold, 4 * max_size):
            similarity = self._similarities(tied)
            where = {member: row for row, member in enumerate(tied)}
            for pa, pb in cut:  # a dismissed pair is never in one group
                if pa in where and pb in where:
                    similarity[where[pa], where[pb]] = similarity[where[pb], where[pa]] = -1.0
            for part, score in coherent_parts(similarity, coherence, max_size):
                members = sorted(tied[i] for i in part)
                reasons, informative = reasons_shown(self._group_reasons(words, members))
                if informative >= MIN_REASONS:
                    found.append((members, score, reasons))
        found.sort(key=lambda group: (-len(group[0]), group[0][0]))
        return [
            Group(tuple(self.items[m].id for m in members), score, reasons)
            for members, score, reasons in found
        ]

    def _similarities(self, members: list[int]) -> np.ndarray:
        """The scores of every two of these items (positions), as the search computes them."""
        rows = np.asarray(members)
        dense = self._dense[rows]
        sparse = self._sparse[rows]
        return (dense @ dense.T + (sparse @ sparse.T).toarray()).astype(np.float64)

    # --- internals --------------------------------------------------------------------

    def _check_k(self, k: int) -> int:
        if not isinstance(k, int | np.integer) or k < 1:
            raise SynergiesError(f"k doit être un entier positif (reçu : {k!r}).")
        return int(k)

    def _find_empty(self, vectors: Vectors) -> np.ndarray:
        has_words = np.diff(vectors.words.indptr) > 0
        has_dense = np.abs(vectors.dense).sum(axis=1) > 0
        blank = np.array([not item.text.strip() for item in self.items], dtype=bool)
        return ~(has_words | has_dense) | blank

    def _mask(self, kind: str | None) -> np.ndarray | None:
        alive = ~self._empty[: self._size]
        if kind is not None:
            alive &= np.array([item.kind == kind for item in self.items], dtype=bool)
        return None if alive.all() else alive

    def _transform(self, text: str) -> Vectors:
        if not isinstance(text, str):
            raise SynergiesError("Le texte doit être une chaîne de caractères.")
        with one_thread():
            return self.vectorizer.transform([text])

    def _scores(self, vectors: Vectors) -> np.ndarray:
        base = self._size - len(self._pending)
        scores = scores_against(
            self._dense[:base],
            self._sparse_t,
            vectors.dense,
            vectors.sparse,
        )
        if self._pending:
            recent = vectors.dense @ self._dense[base : self._size].T
            recent += (vectors.sparse @ sp.vstack(self._pending).T).toarray()
            scores = np.hstack([scores, recent])
        mask = self._mask(None)
        if mask is not None:
            scores[:, ~mask] = -np.inf
        return scores

    def _append(self, item: Item, vectors: Vectors) -> int:
        position = self._size
        if position == self._dense.shape[0]:  # amortised growth
            grown = np.zeros((max(16, 2 * position), self._dense.shape[1]), dtype=np.float32)
            grown[:position] = self._dense[:position]
            self._dense = grown
        self._dense[position] = vectors.dense[0]
        self._pending.append(vectors.sparse)
        self._pending_words.append(vectors.words)
        self.items.append(item)
        self._positions[item.id] = position
        empty = not (vectors.words.nnz or vectors.dense.any()) or not item.text.strip()
        self._empty = np.append(self._empty[: self._size], empty)
        self._size += 1
        return position

    def _consolidate(self) -> None:
        if self._pending:
            self._sparse = sp.vstack([self._sparse, *self._pending], format="csr")
            self._sparse_t = self._sparse.T.tocsr()
            self._words = sp.vstack([self._words, *self._pending_words], format="csr")
            self._pending, self._pending_words = [], []

    def _word_rows(self) -> sp.csr_matrix:
        self._consolidate()
        return self._words

    def _word_row(self, position: int) -> sp.csr_matrix:
        """One item's word weights, without consolidating the rows added since the build."""
        base = self._words.shape[0]
        if position < base:
            return self._words[position]
        return self._pending_words[position - base]

    def _neighbour_list(self, position, columns, scores, query=None) -> list[Neighbour]:
        if position is not None and self._empty[position]:
            return []
        if query is not None:
            text, vectors = query
            own = vectors.words[0]
        else:
            text, own = self.items[position].text, self._word_row(position)
        kind = None if query is not None else self.items[position].kind
        out = []
        for column, score in zip(columns, scores, strict=True):
            if column < 0:
                break
            silent = self._silent_terms(kind, self.items[column].kind)
            reasons = self._reasons(own, self._word_row(column), text, REASONS, silent)
            value = float(min(max(score, 0.0), 1.0))
            out.append(Neighbour(self.items[column].id, value, *reasons_shown(reasons)))
        return out

    def _silent_terms(self, *kinds) -> np.ndarray:
        """Terms that explain nothing for items of these kinds (a boolean per term): generic
        words (`text.GENERIC_STEMS`) and terms found in too many texts of the corpus or of
        the texts of one of these kinds (`reasons.COMMON_SHARE`). Computed once, on first use, on
        the texts of the build (items added later do not move the cut-off)."""
        if self._uninformative is None:
            words = self._words
            count = words.shape[0]
            terms = self.vectorizer.terms
            generic = np.array([is_generic(term) for term in terms], dtype=bool)
            silent = {None: generic | too_common(words, count)}
            by_kind: dict = {}
            for position, item in enumerate(self.items[:count]):
                by_kind.setdefault(item.kind, []).append(position)
            for kind, positions in by_kind.items():
                silent[kind] = silent[None] | too_common(words[positions], len(positions))
            self._uninformative = silent
        known = {kind for kind in kinds if kind is not None and kind in self._uninformative}
        key = tuple(sorted(known, key=str))
        if key not in self._uninformative:  # kept: every neighbour of a pair of kinds uses it
            out = self._uninformative[None]
            for kind in key:
                out = out | self._uninformative[kind]
            self._uninformative[key] = out
        return self._uninformative[key]

    def _reasons(
        self, a: sp.csr_matrix, b: sp.csr_matrix, text: str, n: int, silent: np.ndarray
    ) -> list[tuple[str, str]]:
        shared = a.multiply(b).tocsr()
        keep = ~silent[shared.indices]
        indices, weights = shared.indices[keep], shared.data[keep]
        if not len(indices):
            return []
        order = np.lexsort((indices, -weights))
        terms = [self.vectorizer.terms[indices[i]] for i in order]
        return readable_terms(terms, [text], n)

    def _group_reasons(self, words: sp.csr_matrix, members: Sequence[int]) -> list[tuple[str, str]]:
        """The informative terms most members share, heaviest first (only the members' own
        terms are counted: the cost follows their texts, not the vocabulary)."""
        rows = words[list(members)]
        ids, inverse, present = np.unique(rows.indices, return_inverse=True, return_counts=True)
        weight = np.bincount(inverse, weights=rows.data, minlength=len(ids))
        silent = self._silent_terms(*{self.items[m].kind for m in members})
        present = np.where(silent[ids], 0, present)
        needed = max(2, (len(members) + 1) // 2)
        candidates = np.flatnonzero(present >= needed)
        if len(candidates) < MIN_REASONS:
            candidates = np.flatnonzero(present >= 2)
        order = ids[candidates[np.lexsort((ids[candidates], -weight[candidates]))]]
        terms = [self.vectorizer.terms[i] for i in order]
        texts = [self.items[m].text for m in members]
        return readable_terms(terms, texts, REASONS)


def build_index(
    items: Iterable[Item | tuple],
    *,
    settings: Settings | None = None,
    vectorizer: Vectorizer | None = None,
) -> SimilarityIndex:
    """Fit the vectors on the items' texts and return the index.

    With ``vectorizer`` (the one of an earlier index), nothing is refitted: the items are
    placed with the earlier vocabulary and weights, exactly as `SimilarityIndex.add` would.
    """
    items = [as_item(item) for item in items]
    check_items(items)
    texts = [item.text for item in items]
    with one_thread():
        if vectorizer is None:
            vectorizer = Vectorizer(settings or Settings())
            vectors = vectorizer.fit_transform(texts)
        else:
            vectors = vectorizer.transform(texts)
    return SimilarityIndex(items, vectorizer, vectors)
