"""URLs of many rows without reversing each one.

Django's `reverse()` walks the URL resolver on every call: a page of 40 rows with three links
each pays for it 120 times. `url_pattern(name)` reverses once with a placeholder and returns a
function that writes the URL of any row, identical to `reverse(name, args=[value])` for a URL
whose only argument is a pk or an ASCII slug (tested against `reverse`).
"""

from collections.abc import Callable

from django.urls import NoReverseMatch, reverse

_PLACEHOLDER = "/0/"


def url_pattern(name: str) -> Callable[[object], str]:
    """`value -> URL` for the URL `name` taking a single pk or slug argument."""
    try:
        head, found, tail = reverse(name, args=[0]).rpartition(_PLACEHOLDER)
    except NoReverseMatch:
        found = ""
    if not found:
        raise ValueError(f"L'adresse « {name} » ne prend pas un seul identifiant.")
    return lambda value: f"{head}/{value}/{tail}"
