"""Exact top-k search over the vectors of `features.py`, by blocks, in bounded memory.

The score of rows i and j is ``dense[i] · dense[j] + sparse[i] · sparse[j]``. All pairs are
scored block against block (one BLAS product and one sparse product per pair of blocks), and
only the upper triangle of blocks is computed: a block's scores serve its rows and, transposed,
its columns. Memory stays at a few blocks of ``block × block`` floats plus ``n × k`` results,
whatever ``n``.

Each row keeps its k best columns. Instead of sorting each block row (n² work), a row's
threshold is the k-th best score seen so far (or, for a row seen for the first time, the k-th
best of a strided sample of the block, a lower bound of the true one): only the few scores
above it are merged. Blocks of columns are merged in increasing order, so a score equal to a
full row's k-th best can be skipped: the later column loses the tie.

Scores are rounded to 6 decimals and ties go to the smaller index: the same input gives the
same output, bit for bit, whatever the number of threads. Another block size (or a single row
scored by `scores_against`) sums in another order: it can only swap two neighbours whose
scores differ by about 10⁻⁷.
"""

import os
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp
from threadpoolctl import ThreadpoolController

# Found once: `threadpool_limits()` looks the native libraries up again at every call (about
# 7 ms, more than a whole query of « déjà vu ailleurs »).
_THREADPOOLS = ThreadpoolController()


def one_thread():
    """The BLAS pools limited to one thread (the web processes share the cores)."""
    return _THREADPOOLS.limit(limits=1)


DECIMALS = 6
_EPSILON = 10.0**-DECIMALS
_SCALE = 10**DECIMALS
# Packed merge keys: row (20 bits) | 10⁶ - score (20 bits) | column (23 bits).
_COLUMN_BITS = 23
_ROW_SHIFT = 43
_MAX_ROWS = 1 << 20
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1
_SCORE_MASK = (1 << 20) - 1


class TopK:
    """The k best (score, column) of each of n rows; empty slots have column -1."""

    def __init__(self, n: int, k: int):
        self.k = k
        self.scores = np.full((n, k), -np.inf, dtype=np.float32)
        self.columns = np.full((n, k), -1, dtype=np.int64)

    def grow(self, n: int) -> None:
        extra = n - self.scores.shape[0]
        if extra > 0:
            self.scores = np.vstack([self.scores, np.full((extra, self.k), -np.inf, np.float32)])
            self.columns = np.vstack([self.columns, np.full((extra, self.k), -1, np.int64)])

    def update(self, first_row: int, block: np.ndarray, first_column: int) -> None:
        """Merge the scores of rows first_row… (block rows) against columns first_column…."""
        self.merge(*self.candidates(first_row, block, first_column))

    def thresholds(self, first_row: int, block: np.ndarray, transposed=False) -> np.ndarray:
        """The score a value of the block must beat to enter each row's k best.

        With ``transposed``, the block's columns are the rows. Reads the current k-th bests
        without changing anything: a threshold read before another thread raised it only lets
        more candidates through.
        """
        axis = 0 if transposed else 1
        b, m = (block.shape[1], block.shape[0]) if transposed else block.shape
        k = self.k
        kth = self.scores[first_row : first_row + b, k - 1]
        # A full row only takes strictly better scores: a column arriving later has a larger
        # index (blocks are merged in column order), so it loses a tie.
        threshold = kth + _EPSILON * 0.4
        fresh = np.flatnonzero(np.isneginf(kth))  # rows with fewer than k entries so far
        if len(fresh) and m > 4 * k:
            # The k-th best of a strided sample bounds the row's k-th best from below (less a
            # rounding step, so that a tie with it still gets through).
            step = max(1, m // (64 * k))
            sample = block[::step, fresh] if transposed else block[fresh, ::step]
            threshold[fresh] = np.partition(sample, -k, axis=axis).take(-k, axis) - _EPSILON
        return np.maximum(threshold, _EPSILON * 0.5)

    def candidates(self, first_row: int, block: np.ndarray, first_column: int, transposed=False):
        """(rows, columns, scores) of a block that may enter the rows' k best.

        With ``transposed``, the block's columns are the rows (the lower triangle, read
        without copying the block).
        """
        threshold = self.thresholds(first_row, block, transposed)
        mask = _buffer("mask", block.shape, np.bool_)
        if transposed:
            c, r = _nonzero(np.greater(block, threshold[None, :], out=mask))
        else:
            r, c = _nonzero(np.greater(block, threshold[:, None], out=mask))
        values = block[c, r] if transposed else block[r, c]
        return r + first_row, c + first_column, values

    def merge(self, rows: np.ndarray, columns: np.ndarray, values: np.ndarray) -> None:
        """Keep, for each row, the k best of its current entries and of the candidates.

        Order: higher score (rounded to 6 decimals) first, then smaller column. Each entry is
        packed in one int64 key (row, 10⁶ - score, column) so that one sort does it all.
        """
        if not len(rows):
            return
        k = self.k
        touched = np.flatnonzero(np.bincount(rows))  # the rows met, sorted
        old_columns = self.columns[touched]
        present = old_columns >= 0
        all_rows = np.concatenate([np.repeat(touched, k)[present.ravel()], rows])
        all_columns = np.concatenate([old_columns[present], columns])
        quantised = np.rint(
            np.clip(np.concatenate([self.scores[touched][present], values]), 0, 1) * _SCALE
        ).astype(np.int64)
        if self.scores.shape[0] < _MAX_ROWS:
            key = (all_rows << _ROW_SHIFT) | ((_SCALE - quantised) << _COLUMN_BITS) | all_columns
            key.sort()
            if len(key) > 1:  # an entry met twice (a row updated twice) is kept once
                key = key[np.concatenate([[True], key[1:] != key[:-1]])]
            all_rows = key >> _ROW_SHIFT
            quantised = _SCALE - ((key >> _COLUMN_BITS) & _SCORE_MASK)
            all_columns = key & _COLUMN_MASK
        else:  # more rows than the key can hold: the same, more slowly
            order = np.lexsort((all_columns, -quantised, all_rows))
            all_rows, quantised, all_columns = all_rows[order], quantised[order], all_columns[order]
            fresh = np.ones(len(order), dtype=bool)
            fresh[1:] = (all_rows[1:] != all_rows[:-1]) | (all_columns[1:] != all_columns[:-1])
            all_rows, quantised, all_columns = all_rows[fresh], quantised[fresh], all_columns[fresh]
        starts = np.searchsorted(all_rows, touched)
        rank = np.arange(len(all_rows)) - starts[np.searchsorted(touched, all_rows)]
        kept = rank < k
        self.scores[touched] = -np.inf
        self.columns[touched] = -1
        target = all_rows[kept]
        self.scores[target, rank[kept]] = (quantised[kept] / _SCALE).astype(np.float32)
        self.columns[target, rank[kept]] = all_columns[kept]


_BUFFERS = threading.local()


def _buffer(name: str, shape: tuple[int, int], dtype) -> np.ndarray:
    """A C-contiguous array of this shape, reused by the calling thread (its content is left
    over from the last use): blocks of millions of values are not allocated, zeroed by the
    system and freed again for every pair of blocks."""
    size = shape[0] * shape[1]
    key = (name, np.dtype(dtype).str)
    buffer = getattr(_BUFFERS, "arrays", {}).get(key)
    if buffer is None or buffer.size < size:
        buffer = np.empty(size, dtype=dtype)
        _BUFFERS.arrays = {**getattr(_BUFFERS, "arrays", {}), key: buffer}
    return buffer[:size].reshape(shape)


def _nonzero(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.nonzero` of a 2-D mask, faster when it is sparse: 8 booleans are read at a time."""
    flat = mask.reshape(-1)
    if flat.size % 8 or not flat.flags.c_contiguous:
        r, c = np.nonzero(mask)
        return r.astype(np.int64), c.astype(np.int64)
    hot = np.flatnonzero(flat.view(np.uint64))
    word, offset = np.nonzero(flat.reshape(-1, 8)[hot])
    position = hot[word] * 8 + offset
    return position // mask.shape[1], position % mask.shape[1]


def _sparse_into(block: np.ndarray, product: sp.csr_matrix) -> None:
    """block += product (a CSR matrix of the same shape), without a dense copy of it."""
    if not product.nnz:
        return
    if _ACCUMULATES and product.dtype == block.dtype and block.flags.c_contiguous:
        product.toarray(out=block)
    elif product.dtype == block.dtype:
        # The public `toarray` writes into a reused buffer, then one vectorised add: as fast
        # as SciPy's internal accumulation (measured), at the cost of one block of memory.
        scratch = _buffer("sparse_scratch", block.shape, block.dtype)
        product.toarray(out=scratch)
        np.add(block, scratch, out=block)
    else:
        rows = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr))
        block[rows, product.indices] += product.data


def _todense_accumulates() -> bool:
    """Whether the public `csr_matrix.toarray(out=...)` adds into the buffer it is given (it
    does in SciPy 1.x; tests/synergies pin the result of `_sparse_into` either way)."""
    try:
        probe = np.ones((2, 2), dtype=np.float32)
        matrix = sp.csr_matrix(np.array([[2, 0], [0, 3]], dtype=np.float32))
        matrix.toarray(out=probe)
    except (AttributeError, TypeError, ValueError):
        return False
    return bool(np.array_equal(probe, [[3, 1], [1, 4]]))


_ACCUMULATES = _todense_accumulates()


def all_top_k(
    dense: np.ndarray,
    sparse: sp.csr_matrix,
    k: int,
    block_size: int = 2048,
    column_mask: np.ndarray | None = None,
    workers: int | None = None,
) -> TopK:
    """The k best other rows of every row (never itself), scores > 0 only.

    ``column_mask`` (bool, n) lists the rows that may be returned as neighbours. Pairs of
    blocks are scored by ``workers`` threads (default: 2 at most, the products release the
    GIL); the merge into the result is serial, so the result does not depend on them.
    """
    n = dense.shape[0]
    result = TopK(n, k)
    if n < 2 or k < 1:
        return result
    starts = list(range(0, n, block_size))
    sparse_t = [sparse[s : s + block_size].T.tocsr() for s in starts]
    pairs = [(a, b) for a in range(len(starts)) for b in range(a, len(starts))]
    excluded = None if column_mask is None or column_mask.all() else ~column_mask

    def score_pair(pair: tuple[int, int]) -> list[tuple]:
        a, b = pair
        start_a, start_b = starts[a], starts[b]
        rows, columns = dense[start_a : start_a + block_size], dense[start_b : start_b + block_size]
        block = np.matmul(
            rows, columns.T, out=_buffer("block", (len(rows), len(columns)), np.float32)
        )
        _sparse_into(block, sparse[start_a : start_a + block_size] @ sparse_t[b])
        if a == b:
            np.fill_diagonal(block, -np.inf)
        lower = block
        if excluded is not None:
            if a != b:
                lower = block.copy()
                lower[excluded[start_a : start_a + block_size], :] = -np.inf
            block[:, excluded[start_b : start_b + block_size]] = -np.inf
        found = [result.candidates(start_a, block, start_b)]
        if a != b:
            found.append(result.candidates(start_b, lower, start_a, transposed=True))
        return found

    workers = workers or min(2, os.cpu_count() or 1)
    if workers == 1 or len(pairs) == 1:
        for pair in pairs:
            for found in score_pair(pair):
                result.merge(*found)
        _BUFFERS.__dict__.pop("arrays", None)  # the pool's threads take theirs with them
        return result
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = deque()
        for pair in pairs:
            pending.append(pool.submit(score_pair, pair))
            if len(pending) > 2 * workers:  # bounded memory: a few blocks in flight
                for found in pending.popleft().result():
                    result.merge(*found)
        while pending:
            for found in pending.popleft().result():
                result.merge(*found)
    return result


def scores_against(
    dense: np.ndarray, sparse_t: sp.csr_matrix, query_dense: np.ndarray, query_sparse
) -> np.ndarray:
    """Scores of a few query rows against all n rows, shape (q, n).

    ``sparse_t`` is the transposed sparse matrix (features × rows): a query touches only the
    rows of its own features.
    """
    block = query_dense @ dense.T
    _sparse_into(block, (query_sparse @ sparse_t).tocsr())
    return block
