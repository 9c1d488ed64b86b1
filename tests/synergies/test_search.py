import numpy as np
import pytest
import scipy.sparse as sp

from fabrique.synergies.rules.search import all_top_k


def brute_force(dense, sparse, k, mask=None):
    scores = dense @ dense.T + (sparse @ sparse.T).toarray()
    scores = np.round(scores.astype(np.float64), 6)
    np.fill_diagonal(scores, -np.inf)
    if mask is not None:
        scores[:, ~mask] = -np.inf
    out = []
    for row in scores:
        order = np.lexsort((np.arange(len(row)), -row))
        out.append([int(c) for c in order[:k] if row[c] > 0])
    return out


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("block_size", [7, 64])
def test_blocks_give_the_exact_top_k(workers, block_size):
    """Same neighbours as a full score matrix, whatever the blocks and threads."""
    rng = np.random.default_rng(0)
    dense = np.abs(rng.standard_normal((50, 6))).astype(np.float32)
    dense[10] = dense[11] = dense[12]  # ties, broken by position
    sparse = sp.random(50, 30, density=0.1, random_state=1, dtype=np.float32, format="csr")
    norms = np.sqrt((dense**2).sum(axis=1) + np.asarray(sparse.power(2).sum(axis=1)).ravel())
    dense, sparse = dense / norms[:, None], sp.diags(1 / norms) @ sparse  # cosines, as used
    top = all_top_k(dense, sparse, 5, block_size=block_size, workers=workers)
    expected = brute_force(dense, sparse, 5)
    for row, columns in enumerate(top.columns):
        assert [int(c) for c in columns if c >= 0] == expected[row]
    assert (np.diff(top.scores, axis=1) <= 0).all()


def test_column_mask_and_zero_rows():
    rng = np.random.default_rng(2)
    dense = np.abs(rng.standard_normal((30, 4))).astype(np.float32)
    dense /= np.linalg.norm(dense, axis=1)[:, None]
    dense[3] = 0  # an empty item: no neighbour, no one's neighbour
    mask = np.arange(30) % 2 == 0
    top = all_top_k(dense, sp.csr_matrix((30, 5), dtype=np.float32), 3, 8, mask, workers=2)
    assert (top.columns[3] == -1).all()
    kept = top.columns[top.columns >= 0]
    assert (kept % 2 == 0).all() and 3 not in kept
    assert top.columns[2].tolist() == brute_force(dense, sp.csr_matrix((30, 5)), 3, mask)[2]


def test_sparse_into_adds_the_product_whichever_path_scipy_allows():
    """Issue 11: no private SciPy module; `_sparse_into` relies on the public `toarray(out=)`
    when it accumulates, and falls back to fancy indexing otherwise: same result either way."""
    import numpy as np
    import scipy.sparse as sp

    from fabrique.synergies.rules import search

    rng = np.random.default_rng(3)
    block = rng.random((6, 5), dtype=np.float32)
    product = sp.random(6, 5, density=0.4, format="csr", dtype=np.float32, random_state=4)
    expected = block + product.toarray()
    search._sparse_into(block, product)
    assert np.allclose(block, expected)
    other = rng.random((6, 5), dtype=np.float32)
    want = other + product.toarray()
    saved = search._ACCUMULATES
    search._ACCUMULATES = False
    try:
        search._sparse_into(other, product)
    finally:
        search._ACCUMULATES = saved
    assert np.allclose(other, want)
