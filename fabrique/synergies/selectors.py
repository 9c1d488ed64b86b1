"""Reads of the synergies module, each in a constant number of queries."""

import threading
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from fabrique.catalogue.models import Solution
from fabrique.core.sorting import french
from fabrique.territories.models import Departement, Region

from . import sources
from .models import (
    RecomputeState,
    SimilarityLink,
    SynergyDecision,
    SynergyGroup,
    SynergyMember,
    SynergyPair,
)
from .sources import item_model
from .vocabulary import (
    EXTRA_KINDS,
    DecisionStatus,
    ItemKind,
    LinkList,
    item_key,
    kind_label,
    known_kinds,
    parse_key,
)

SIMILAR_MIN_SCORE = 0.2  # below, « Similaires ailleurs » would show noise
SIMILAR_SHOWN = 6
SOLUTION_MIN_SCORE = 0.15
SOLUTIONS_SHOWN = 3
# On the Synergies page, each group shows its best pairs and first members only; the group's
# own page (`synergy_group`) lists them all, its pairs by pages.
PAIRS_SHOWN = 3
MEMBERS_SHOWN = 8


def _dismissals() -> QuerySet[SynergyDecision]:
    """The « écartée » decisions still in force: no « rétablie » decision on the same pair
    came after them (the log is append-only, so a later row has a greater primary key)."""
    restored_later = SynergyDecision.objects.filter(
        pair_key=OuterRef("pair_key"), status=DecisionStatus.RESTORED, pk__gt=OuterRef("pk")
    )
    return SynergyDecision.objects.filter(status=DecisionStatus.DISMISSED).exclude(
        Exists(restored_later)
    )


def dismissed_pair_keys() -> set[str]:
    return set(_dismissals().values_list("pair_key", flat=True))


def dismissed_pair_keys_among(keys) -> set[str]:
    """Those of these pairs that are dismissed now."""
    return set(_dismissals().filter(pair_key__in=list(keys)).values_list("pair_key", flat=True))


def _dismissed():
    return _dismissals().values("pair_key")


def dismissed_decisions() -> list[SynergyDecision]:
    """The pairs dismissed and not restored, most recent first, one row per pair (its latest
    dismissal), with `a_exists` / `b_exists` (False when the item was deleted since) and
    `a_kind` / `b_kind` (the kinds in French)."""
    rows, seen = [], set()
    for decision in _dismissals().select_related("decided_by").order_by("-decided_at", "-pk"):
        if decision.pair_key not in seen:
            seen.add(decision.pair_key)
            rows.append(decision)
    keys = {key for row in rows for key in (row.a_key, row.b_key)}
    existing = existing_keys(keys)
    for row in rows:
        row.a_exists, row.b_exists = row.a_key in existing, row.b_key in existing
        row.a_kind = kind_label(row.a_key.partition(":")[0])
        row.b_kind = kind_label(row.b_key.partition(":")[0])
    return rows


def existing_keys(keys) -> set[str]:
    """The item keys among `keys` whose record still exists (one query per kind). A kind
    registered without its model is taken as existing."""
    by_kind: dict[str, set[int]] = {}
    out = set()
    for key in keys:
        parsed = parse_key(key)
        if parsed is None:  # a kind no longer registered: its items are gone from the index
            continue
        by_kind.setdefault(parsed[0], set()).add(parsed[1])
    for kind, ids in by_kind.items():
        model = item_model(kind)
        found = (
            ids
            if model is None
            else set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        )
        out |= {item_key(kind, pk) for pk in found}
    return out


def _visible_pairs() -> QuerySet[SynergyPair]:
    return SynergyPair.objects.exclude(pair_key__in=_dismissed())


def _count(queryset: QuerySet, expression) -> Coalesce:
    """A per-group count subquery of `queryset` (already filtered on the group: OuterRef)."""
    counted = queryset.order_by().values("group").annotate(total=expression).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _visible_groups(readable=None, *, listed: bool = True) -> QuerySet[SynergyGroup]:
    """Groups that span at least two collectivités or projects and still hold a pair that was
    not dismissed, and that the viewer may read (`readable`: the kinds of `access.similar_kinds`,
    None: every kind). Each with what the viewer sees of it: ``visible_pairs`` (the pairs shown),
    ``shown_size`` (its members), ``shown_span`` (the collectivités or projects they come from),
    so that a count never includes a problem or a need the viewer may not read. `listed`: only
    the groups holding a pair the viewer may read (the Synergies page)."""
    pairs = _readable_pairs(readable).filter(group=OuterRef("pk"))
    groups = SynergyGroup.objects.filter(span__gte=2).filter(
        Exists(pairs if listed else _visible_pairs().filter(group=OuterRef("pk")))
    )
    groups = groups.annotate(visible_pairs=_count(pairs, Count("pk")))
    if readable is None:
        return groups.annotate(shown_size=F("size"), shown_span=F("span"))
    members = _readable_members(readable).filter(group=OuterRef("pk"))
    return groups.annotate(
        shown_size=_count(members, Count("pk")),
        shown_span=_count(members, Count("owner", distinct=True)),
    )


def kind_choices(readable=None) -> list[tuple[str, str]]:
    """Every kind of item of the index (built-in and registered), for the filters; those the
    viewer may read when `readable` is given (`access.similar_kinds`)."""
    choices = [*ItemKind.choices, *sorted(EXTRA_KINDS.items())]
    return choices if readable is None else [c for c in choices if c[0] in readable]


def default_kinds(readable=None) -> list[str]:
    """The kinds the Synergies page shows unless asked otherwise: the incubator's own items
    (projects, catalogue solutions, diagnostics needs, investigation problems…), not the
    local initiatives of public data (Fonds vert works), which are one filter away."""
    return [kind for kind, _ in kind_choices(readable) if kind != ItemKind.INITIATIVE]


def _readable_members(readable) -> QuerySet[SynergyMember]:
    members = SynergyMember.objects.select_related("departement").order_by("pk")
    return members if readable is None else members.filter(kind__in=sorted(readable))


def _readable_pairs(readable) -> QuerySet[SynergyPair]:
    """Pairs whose two items the viewer may read (`access.similar_kinds`): a problem or a need
    seen by the team only is neither named nor linked, nor are the words it shares."""
    pairs = _visible_pairs()
    for kind in sorted(known_kinds() - set(readable)) if readable is not None else ():
        pairs = pairs.exclude(a_key__startswith=f"{kind}:").exclude(b_key__startswith=f"{kind}:")
    return pairs


def synergy_groups(
    *,
    kinds=(),
    departement: str = "",
    region: str = "",
    projects: set[int] | None = None,
    readable: frozenset[str] | None = None,
) -> QuerySet[SynergyGroup]:
    """The groups of the Synergies page, with their first members (``shown_members``) and
    best visible pairs (``shown_pairs``) prefetched: `MEMBERS_SHOWN` and `PAIRS_SHOWN` at most,
    so that a page stays small whatever the size of its groups. Filters: ``kinds``, a group
    matches when at least two of its members are of these kinds (`default_kinds` when empty);
    a département (code), a région (code): when one of its members is there."""
    groups = _visible_groups(readable)
    kinds = [k for k in kinds or default_kinds(readable) if readable is None or k in readable]
    of_kinds = SynergyMember.objects.filter(group=OuterRef("pk"), kind__in=kinds)
    groups = groups.annotate(of_kinds=_count(of_kinds, Count("pk"))).filter(of_kinds__gte=2)
    member_filter = Q()
    if departement:
        member_filter &= Q(departement__code=departement)
    if region:
        member_filter &= Q(region__code=region)
    if member_filter:
        groups = groups.filter(
            Exists(_readable_members(readable).filter(member_filter, group=OuterRef("pk")))
        )
    if projects is not None:  # a project team: the groups of its projects only
        groups = groups.filter(
            Exists(
                SynergyMember.objects.filter(
                    group=OuterRef("pk"), kind=ItemKind.PROJET, object_id__in=projects
                )
            )
        )
    return groups.order_by("position").prefetch_related(
        Prefetch(
            "members", queryset=_readable_members(readable)[:MEMBERS_SHOWN], to_attr="shown_members"
        ),
        Prefetch(
            "pairs",
            queryset=_readable_pairs(readable).order_by("-score", "pair_key")[:PAIRS_SHOWN],
            to_attr="shown_pairs",
        ),
    )


def synergy_group(
    pk: int, *, projects: set[int] | None = None, readable: frozenset[str] | None = None
) -> SynergyGroup | None:
    """One visible group with all its members (its pairs: `group_pairs`), or None; with
    `projects`, only if one of them is a member."""
    # Reached by its link, a group stays open even when none of its pairs is readable to the
    # viewer (their project beside needs reserved to the team): its counts then say so.
    groups = _visible_groups(readable, listed=False).filter(pk=pk)
    if projects is not None:
        groups = groups.filter(members__kind=ItemKind.PROJET, members__object_id__in=projects)
    return (
        groups.distinct().prefetch_related(Prefetch("members", _readable_members(readable))).first()
    )


def group_pairs(group: SynergyGroup, *, readable=None) -> QuerySet[SynergyPair]:
    """The pairs of a group that were not dismissed, best first (those the viewer may read)."""
    return _readable_pairs(readable).filter(group=group).order_by("-score", "pair_key")


def pair_statuses(pair_keys) -> dict[str, list[str]]:
    """The decisions already recorded on these pairs (labels, most recent first)."""
    out: dict[str, list[str]] = {}
    for key, status in SynergyDecision.objects.filter(pair_key__in=list(pair_keys)).values_list(
        "pair_key", "status"
    ):
        label = DecisionStatus(status).label
        if label not in out.setdefault(key, []):
            out[key].append(label)
    return out


def filter_choices(readable=None) -> dict:
    """Départements and régions where some group has a member the viewer may read, for the
    filters, and the kinds they may read."""
    used = _readable_members(readable).filter(group__span__gte=2)
    return {
        "kinds": kind_choices(readable),
        "departements": Departement.objects.filter(pk__in=used.values("departement")).order_by(
            "code"
        ),
        "regions": Region.objects.filter(pk__in=used.values("region")).order_by(french("name")),
    }


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
        _dismissed()
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
                from . import build_index  # the engine (SciPy) loads with the first query

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
