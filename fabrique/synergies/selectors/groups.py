"""Reads of the Synergies page: the groups, their members and pairs the viewer may read, the
filters, each in a constant number of queries."""

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

from fabrique.core.sorting import french
from fabrique.territories.models import Departement, Region

from ..models import SynergyGroup, SynergyMember, SynergyPair
from ..vocabulary import EXTRA_KINDS, ItemKind, known_kinds
from .decisions import dismissed_pairs_query

# On the Synergies page, each group shows its best pairs and first members only; the group's
# own page (`synergy_group`) lists them all, its pairs by pages.
PAIRS_SHOWN = 3
MEMBERS_SHOWN = 8


def _visible_pairs() -> QuerySet[SynergyPair]:
    return SynergyPair.objects.exclude(pair_key__in=dismissed_pairs_query())


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
