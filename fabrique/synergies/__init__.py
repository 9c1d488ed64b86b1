"""Synergies: which projects, aids or services look alike, and why.

A similarity engine in pure Python (NumPy, SciPy, scikit-learn), without database and without
Django: ``from fabrique.synergies import build_index, Item``. See `engine.py` for the API,
`features.py` for the vectors, `search.py` for the exact top-k by blocks, `groups.py` for
groups and `evaluate.py` for the evaluation command.

The package is also the Django app `synergies` (`models`, `sources`, `services`, `tasks`,
`selectors`, `views`): those modules use Django, the engine modules above never do.
"""

from .engine import (
    Group,
    Item,
    Neighbour,
    Neighbours,
    SimilarityIndex,
    SynergiesError,
    build_index,
)
from .features import Settings

__all__ = [
    "Group",
    "Item",
    "Neighbour",
    "Neighbours",
    "Settings",
    "SimilarityIndex",
    "SynergiesError",
    "build_index",
]
