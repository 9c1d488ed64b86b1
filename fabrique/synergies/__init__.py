"""Synergies: which projects, aids or services look alike, and why.

A similarity engine in pure Python (NumPy, SciPy, scikit-learn), without database and without
Django: ``from fabrique.synergies import build_index, Item``. The engine is the `rules` package:
see `rules/engine.py` for the API, `rules/features.py` for the vectors, `rules/search.py` for
the exact top-k by blocks, `rules/groups.py` for groups; `bench/evaluate_synergies.py` measures
it on a labelled CSV.

The package is also the Django app `synergies` (`models`, `sources`, `services`, `tasks`,
`selectors`, `views`): those modules use Django, the engine modules above never do.
"""

# The engine's names are loaded on first use (PEP 562): importing the Django app (its models,
# at every start-up) must not load NumPy, SciPy and scikit-learn into every web process.
_ENGINE_NAMES = {
    "Group": "items",
    "Item": "items",
    "Neighbour": "items",
    "Neighbours": "engine",
    "SimilarityIndex": "engine",
    "SynergiesError": "items",
    "build_index": "engine",
    "Settings": "features",
}
__all__ = sorted(_ENGINE_NAMES)


def __getattr__(name):
    module = _ENGINE_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.rules.{module}"), name)
