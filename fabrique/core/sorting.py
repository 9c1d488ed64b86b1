"""Sortable lists: `sort` (a column key) and `desc` in the query string, as on the project list.

A view reads the chosen order with `sort_from_request`, a selector turns it into an SQL
`order_by` with `ordering`, and the template draws the column headers with
`{% sort_header %}` (template tags `sorting`): a link that sorts by that column, or reverses
the order when it is the current one, and `aria-sort` on the header of the sorted column.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import F, OrderBy

FALSE_VALUES = ("", "0", "false", "off", "non")


@dataclass(frozen=True)
class Sort:
    """The order of a list: a column key (empty for the list's own order) and a direction."""

    key: str = ""
    descending: bool = False


def sort_from_request(request, keys, default: Sort = Sort()) -> Sort:
    """The order asked for in the query string; `default` when none or an unknown column."""
    key = request.GET.get("sort", "")
    if key not in keys:
        return default
    return Sort(key, request.GET.get("desc", "").lower() not in FALSE_VALUES)


def ordering(sort: Sort, fields: Mapping[str, str | tuple[str, ...]]) -> list[OrderBy]:
    """`order_by` arguments for a sort: the column's fields, empty values last either way."""
    names = fields[sort.key]
    names = (names,) if isinstance(names, str) else names
    return [
        F(name).desc(nulls_last=True) if sort.descending else F(name).asc(nulls_last=True)
        for name in names
    ]
