"""Sortable lists: `sort` (a column key) and `desc` in the query string, as on the project list.

A view reads the chosen order with `sort_from_request`, a selector turns it into an SQL
`order_by` with `ordering`, and the template draws the column headers with
`{% sort_header %}` (template tags `sorting`): a link that sorts by that column, or reverses
the order when it is the current one, and `aria-sort` on the header of the sorted column.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import F, OrderBy
from django.db.models.functions import Collate

from .text import fold

FALSE_VALUES = ("", "0", "false", "off", "non")


@dataclass(frozen=True)
class Sort:
    """The order of a list: a column key (empty for the list's own order) and a direction."""

    key: str = ""
    descending: bool = False


def ordering(
    sort: Sort, fields: Mapping[str, str | tuple[str, ...]], *, text: frozenset[str] = frozenset()
) -> list[OrderBy]:
    """`order_by` arguments for a sort: the column's fields, empty values last either way;
    the fields named in `text` in French alphabetical order (`french`)."""
    names = fields[sort.key]
    names = (names,) if isinstance(names, str) else names
    columns = [french(name) if name in text else F(name) for name in names]
    return [
        column.desc(nulls_last=True) if sort.descending else column.asc(nulls_last=True)
        for column in columns
    ]


# The French alphabetical order (« Éducation » between « Eau » and « Enfance », « Île-de-France »
# before « Normandie »): PostgreSQL's ICU collation; on SQLite, whose own order is the bytes',
# a collation of ours registered on each connection (`register_french_collation`).
FRENCH_COLLATIONS = {"postgresql": "fr-x-icu", "sqlite": "fabrique_fr"}


@lru_cache(maxsize=65_536)
def french_key(text: str) -> tuple[str, str]:
    """Accents and case set aside first, then the text itself to order what folds the same."""
    return (fold(text), text)


def _compare(a: str, b: str) -> int:
    left, right = french_key(a), french_key(b)
    return (left > right) - (left < right)


def register_french_collation(sender, connection, **kwargs) -> None:
    """connection_created receiver: SQLite learns the French order (see FRENCH_COLLATIONS)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(FRENCH_COLLATIONS["sqlite"], _compare)


def french(name: str):
    """A text column to `order_by` in French alphabetical order (itself elsewhere)."""
    collation = FRENCH_COLLATIONS.get(connection.vendor)
    return Collate(F(name), collation) if collation else F(name)
