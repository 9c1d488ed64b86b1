"""Query expressions shared by the apps' selectors."""

from django.db.models import F, Func, IntegerField, Q, QuerySet, Subquery


def count_subquery(queryset: QuerySet) -> Subquery:
    """How many rows of `queryset` (filtered on an `OuterRef`) belong to each outer row.

    A correlated `SELECT COUNT(*)` rather than `Count()` over joins: two counts over joins
    multiply each other's rows (and need `DISTINCT`), and a grouped query cannot be counted
    by the paginator without being run whole. This one is dropped from `count()` when unused.
    """
    counted = (
        queryset.order_by().annotate(counted=Func(F("pk"), function="COUNT")).values("counted")
    )
    return Subquery(counted, output_field=IntegerField())


def sum_subquery(queryset: QuerySet, field: str, output_field=None) -> Subquery:
    """The sum of `field` over the rows of `queryset` (filtered on an `OuterRef`) of each outer
    row, None when there are none. Correlated, like `count_subquery`: on a sorted, limited page
    it is computed for the rows shown only, where `Sum()` over a join groups the whole table
    first."""
    summed = queryset.order_by().annotate(summed=Func(F(field), function="SUM")).values("summed")
    return Subquery(summed, output_field=output_field or IntegerField())


def text_query(tokens: list, column: str = "search_text") -> Q:
    """Every token starts a word of `column` (a stored `core.text.folded_words`, each word after
    a space); a token may be a tuple of forms (`core.text.search_alternatives`: « st » as
    « saint » or the start of « stationnement »), any of which will do."""
    query = Q()
    for token in tokens:
        forms = Q()
        for form in (token,) if isinstance(token, str) else token:
            forms |= Q(**{f"{column}__contains": f" {form}"})
        query &= forms
    return query
