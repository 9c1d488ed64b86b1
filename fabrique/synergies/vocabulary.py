"""Words of the synergies module (no Django model here, only choices)."""

from django.db import models


class ItemKind(models.TextChoices):
    PROJET = "projet", "Projet de l'incubateur"
    INITIATIVE = "initiative", "Initiative locale"
    SOLUTION = "solution", "Solution du catalogue"


# Kinds whose whole indexed text (`sources`) is public: a project's name, mission and description
# are all on its public page, an initiative's title comes from open data (Fonds vert), a
# solution's name, summary, description and categories are in the public catalogue. Only these
# are shown to the public in « Similaires ailleurs », with the words they share. A later kind
# whose text is partly private (a problem raised by a collectivité, a need found in a
# diagnostic) must stay out of this set: the public would see neither its items nor, since
# reasons are words of both texts, the reasons of any pair it belongs to.
PUBLIC_KINDS = frozenset({ItemKind.PROJET, ItemKind.INITIATIVE, ItemKind.SOLUTION})


class LinkList(models.TextChoices):
    NEIGHBOURS = "voisins", "Éléments similaires"
    SOLUTIONS = "solutions", "Solutions du catalogue"


class DecisionStatus(models.TextChoices):
    CONFIRMED = "confirmee", "Synergie confirmée"
    DISMISSED = "ecartee", "Synergie écartée"
    PUT_IN_TOUCH = "mise-en-relation", "Mis en relation"
    RESTORED = "retablie", "Synergie rétablie"  # undoes the « écartée » decisions before it


# Kinds other apps add to the index (`sources.register_source`): kind -> French label. Their
# text is not public: only the team sees them and the words they share.
EXTRA_KINDS: dict[str, str] = {}


def kind_label(kind: str) -> str:
    """A kind in French, built-in or registered by another app (« Problème »)."""
    return EXTRA_KINDS.get(kind) or dict(ItemKind.choices).get(kind, kind)


def known_kinds() -> frozenset[str]:
    return frozenset(ItemKind.values) | frozenset(EXTRA_KINDS)


def item_key(kind: str, object_id: int) -> str:
    """`projet:12`: the identifier of an item in the index and in decisions."""
    return f"{kind}:{object_id}"


def parse_key(key: str) -> tuple[str, int] | None:
    """(kind, id) of a well-formed key of a known kind, otherwise None."""
    kind, _, raw = str(key).partition(":")
    if kind not in known_kinds() or not raw.isdigit() or len(raw) > 18:
        return None
    return kind, int(raw)


def pair_key(a: str, b: str) -> str:
    """The same key for (a, b) and (b, a)."""
    first, second = sorted((a, b))
    return f"{first}|{second}"
