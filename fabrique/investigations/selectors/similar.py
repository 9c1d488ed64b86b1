"""« Déjà vu ailleurs »: what the synergy engine finds close to a problem.

The engine (`fabrique.synergies`) offers `similar_to_text` for an unsaved text and
`similar_to` for an indexed item; problems are its kind "probleme".
"""

from dataclasses import dataclass, field, replace

from django.db.models import Q

from fabrique.synergies import selectors as synergy_selectors
from fabrique.synergies.access import similar_kinds
from fabrique.synergies.rules.items import Item
from fabrique.synergies.selectors.sources import MAX_TEXT, Entry
from fabrique.synergies.vocabulary import item_key, kind_label
from fabrique.territories.models import TerritoryLink

from .. import access
from ..models import Investigation, Problem, ProblemCollectivite
from ..rules import merge_suggested, same_collectivite_label
from ..vocabulary import ProblemStatus

PROBLEM_KIND = "probleme"
SHOWN_KINDS = ("probleme", "projet", "solution")


@dataclass(frozen=True)
class Seen:
    label: str
    url: str
    kind: str
    score: float
    pk: int | None = None
    reasons: list[str] = field(default_factory=list)
    # A problem of one of the same collectivités: a possible duplicate, not a synergy
    # elsewhere; `same_label` says so (« à fusionner ? » for those who can merge).
    same_label: str = ""

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def same_collectivite(self) -> bool:
        return bool(self.same_label)


SAME_SHOWN = 5


def _territory_keys(territories) -> set[tuple[str, int]]:
    """(link field, id) of territories (communes, EPCI, départements, régions)."""
    return {(TerritoryLink.field_for(t), t.pk) for t in territories}


def _sharing(problem_ids, territories) -> set[int]:
    """Those of `problem_ids` attached to one of `territories`: one query."""
    keys = _territory_keys(territories)
    if not keys or not problem_ids:
        return set()
    condition = Q(pk__in=[])
    for name in TerritoryLink.TERRITORY_FIELDS:
        ids = [pk for kind, pk in keys if kind == name]
        if ids:
            condition |= Q(**{f"{name}_id__in": ids})
    return set(
        ProblemCollectivite.objects.filter(condition, problem_id__in=problem_ids).values_list(
            "problem_id", flat=True
        )
    )


def flag_same_collectivite(seen: list["Seen"], territories, user) -> list["Seen"]:
    """`seen` with the problems of the same collectivités first, all labelled « Même
    collectivité », the possible duplicates (« à fusionner ? ») leading: the one selector that
    says it, at submission and on the page (`rules.same_collectivite_label`)."""
    ids = [item.pk for item in seen if item.kind == PROBLEM_KIND and item.pk is not None]
    same = _sharing(ids, territories)
    if not same:
        return seen
    can_merge = access.can_select(user)
    close, flagged, others = [], [], []
    for item in seen:
        if item.kind == PROBLEM_KIND and item.pk in same:
            near = merge_suggested(item.score, item.reasons)
            label = same_collectivite_label(close=near, can_merge=can_merge)
            (close if near else flagged).append(replace(item, same_label=label))
        else:
            others.append(item)
    return [*close, *flagged, *others]


def _kinds(user) -> list[str]:
    """Kinds asked of the engine: those the user may read, and problems for anyone who may see
    some (`_readable` then keeps only theirs)."""
    allowed = set(similar_kinds(user))
    if access.visible_problems(user).exists():
        allowed.add(PROBLEM_KIND)
    return [kind for kind in SHOWN_KINDS if kind in allowed]


def _readable(user, found: list, key) -> list:
    """`found` without the problems the user may not see (the team sees them all; an agent,
    those of their collectivités and their own submissions: « déjà vu » in their own
    collectivité is worth knowing too). `key(item)` gives (kind, id)."""
    if PROBLEM_KIND in similar_kinds(user):
        return found
    ids = [int(pk) for kind, pk in map(key, found) if kind == PROBLEM_KIND]
    visible = set(access.visible_problems(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [item for item in found if key(item)[0] != PROBLEM_KIND or int(key(item)[1]) in visible]


def _seen_of(match) -> Seen:
    return Seen(
        match.label, match.url, match.kind, match.score, int(match.key.split(":", 1)[1]),
        list(match.reasons),
    )  # fmt: skip


def similar_for_text(
    text: str, *, user, limit: int = 5, territories=(), exclude: str = ""
) -> list[Seen]:
    """Closest problems, projects and solutions to a text being submitted; the problems of
    the same collectivités (`territories`, those being ticked) first, labelled."""
    if not text.strip():
        return []
    matches = synergy_selectors.similar_to_text(
        text, kinds=_kinds(user), limit=limit * 4, exclude=exclude
    )
    matches = _readable(user, matches, key=lambda m: m.key.split(":", 1))[:limit]
    return flag_same_collectivite([_seen_of(m) for m in matches], territories, user)


def _problem_text(problem) -> str:
    """The text a problem is indexed under (`problem_entries`)."""
    parts = (problem.title, problem.statement, problem.sufferers, problem.tried)
    return "\n".join(part for part in parts if part)[:MAX_TEXT]


def _same_collectivite_problems(problem, *, user, territories) -> list[Seen]:
    """The problems of the same collectivités closest to a saved problem. The engine links
    only items of different owners (synergies elsewhere), so a duplicate filed by the same
    collectivité is found the way the submission preview finds it: by its text."""
    if PROBLEM_KIND not in _kinds(user):
        return []
    matches = synergy_selectors.similar_to_text(
        _problem_text(problem),
        kinds=[PROBLEM_KIND],
        limit=SAME_SHOWN * 4,
        exclude=f"{PROBLEM_KIND}:{problem.pk}",
    )
    matches = _readable(user, matches, key=lambda m: m.key.split(":", 1))
    seen = [_seen_of(m) for m in matches]
    same = _sharing([item.pk for item in seen], territories)
    close = [item for item in seen if merge_suggested(item.score, item.reasons)]
    return [item for item in close if item.pk in same][:SAME_SHOWN]


def similar_for_problem(problem, *, user) -> list[Seen]:
    """Neighbours of a saved problem (after the engine's recompute), the problems of its own
    collectivités first (a possible duplicate, labelled as at submission), then solutions,
    with the words in common: the caller has loaded the problem through its access check, so
    the viewer may read it (an agent sees the reasons on their own collectivité's problem)."""
    territories = [link.territory for link in problem.collectivites.select_related(
        "commune", "epci", "departement", "region"
    )]  # fmt: skip
    same = _same_collectivite_problems(problem, user=user, territories=territories)
    try:
        found = synergy_selectors.similar_to(
            PROBLEM_KIND, problem.pk, kinds=_kinds(user), source_readable=True
        )
    except (KeyError, ValueError):
        return flag_same_collectivite(same, territories, user)
    seen = list(same)
    shown = {item.url for item in same}
    links = _readable(
        user,
        [*found.solutions, *found.elsewhere],
        key=lambda link: (link.target_kind, link.target_id),
    )
    for link in links:
        if link.target_url in shown:
            continue
        seen.append(
            Seen(
                link.target_label, link.target_url, link.target_kind, link.score,
                link.target_id, list(link.reasons),
            )
        )  # fmt: skip
    return flag_same_collectivite(seen, territories, user)


def problem_entries():
    """Problems as items of the synergy index (kind "probleme", text not public)."""
    links = {}
    for link in ProblemCollectivite.objects.select_related(
        "commune__departement", "departement", "region"
    ).order_by("problem_id", "pk"):
        links.setdefault(link.problem_id, link)
    # A problem whose go opened a project is that project's origin, not a synergy of it: they
    # share an owner, which the engine never pairs (nor shows as « similaires ailleurs »).
    projects = dict(
        Investigation.objects.filter(project__isnull=False).values_list("problem_id", "project_id")
    )
    for problem in (
        Problem.objects.exclude(status=ProblemStatus.MERGED)
        .order_by("pk")
        .only("pk", "title", "statement", "sufferers", "tried")
    ):
        link = links.get(problem.pk)
        departement = None
        region_id = None
        if link is not None:
            departement = link.commune.departement if link.commune_id else link.departement
            region_id = departement.region_id if departement else link.region_id
        key = f"{PROBLEM_KIND}:{problem.pk}"
        text = _problem_text(problem)
        yield Entry(
            item=Item(key, PROBLEM_KIND, text, departement.code if departement else ""),
            label=problem.title,
            url=problem.get_absolute_url(),
            place=str(link.territory) if link else "",
            owner=item_key("projet", projects[problem.pk])
            if problem.pk in projects
            else f"collectivite:{link.territory.pk}"
            if link
            else key,
            departement_id=departement.pk if departement else None,
            region_id=region_id,
        )
