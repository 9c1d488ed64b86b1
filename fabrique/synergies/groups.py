"""Groups of items that belong together, from the neighbour lists.

Two items are tied when one is among the other's k nearest with a score of at least the
threshold; a group is a connected set of tied items. Chains can make a connected set very
large (A like B like C… like Z): a set larger than ``max_size`` is split again with a higher
threshold (by steps of 0.05) until its parts are small enough, so that a group stays a set of
items that really look alike. Groups of one item are not groups.
"""

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

STEP = 0.05


def _labels(rows: np.ndarray, cols: np.ndarray, n: int) -> np.ndarray:
    graph = sp.coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=True, connection="weak")[1]


def find_groups(
    columns: np.ndarray, scores: np.ndarray, threshold: float, max_size: int = 30
) -> list[tuple[list[int], float]]:
    """(member positions, mean score of the ties) of each group, largest groups first."""
    n, k = columns.shape
    rows = np.repeat(np.arange(n), k)
    cols, values = columns.ravel(), scores.ravel().astype(np.float64)
    kept = (cols >= 0) & (values >= threshold)
    rows, cols, values = rows[kept], cols[kept], values[kept]
    found = []
    level = threshold
    while len(rows):
        labels = _labels(rows, cols, n)
        sizes = np.bincount(labels, minlength=n)
        edge_label = labels[rows]  # both ends of a tie share a label
        totals = np.bincount(edge_label, weights=values, minlength=n)
        counts = np.bincount(edge_label, minlength=n)
        too_big = sizes > max_size
        if level + STEP > 1.0 + 1e-9:
            too_big[:] = False
        order = np.argsort(labels, kind="stable")
        bounds = np.flatnonzero(np.diff(labels[order])) + 1
        for part in np.split(order, bounds):
            label = labels[part[0]]
            if len(part) > 1 and not too_big[label]:
                found.append((part.tolist(), float(totals[label] / counts[label])))
        # Ties inside the large sets are kept for the next, higher, level.
        level += STEP
        keep = too_big[edge_label] & (values >= level)
        rows, cols, values = rows[keep], cols[keep], values[keep]
    found.sort(key=lambda group: (-len(group[0]), group[0][0]))
    return found
