"""Exact top-k search over the vectors of `features.py`, by blocks, in bounded memory.

The score of rows i and j is ``dense[i] · dense[j] + sparse[i] · sparse[j]``. All pairs are
scored block against block (one BLAS product and one sparse product per pair of blocks), and
only the upper triangle of blocks is computed: a block's scores serve its rows and, transposed,
its columns. Memory stays at a few blocks of ``block × block`` floats plus ``n × k`` results,
whatever ``n``.

Each row keeps its k best columns. Instead of sorting each block row (n² work), a row's
threshold is the k-th best score seen so far (or, for a row seen for the first time, the k-th
best of a strided sample of the block, a lower bound of the true one): only the few scores
above it are merged. Ties are broken by column index and scores are rounded to 6 decimals, so
that the result does not depend on the block size or on the order of the additions.
"""

import numpy as np
import scipy.sparse as sp

DECIMALS = 6
_EPSILON = 10.0**-DECIMALS


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
        b, m = block.shape
        k = self.k
        rows = slice(first_row, first_row + b)
        threshold = self.scores[rows, k - 1].copy()
        step = m // (64 * k)
        if step >= 2 and np.isneginf(threshold).any():
            sample = block[:, ::step]
            threshold = np.maximum(threshold, np.partition(sample, -k, axis=1)[:, -k])
        threshold = np.maximum(threshold - _EPSILON, _EPSILON)
        r, c = np.nonzero(block >= threshold[:, None])
        if not len(r):
            return
        values = np.round(block[r, c], DECIMALS).astype(np.float32)
        old_scores = self.scores[rows].ravel()
        old_columns = self.columns[rows].ravel()
        old_rows = np.repeat(np.arange(b), k)
        present = old_columns >= 0
        all_rows = np.concatenate([old_rows[present], r])
        all_scores = np.concatenate([old_scores[present], values])
        all_columns = np.concatenate([old_columns[present], c.astype(np.int64) + first_column])
        # A column already kept for a row (when rows are updated twice) must not come twice.
        order = np.lexsort((all_columns, -all_scores, all_rows))
        all_rows, all_scores, all_columns = all_rows[order], all_scores[order], all_columns[order]
        pair = all_rows * (np.int64(1) << 32) + all_columns
        _, first = np.unique(pair, return_index=True)
        unique = np.zeros(len(pair), dtype=bool)
        unique[first] = True
        all_rows, all_scores, all_columns = all_rows[unique], all_scores[unique], all_columns[unique]
        starts = np.searchsorted(all_rows, np.arange(b))
        rank = np.arange(len(all_rows)) - starts[all_rows]
        kept = rank < k
        self.scores[rows] = -np.inf
        self.columns[rows] = -1
        target = all_rows[kept] + first_row
        self.scores[target, rank[kept]] = all_scores[kept]
        self.columns[target, rank[kept]] = all_columns[kept]


def _sparse_into(block: np.ndarray, product: sp.csr_matrix) -> None:
    if product.nnz:
        rows = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr))
        block[rows, product.indices] += product.data


def all_top_k(
    dense: np.ndarray,
    sparse: sp.csr_matrix,
    k: int,
    block_size: int = 2048,
    column_mask: np.ndarray | None = None,
) -> TopK:
    """The k best other rows of every row (never itself), scores > 0 only.

    ``column_mask`` (bool, n) lists the rows that may be returned as neighbours.
    """
    n = dense.shape[0]
    result = TopK(n, k)
    if n < 2 or k < 1:
        return result
    starts = list(range(0, n, block_size))
    sparse_t = [sparse[s : s + block_size].T.tocsr() for s in starts]
    buffer = np.empty((min(block_size, n), min(block_size, n)), dtype=np.float32)
    for a, start_a in enumerate(starts):
        dense_a = dense[start_a : start_a + block_size]
        sparse_a = sparse[start_a : start_a + block_size]
        for start_b, sparse_tb in zip(starts[a:], sparse_t[a:], strict=True):
            dense_b = dense[start_b : start_b + block_size]
            if dense_a.shape[0] == buffer.shape[0] and dense_b.shape[0] == buffer.shape[1]:
                block = np.matmul(dense_a, dense_b.T, out=buffer)
            else:
                block = dense_a @ dense_b.T
            _sparse_into(block, sparse_a @ sparse_tb)
            if start_a == start_b:
                np.fill_diagonal(block, -np.inf)
            _masked(result, start_a, block, start_b, column_mask)
            if start_a != start_b:
                _masked(result, start_b, block.T, start_a, column_mask)
    return result


def _masked(result: TopK, first_row: int, block: np.ndarray, first_column: int, mask) -> None:
    if mask is not None:
        allowed = mask[first_column : first_column + block.shape[1]]
        if not allowed.all():
            block[:, ~allowed] = -np.inf
    result.update(first_row, block, first_column)


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
