"""The one way the platform makes an address slug from a name or a title.

An elided article or pronoun is a word of its own: « l'Incubateur » gives `l-incubateur`, not
`lincubateur` (Django's `slugify` drops the apostrophe and glues the words). A slug is made
once, when the record is created: the addresses already given out never change.
"""

import re

from django.utils.text import slugify

# Straight, typographic and modifier-letter apostrophes, and the backtick some people type.
_APOSTROPHES = re.compile(r"['’ʼ‘`´]")


def slug_of(text: str, *, max_length: int, fallback: str) -> str:
    """The slug of `text`, at most `max_length` characters, never ending on a hyphen; `fallback`
    when nothing is left (a title made only of punctuation)."""
    return slugify(_APOSTROPHES.sub(" ", text or ""))[:max_length].strip("-") or fallback


def unique_slug(
    queryset, text: str, *, max_length: int, fallback: str, exclude_pk=None, reserved=()
) -> str:
    """`slug_of(text)`, followed by -2, -3… when a row of `queryset` (other than
    `exclude_pk`) already has it; a `reserved` word (the path of a creation page) takes the
    fallback after it."""
    base = slug_of(text, max_length=max_length, fallback=fallback)
    if base in reserved:
        base = f"{base}-{fallback}"
    rows = queryset.exclude(pk=exclude_pk) if exclude_pk is not None else queryset
    slug, counter = base, 2
    while rows.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug
