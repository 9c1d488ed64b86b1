"""Groups of items that belong together, from the neighbour lists.

Two items are tied when one is among the other's k nearest with a score of at least the
threshold; `find_groups` gives the connected sets of tied items. Chains can make a connected
set very large (A like B like C… like Z): a set larger than ``max_size`` is split again with a
higher threshold (by steps of 0.05) until its parts are small enough.

A connected set is not yet a group: A like B and B like C does not make A like C (friches
tied to gymnasiums through « rénovation du gymnase de l'ancienne friche »). `coherent_parts`
cuts each set by complete linkage: in a group, every two members are at least ``coherence``
similar, so every member is close to the group's centre; as complete linkage merges greedily
(the first pair formed may keep an item away from the group it is closest to), each item then
moves to the group whose members it is closest to on average, if it is coherent with each of
them. Groups of one item are not groups.
"""

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

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


def coherent_parts(
    similarity: np.ndarray, coherence: float, max_size: int
) -> list[tuple[list[int], float]]:
    """(rows, mean similarity of every two of them) of each part of a set of items whose
    every two members are at least ``coherence`` similar (complete linkage on the square,
    symmetric ``similarity`` matrix); a part larger than ``max_size`` is cut again with a
    coherence higher by `STEP`. Parts of one item are left out. Same input, same output."""
    size = len(similarity)
    if size < 2:
        return []
    distance = 1.0 - np.clip((similarity + similarity.T) / 2, -1.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="complete")
    labels = _closer(similarity, fcluster(tree, t=1.0 - coherence + 1e-9, criterion="distance"),
                     coherence)  # fmt: skip
    out = []
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        if len(rows) < 2:
            continue
        if len(rows) > max_size and coherence + STEP < 1.0:
            inner = coherent_parts(similarity[np.ix_(rows, rows)], coherence + STEP, max_size)
            out.extend(([int(rows[i]) for i in part], score) for part, score in inner)
            continue
        block = similarity[np.ix_(rows, rows)]
        mean = (block.sum() - np.trace(block)) / (len(rows) * (len(rows) - 1))
        out.append(([int(row) for row in rows], float(min(max(mean, 0.0), 1.0))))
    return out


def _closer(similarity: np.ndarray, labels: np.ndarray, coherence: float) -> np.ndarray:
    """Move each item, in order, to the part it is closest to on average among the parts whose
    every member is at least ``coherence`` similar to it; a few passes, until nothing moves."""
    labels = labels.copy()
    for _ in range(5):
        moved = False
        for row in range(len(labels)):
            others = np.arange(len(labels)) != row
            best, best_mean = labels[row], -np.inf
            for label in np.unique(labels):
                members = np.flatnonzero((labels == label) & others)
                if not len(members):
                    continue
                values = similarity[row, members]
                if values.min() >= coherence and values.mean() > best_mean + 1e-9:
                    best, best_mean = label, values.mean()
            if best != labels[row]:
                labels[row], moved = best, True
        if not moved:
            break
    return labels
