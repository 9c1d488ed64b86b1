"""The similarity engine: pure functions and classes, without database and without Django.

`engine` (the index: build, neighbours, queries, additions, groups), `reasons` (the shared
words that explain a score), `items` (what the engine compares and answers; light, so that the
Django side builds items without loading NumPy), `features` (the vectors), `search` (the exact
top-k by blocks, on one BLAS thread), `groups` (groups of alike items), `text` (French-aware
normalisation). Nothing is imported here: importing the package
must not load NumPy, SciPy and scikit-learn into every web process.
"""
