"""Query expressions shared by the apps' selectors."""

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


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
