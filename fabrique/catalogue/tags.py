"""Multi-valued choices stored in one column: " value value " (spaces around every value).

`Q(categories__contains=" donnees ")` then finds a value with a plain `LIKE`, the same on SQLite
and PostgreSQL, without a join: facets stay one aggregate query over the solutions.
"""

from collections.abc import Iterable

from django.db.models import Q


def encode(values: Iterable[str], choices=None) -> str:
    """Values without duplicates, in the order of `choices` when given (else sorted)."""
    unique = {value for value in values if value}
    if choices is not None:
        ordered = [value for value in choices.values if value in unique]
    else:
        ordered = sorted(unique)
    return f" {' '.join(ordered)} " if ordered else ""


def decode(text: str) -> list[str]:
    return (text or "").split()


def has(field: str, value: str) -> Q:
    return Q(**{f"{field}__contains": f" {value} "})


def has_any(field: str, values: Iterable[str]) -> Q:
    query = Q()
    for value in values:
        query |= has(field, value)
    return query


def labels(text: str, choices) -> list[str]:
    names = dict(choices.choices)
    return [names.get(value, value) for value in decode(text)]
