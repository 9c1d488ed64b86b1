"""Latest values and cost per use: the last values of many indicators for their trends (one
window query), and the cost per use computed from a project's expenses and active users.

`MonthShift` shifts a date by whole months in SQL, on SQLite and PostgreSQL alike.
"""

from bisect import bisect_left
from datetime import date
from decimal import Decimal

from django.db.models import DateField, DecimalField, F, Func, Window
from django.db.models.functions import RowNumber

from fabrique.portfolio.models import Expense

from .. import rules
from ..models import Indicator, Measurement
from ..vocabulary import ACTIVE_USERS

MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


class MonthShift(Func):
    """The first day of the month `months` after the month of a date, in SQL (SQLite and
    PostgreSQL): `MonthShift(F("period"), -11)`."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(date_trunc('month', {sql}) + make_interval(months => %s))::date",
            (*params, self.months),
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, 'start of month', %s)", (*params, f"{self.months:+d} months")


def recent_values(indicator_ids, count: int = rules.TREND_POINTS) -> dict[int, list]:
    """The last `count` (period, value) of each indicator, oldest first: one window query."""
    ids = list(indicator_ids)
    if not ids:
        return {}
    rows = (
        Measurement.objects.filter(indicator_id__in=ids)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("indicator_id")], order_by=F("period").desc())
        )
        .filter(rank__lte=count)
        .order_by("indicator_id", "period")
        .values_list("indicator_id", "period", "value")
    )
    result: dict[int, list] = {}
    for indicator_id, period, value in rows:
        result.setdefault(indicator_id, []).append((period, value))
    return result


def active_users_indicators(project_ids) -> dict[int, int]:
    """The monthly-active-users indicator of each project: {project id: indicator id}."""
    rows = Indicator.objects.filter(project_id__in=list(project_ids), key=ACTIVE_USERS)
    return dict(rows.values_list("project_id", "pk"))


def cost_points(project_id: int, active_user_points) -> list[tuple[date, Decimal]]:
    """Cost per use at each period where the active users are known: expenses of the 12
    months ending with that month ÷ active users (`rules.cost_per_use`). One query."""
    points = sorted(active_user_points)
    if not points:
        return []
    first, _ = rules.cost_window(points[0][0])
    _, last = rules.cost_window(points[-1][0])
    expenses = list(
        Expense.objects.filter(project_id=project_id, date__gte=first, date__lt=last)
        .order_by("date")
        .values_list("date", "amount")
    )
    days = [day for day, _ in expenses]
    totals = [Decimal(0)]
    for _, amount in expenses:
        totals.append(totals[-1] + amount)
    result = []
    for period, users in points:
        start, end = rules.cost_window(period)
        low, high = bisect_left(days, start), bisect_left(days, end)
        value = rules.cost_per_use(totals[high] - totals[low] if high > low else None, users)
        if value is not None:
            result.append((period, value))
    return result
