"""Reads of the decisions taken on pairs (« écartée », « rétablie », mise en relation): the
pairs dismissed now, the decisions of a pair, whether the items of a pair still exist."""

from django.db.models import Exists, OuterRef, QuerySet

from ..models import SynergyDecision
from ..vocabulary import DecisionStatus, item_key, kind_label, parse_key
from .sources import item_model


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


def dismissed_pairs_query():
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
