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
        # Still too large with the highest coherence: near-identical texts, cut in order.
        for start in range(0, len(rows), max_size):
            chunk = rows[start : start + max_size]
            if len(chunk) > 1:
                out.append(([int(row) for row in chunk], _mean(similarity, chunk)))
    return out


def _mean(similarity: np.ndarray, rows: np.ndarray) -> float:
    """Mean similarity of every two of these rows, in [0, 1]."""
    block = similarity[np.ix_(rows, rows)]
    mean = (block.sum() - np.trace(block)) / (len(rows) * (len(rows) - 1))
    return float(min(max(mean, 0.0), 1.0))


def _closer(similarity: np.ndarray, labels: np.ndarray, coherence: float) -> np.ndarray:
    """Move items to the part they are closest to on average, among the parts whose every
    member is at least ``coherence`` similar to them; a few passes, until nothing moves. Each
    pass finds the candidates at once, then moves them one by one, checking each move against
    the parts as they are then (two moves never make a part incoherent)."""
    labels = labels.copy()
    size = len(labels)
    apart = similarity.copy()
    np.fill_diagonal(apart, np.inf)  # an item is not its own neighbour in a part
    for _ in range(5):
        names = np.unique(labels)
        member = labels[:, None] == names[None, :]  # item × part
        counts = member.sum(axis=0)[None, :] - member  # the part's members other than the item
        sums = similarity @ member - np.where(member, np.diag(similarity)[:, None], 0.0)
        means = np.where(counts > 0, sums / np.maximum(counts, 1), -np.inf)
        lowest = np.stack([apart[:, member[:, j]].min(axis=1) for j in range(len(names))], 1)
        means[(lowest < coherence) | (counts == 0)] = -np.inf
        own = means[np.arange(size), np.searchsorted(names, labels)]
        best = means.argmax(axis=1)
        moved = False
        for row in np.flatnonzero(means.max(axis=1) > np.maximum(own, -1.0) + 1e-9):
            target = names[best[row]]
            others = np.flatnonzero((labels == target) & (np.arange(size) != row))
            current = np.flatnonzero((labels == labels[row]) & (np.arange(size) != row))
            if not len(others) or similarity[row, others].min() < coherence:
                continue
            stay = similarity[row, current].mean() if len(current) else -np.inf
            if similarity[row, others].mean() > stay + 1e-9:
                labels[row], moved = target, True
        if not moved:
            break
    return labels
