"""« Déjà vu ailleurs »: what the synergy engine finds close to a problem.

The engine (`fabrique.synergies`) offers `similar_to_text` for an unsaved text and
`similar_to` for an indexed item; problems are its kind "probleme".
"""

from dataclasses import dataclass, field

from fabrique.synergies import selectors as synergy_selectors
from fabrique.synergies.access import similar_kinds
from fabrique.synergies.items import Item
from fabrique.synergies.sources import MAX_TEXT, Entry
from fabrique.synergies.vocabulary import kind_label

from .. import access
from ..models import Problem, ProblemCollectivite
from ..vocabulary import ProblemStatus

PROBLEM_KIND = "probleme"
SHOWN_KINDS = ("probleme", "projet", "solution")


@dataclass(frozen=True)
class Seen:
    label: str
    url: str
    kind: str
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


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


def similar_for_text(text: str, *, user, limit: int = 5) -> list[Seen]:
    """Closest problems, projects and solutions to a text being submitted."""
    if not text.strip():
        return []
    matches = synergy_selectors.similar_to_text(text, kinds=_kinds(user), limit=limit * 4)
    matches = _readable(user, matches, key=lambda m: m.key.split(":", 1))[:limit]
    return [Seen(m.label, m.url, m.kind, m.score, list(m.reasons)) for m in matches]


def similar_for_problem(problem, *, user) -> list[Seen]:
    """Neighbours of a saved problem (after the engine's recompute), solutions first, with
    the words in common: the caller has loaded the problem through its access check, so the
    viewer may read it (an agent sees the reasons on their own collectivité's problem)."""
    try:
        found = synergy_selectors.similar_to(
            PROBLEM_KIND, problem.pk, kinds=_kinds(user), source_readable=True
        )
    except (KeyError, ValueError):
        return []
    seen = []
    links = _readable(
        user,
        [*found.solutions, *found.elsewhere],
        key=lambda link: (link.target_kind, link.target_id),
    )
    for link in links:
        seen.append(
            Seen(
                link.target_label, link.target_url, link.target_kind, link.score, list(link.reasons)
            )
        )
    return seen


def problem_entries():
    """Problems as items of the synergy index (kind "probleme", text not public)."""
    links = {}
    for link in ProblemCollectivite.objects.select_related(
        "commune__departement", "departement", "region"
    ).order_by("problem_id", "pk"):
        links.setdefault(link.problem_id, link)
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
        text = "\n".join(
            part
            for part in (problem.title, problem.statement, problem.sufferers, problem.tried)
            if part
        )[:MAX_TEXT]
        yield Entry(
            item=Item(key, PROBLEM_KIND, text, departement.code if departement else ""),
            label=problem.title,
            url=problem.get_absolute_url(),
            place=str(link.territory) if link else "",
            owner=f"collectivite:{link.territory.pk}" if link else key,
            departement_id=departement.pk if departement else None,
            region_id=region_id,
        )
