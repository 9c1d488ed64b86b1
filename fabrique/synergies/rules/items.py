"""What the engine compares: an item is an id, a kind, a text and a territory.

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
