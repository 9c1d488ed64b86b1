"""What the engine compares and answers: an item is an id, a kind, a text and a territory; a
neighbour and a group carry their score and reasons; bad input raises `SynergiesError`.

Kept apart from `engine.py` so that the Django side (sources, services) can build items
without loading NumPy, SciPy and scikit-learn into every web process.
"""

from collections.abc import Hashable
from dataclasses import dataclass

# An explanation shows at least this many informative words or phrases; a pair that cannot be
# explained so is not shown as a synergy (the Django side filters on it, the engine does not).
MIN_REASONS = 2


@dataclass(frozen=True, slots=True)
class Item:
    id: Hashable
    kind: str
    text: str
    territory: str = ""


class SynergiesError(ValueError):
    """Bad input for the engine; the message is in French, for people."""


@dataclass(frozen=True, slots=True)
class Neighbour:
    id: Hashable
    score: float
    # The shared words or phrases weighing most in the score, heaviest first; never a stop
    # word, a generic word (`text.GENERIC_WORDS`) or a term too common in the corpus, and a
    # word is not repeated by a phrase that contains it. Fewer than `MIN_REASONS` informative
    # words in all: the pair is not explained well enough to be shown (`explained`).
    reasons: tuple[str, ...]
    informative: int = 0  # informative words in the reasons (a phrase of two counts two)

    @property
    def explained(self) -> bool:
        return self.informative >= MIN_REASONS


@dataclass(frozen=True, slots=True)
class Group:
    ids: tuple[Hashable, ...]
    score: float  # mean similarity of every two members
    reasons: tuple[str, ...]  # the informative words or phrases most of the group shares


def as_item(value) -> Item:
    if isinstance(value, Item):
        return value
    if isinstance(value, tuple | list) and len(value) in (3, 4):
        return Item(*value)
    raise SynergiesError(
        f"Élément illisible : {value!r} (attendu : Item(id, kind, text, territory) "
        "ou un tuple (id, kind, text[, territory]))."
    )


def check_items(items: list[Item]) -> dict[Hashable, int]:
    positions: dict[Hashable, int] = {}
    for position, item in enumerate(items):
        if not isinstance(item.text, str):
            raise SynergiesError(
                f"Le texte de l'élément « {item.id} » n'est pas une chaîne de caractères."
            )
        if item.id in positions:
            raise SynergiesError(
                f"Identifiant en double : « {item.id} » (éléments n° {positions[item.id] + 1} "
                f"et {position + 1}). Chaque élément doit avoir un identifiant unique."
            )
        positions[item.id] = position
    return positions
