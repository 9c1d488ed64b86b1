"""Writes of the synergies module: the recomputation of the index and the team's decisions.

`recompute()` reads every source, builds the index with the engine, and replaces the stored
neighbours and groups in one transaction. Pairs dismissed by the team are left out of the
neighbour lists and cut from the groups. `enqueue_recompute()` asks for a recomputation in
the background once the current transaction commits, at most once per transaction.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from fabrique.core.transactions import on_commit_once

from . import selectors
from .models import (
    RecomputeState,
    SimilarityLink,
    SynergyDecision,
    SynergyGroup,
    SynergyMember,
    SynergyPair,
)
from .selectors import sources
from .vocabulary import DecisionStatus, ItemKind, LinkList, pair_key, parse_key

logger = logging.getLogger(__name__)

K = 10  # neighbours kept for each item
SOLUTIONS_K = 3  # catalogue solutions kept for each project or initiative
GROUP_THRESHOLD = 0.5  # two items are tied in a group from this score on
PAIR_THRESHOLD = 0.4  # pairs of a group shown from this score on (`engine.COHERENCE`)
MIN_LINK_SCORE = 0.1  # weaker neighbours are not worth storing


# --- Recomputation ------------------------------------------------------------------------


def _state() -> RecomputeState:
    state, _ = RecomputeState.objects.get_or_create(pk=1)
    return state


def _enqueue_now() -> None:
    requested_at = timezone.now()
    RecomputeState.objects.update_or_create(pk=1, defaults={"requested_at": requested_at})
    recompute_index.enqueue(requested_at=requested_at.isoformat())


_paused = ContextVar("synergies_recompute_paused", default=False)


@contextmanager
def recompute_paused():
    """Skip the automatic recomputations while a bulk load runs; recompute once afterwards."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def enqueue_recompute() -> None:
    """Recompute the index after the current transaction commits.

    Several calls in one transaction ask once (`core.transactions.on_commit_once`); a run
    skips itself when a newer one has been asked for meanwhile (see `recompute`). With the
    immediate backend (development, tests) the recomputation runs right then; with
    `django_tasks_db.DatabaseBackend`, `manage.py db_worker` runs it.
    """
    if _paused.get():
        return
    on_commit_once(_enqueue_now)


def recompute(*, requested_at: datetime | None = None) -> dict:
    """Rebuild the index from every source and store neighbours and groups, all or nothing.

    ``requested_at``: when the run was asked for; a run older than the latest request skips
    itself (the newer one will do the work). Returns counts, for logs and commands.
    """
    state = _state()
    if requested_at and state.requested_at and state.requested_at > requested_at:
        return {"skipped": True}
    started = timezone.now()
    entries = sources.collect()
    by_key = {entry.key: entry for entry in entries}
    dismissed = selectors.dismissed_pair_keys()
    links: list[SimilarityLink] = []
    groups: list[tuple[SynergyGroup, list, list]] = []
    if entries:
        from .rules.engine import build_index  # NumPy, SciPy, scikit-learn: only where they work

        index = build_index([entry.item for entry in entries])
        computed = index.neighbours(K)  # reasons are computed on access: read each list once
        neighbours = {entry.key: computed[entry.key] for entry in entries}
        links = _links(neighbours, entries, by_key, dismissed, LinkList.NEIGHBOURS)
        if any(entry.kind == ItemKind.SOLUTION for entry in entries):
            links += _links(
                index.neighbours(SOLUTIONS_K, kind=ItemKind.SOLUTION),
                [entry for entry in entries if entry.kind != ItemKind.SOLUTION],
                by_key,
                dismissed,
                LinkList.SOLUTIONS,
            )
        exclude = [tuple(key.split("|")) for key in dismissed]
        found = index.groups(GROUP_THRESHOLD, k=K, exclude=exclude)
        for position, group in enumerate(found, start=1):
            members = [by_key[item_id] for item_id in group.ids]
            pairs = _group_pairs(group.ids, neighbours, by_key, dismissed)
            row = SynergyGroup(
                position=position,
                score=round(group.score, 4),
                reasons=list(group.reasons),
                size=len(members),
                span=len({entry.owner for entry in members}),
                computed_at=started,
            )
            groups.append((row, members, pairs))
    with transaction.atomic():
        SimilarityLink.objects.all().delete()
        SynergyGroup.objects.all().delete()  # members and pairs follow (CASCADE)
        SimilarityLink.objects.bulk_create(links, batch_size=1000)
        SynergyGroup.objects.bulk_create([row for row, _, _ in groups], batch_size=1000)
        SynergyMember.objects.bulk_create(
            [
                SynergyMember(
                    group=row,
                    kind=entry.kind,
                    object_id=parse_key(entry.key)[1],
                    label=entry.label[:500],
                    url=entry.url,
                    place=entry.place[:300],
                    owner=entry.owner[:100],
                    departement_id=entry.departement_id,
                    region_id=entry.region_id,
                )
                for row, members, _ in groups
                for entry in members
            ],
            batch_size=1000,
        )
        pairs = []
        for row, _, group_pairs in groups:
            for pair in group_pairs:
                pair.group = row
                pairs.append(pair)
        SynergyPair.objects.bulk_create(pairs, batch_size=1000)
        RecomputeState.objects.filter(pk=1).update(
            started_at=started,
            finished_at=timezone.now(),
            items=len(entries),
            links=len(links),
            groups=len(groups),
            message="",
        )
    return {"skipped": False, "items": len(entries), "links": len(links), "groups": len(groups)}


@task()
def recompute_index(requested_at: str | None = None) -> dict:
    """The background task (`tasks`): `recompute`, asked for at `requested_at` (ISO 8601).

    Declared here, beside the work it runs, so that `enqueue_recompute` reaches it without
    an import of `tasks` hidden in a function (`tasks` imports this module)."""
    return recompute(requested_at=parse_datetime(requested_at) if requested_at else None)


def _links(neighbours, entries, by_key, dismissed, relation) -> list[SimilarityLink]:
    out = []
    for entry in entries:
        source_kind, source_id = parse_key(entry.key)
        rank = 0
        for neighbour in neighbours[entry.key]:
            if neighbour.score < MIN_LINK_SCORE or pair_key(entry.key, neighbour.id) in dismissed:
                continue
            if not neighbour.explained:  # fewer than two informative words: not shown
                continue
            target = by_key[neighbour.id]
            if target.owner == entry.owner:  # a project and its own catalogue entry
                continue
            rank += 1
            target_kind, target_id = parse_key(target.key)
            out.append(
                SimilarityLink(
                    source_kind=source_kind,
                    source_id=source_id,
                    target_kind=target_kind,
                    target_id=target_id,
                    relation=relation,
                    score=round(neighbour.score, 4),
                    rank=rank,
                    reasons=list(neighbour.reasons),
                    target_label=target.label[:500],
                    target_url=target.url,
                    target_place=target.place[:300],
                )
            )
    return out


def _group_pairs(ids, neighbours, by_key, dismissed) -> list[SynergyPair]:
    members = set(ids)
    best: dict[str, SynergyPair] = {}
    for item_id in ids:
        for neighbour in neighbours[item_id]:
            if neighbour.id not in members or neighbour.score < PAIR_THRESHOLD:
                continue
            if not neighbour.explained or by_key[item_id].owner == by_key[neighbour.id].owner:
                continue
            key = pair_key(item_id, neighbour.id)
            if key in dismissed or (key in best and best[key].score >= neighbour.score):
                continue
            a, b = sorted((item_id, neighbour.id))
            best[key] = SynergyPair(
                pair_key=key,
                a_key=a,
                b_key=b,
                a_label=by_key[a].label[:500],
                b_label=by_key[b].label[:500],
                score=round(neighbour.score, 4),
                reasons=list(neighbour.reasons),
            )
    return sorted(best.values(), key=lambda pair: (-pair.score, pair.pair_key))


# --- Decisions ----------------------------------------------------------------------------


def decide(*, a: str, b: str, status: str, by, note: str = "") -> SynergyDecision:
    """Record the team's decision on a suggested pair (confirmed, dismissed, put in touch),
    with the labels of both items as the index shows them today."""
    if status not in DecisionStatus.values or status == DecisionStatus.RESTORED:
        raise ValidationError({"status": "Décision inconnue."})
    if parse_key(a) is None or parse_key(b) is None or a == b:
        raise ValidationError({"pair": "Paire d'éléments invalide."})
    key = pair_key(a, b)
    (ka, ia), (kb, ib) = parse_key(a), parse_key(b)
    labels: dict[str, str] = {}
    pair = SynergyPair.objects.filter(pair_key=key).first()
    if pair is not None:
        labels = {pair.a_key: pair.a_label, pair.b_key: pair.b_label}
    for link in SimilarityLink.objects.filter(
        Q(source_kind=ka, source_id=ia, target_kind=kb, target_id=ib)
        | Q(source_kind=kb, source_id=ib, target_kind=ka, target_id=ia)
    ):
        labels.setdefault(link.target_key, link.target_label)
    if pair is None and not labels:
        raise ValidationError({"pair": "Cette paire n'est pas (ou plus) une synergie suggérée."})
    first, second = sorted((a, b))
    decision = SynergyDecision.objects.create(
        pair_key=key,
        a_key=first,
        b_key=second,
        a_label=labels.get(first, "")[:500],
        b_label=labels.get(second, "")[:500],
        status=status,
        note=note.strip()[:5000],
        decided_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if status == DecisionStatus.DISMISSED:
        enqueue_recompute()  # the groups that this pair held together may split
    return decision


@transaction.atomic
def restore(*, decision: SynergyDecision, by) -> SynergyDecision:
    """Undo a dismissal: log a « rétablie » decision on its pair (the dismissal stays in the
    log, which is the history) and recompute, so that the pair is proposed again if the items
    still look alike."""
    if decision.pair_key not in selectors.dismissed_pair_keys_among([decision.pair_key]):
        raise ValidationError({"pair": "Cette paire n'est plus écartée : rien à rétablir."})
    restored = SynergyDecision.objects.create(
        pair_key=decision.pair_key,
        a_key=decision.a_key,
        b_key=decision.b_key,
        a_label=decision.a_label,
        b_label=decision.b_label,
        status=DecisionStatus.RESTORED,
        decided_by=by if getattr(by, "is_authenticated", False) else None,
    )
    enqueue_recompute()
    return restored


def on_records_changed(sender, kind: str = "", pks=(), **kwargs) -> None:
    """`core.signals.records_changed` (connected in SynergiesConfig.ready): projects, catalogue
    solutions and the kinds other apps index change the index; recompute it after commit."""
    enqueue_recompute()
