"""Reads of « Similaires ailleurs » on an item's page (the links of the last computation) and of
« Déjà vu ailleurs » for a text being written (the index kept per process)."""

import threading
from dataclasses import dataclass

from fabrique.catalogue.models import Solution

from ..models import RecomputeState, SimilarityLink
from ..vocabulary import ItemKind, LinkList, item_key
from . import sources
from .decisions import dismissed_pairs_query

SIMILAR_MIN_SCORE = 0.2  # below, « Similaires ailleurs » would show noise
SIMILAR_SHOWN = 6
SOLUTION_MIN_SCORE = 0.15
SOLUTIONS_SHOWN = 3


@dataclass
class Similar:
    source: str  # the key of the item whose page shows them (`projet:12`)
    elsewhere: list[SimilarityLink]
    solutions: list[SimilarityLink]


def similar_to(
    kind: str, object_id: int, *, kinds=frozenset(ItemKind.values), source_readable: bool = False
) -> Similar:
    """« Similaires ailleurs » of an item: its neighbours (no catalogue solution, no pair
    dismissed since the last computation) and the catalogue solutions that match it; two
    queries whatever the number of links.

    ``kinds``: the kinds the viewer may see (`access.similar_kinds`); other targets are left
    out. The reasons of a link are words found in both texts: they are emptied when the source
    itself is not of these kinds, so that no word of a text the viewer may not read shows —
    unless the caller has checked that the viewer may read this very source
    (``source_readable``: an agent on their own collectivité's problem).
    """
    source = item_key(kind, object_id)
    links = list(
        SimilarityLink.objects.filter(
            source_kind=kind, source_id=object_id, target_kind__in=sorted(kinds)
        ).order_by("relation", "rank")
    )
    dismissed = set(
        dismissed_pairs_query()
        .filter(pair_key__in=[link.pair_key for link in links])
        .values_list("pair_key", flat=True)
    )
    links = [link for link in links if link.pair_key not in dismissed]
    if kind not in kinds and not source_readable:
        for link in links:
            link.reasons = []
    elsewhere = [
        link
        for link in links
        if link.relation == LinkList.NEIGHBOURS
        and link.target_kind != ItemKind.SOLUTION
        and link.score >= SIMILAR_MIN_SCORE
    ]
    solutions = [
        link
        for link in links
        if link.relation == LinkList.SOLUTIONS and link.score >= SOLUTION_MIN_SCORE
    ]
    solutions = solutions[:SOLUTIONS_SHOWN]
    if solutions:  # a project whose own catalogue entry is shown is not shown a second time
        twins = set(
            Solution.objects.filter(
                pk__in=[link.target_id for link in solutions], project__isnull=False
            ).values_list("project_id", flat=True)
        )
        elsewhere = [
            link
            for link in elsewhere
            if not (link.target_kind == ItemKind.PROJET and link.target_id in twins)
        ]
    return Similar(source, elsewhere[:SIMILAR_SHOWN], solutions)


# --- « Déjà vu ailleurs » for a text not saved yet --------------------------------------------


@dataclass(frozen=True)
class Match:
    key: str
    kind: str
    label: str
    url: str
    score: float
    reasons: list[str]
    place: str = ""  # where the item lives (« Aboën (42) »): two needs of the same title differ


class _TextIndex:
    """The index of every item, kept per process and rebuilt after each recomputation (the
    `RecomputeState` row says when): a query then costs one lookup, not a full build. It is a
    cache of data the database holds, so several processes each keep their own."""

    def __init__(self):
        self.lock = threading.Lock()
        self.stamp = object()
        self.index = None
        self.entries = {}

    def get(self):
        stamp = RecomputeState.objects.filter(pk=1).values_list("finished_at", flat=True).first()
        with self.lock:
            if self.index is None or stamp != self.stamp:
                from .. import build_index  # the engine (SciPy) loads with the first query

                entries = sources.collect()
                self.index = build_index([entry.item for entry in entries]) if entries else None
                self.entries = {entry.key: entry for entry in entries}
                self.stamp = stamp
            return self.index, self.entries


_TEXT_INDEX = _TextIndex()


def forget_text_index() -> None:
    """Drop this process's index: the next query rebuilds it (tests, whose data are rolled back
    between them while the `RecomputeState` stamp stays the same)."""
    with _TEXT_INDEX.lock:
        _TEXT_INDEX.index, _TEXT_INDEX.entries, _TEXT_INDEX.stamp = None, {}, object()


def similar_to_text(text: str, *, kinds, limit: int = 5, exclude: str = "") -> list[Match]:
    """The items closest to a text being written (a problem, a need), of the given kinds, with
    the words they share; nothing is saved, no recomputation is started. An item is shown only
    when the two texts share an informative word or phrase at least (the engine's explanation,
    `Neighbour.reasons`: no stop word, no generic or too common word), as a duplicate of the
    same collectivité is (`investigations.rules.merge_suggested`): a meaningless or very short
    text (« azerty qsdf », « test ») finds nothing rather than letters in common. A text being
    written is short, so one such word is enough here, where two items already saved need
    two (`Neighbour.explained`)."""
    index, entries = _TEXT_INDEX.get()
    if index is None or not text.strip():
        return []
    wanted = set(kinds)
    matches = []
    services_seen = set()  # a project and its own catalogue entry: one service, shown once
    for neighbour in index.query(text[:20_000], k=max(limit * 4, 20)):
        entry = entries.get(neighbour.id)
        if entry is None or entry.kind not in wanted or entry.key == exclude:
            continue
        if neighbour.score < SIMILAR_MIN_SCORE:
            break
        if not neighbour.reasons:  # no informative word in common: a likeness of letters only
            continue
        if entry.kind in (ItemKind.PROJET, ItemKind.SOLUTION):
            if entry.owner in services_seen:
                continue
            services_seen.add(entry.owner)
        matches.append(
            Match(entry.key, entry.kind, entry.label, entry.url, round(neighbour.score, 3),
                  list(neighbour.reasons), entry.place)
        )  # fmt: skip
        if len(matches) == limit:
            break
    return matches
