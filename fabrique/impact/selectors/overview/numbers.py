"""The numbers the rules need, read in one query: one row per indicator of codes (frequency,
direction, computation), dates as days since 1970 and values as floats, straight from the
database driver into a NumPy table (see the package's docstring)."""

from datetime import date, datetime

import numpy as np
from django.db import connections
from django.db.models import (
    Case,
    DateField,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from fabrique.portfolio.models import Expense

from ... import rules
from ...models import Indicator
from ...vocabulary import ACTIVE_USERS, Computation, Direction
from .. import MonthShift

COMPUTATION_CODES = {Computation.PENETRATION: 1, Computation.COST_PER_USE: 2}
COMPUTATIONS = {0: "", **{code: str(name) for name, code in COMPUTATION_CODES.items()}}
FREQUENCIES = sorted(rules.FREQUENCY_CODES, key=rules.FREQUENCY_CODES.get)
EPOCH = date(1970, 1, 1)


class EpochDays(Func):
    """Days since 1970-01-01 of a date, as a number."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql})::date - DATE '1970-01-01')", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(julianday(date({sql})) - 2440587.5 AS integer)", params


class EpochSeconds(Func):
    """Seconds since 1970-01-01 00:00 UTC of a timestamp, as a number. Its day in France is
    found afterwards by `local_days`, once per distinct hour: `TruncDate` would call a Python
    function on every row under SQLite (60 to 80 ms for 16 000 indicators)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"EXTRACT(EPOCH FROM {sql})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        # Whole seconds, exactly ('%%' is how a literal percent sign reaches SQLite).
        return f"CAST(strftime('%%s', {sql}) AS integer)", params


def local_days(seconds: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of moments given in seconds since 1970 (UTC), each read on the
    calendar of `TIME_ZONE` (France), as the pages read a date with `timezone.localdate`. The
    offset from UTC is looked up once per distinct hour: France changes it on the hour."""
    days = np.full(seconds.shape, np.nan)
    known = ~np.isnan(seconds)
    if not known.any():
        return days
    hours, which = np.unique(seconds[known] // 3600, return_inverse=True)
    zone = timezone.get_default_timezone()
    offsets = np.array(
        [datetime.fromtimestamp(hour * 3600, zone).utcoffset().total_seconds() for hour in hours]
    )
    days[known] = (seconds[known] + offsets[which]) // 86400
    return days


def _code(field_name: str, codes: dict) -> Case:
    return Case(
        *(When(**{field_name: value}, then=Value(code)) for value, code in codes.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def _spent() -> Case:
    """For a cost-per-use row: the expenses of the 12 months that end with the month of the
    latest active-users value of its project (evaluated only for those rows)."""
    users_period = Subquery(
        Indicator.objects.filter(project_id=OuterRef(OuterRef("project_id")), key=ACTIVE_USERS)
        .order_by()
        .values("latest_period")[:1],
        output_field=DateField(),
    )
    spent = (
        Expense.objects.filter(
            project_id=OuterRef("project_id"),
            date__gte=MonthShift(users_period, 1 - rules.COST_WINDOW_MONTHS),
            date__lt=MonthShift(users_period, 1),
        )
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Case(
        When(computed=Computation.COST_PER_USE, then=Cast(Subquery(spent), FloatField())),
        default=Value(None, output_field=FloatField()),
        output_field=FloatField(),
    )


# Columns of the numbers read for each indicator, in this order.
COLUMNS = (
    "pk", "project_id", "is_users", "star", "computation", "frequency_code", "up",
    "baseline_day", "baseline", "target_day", "target", "created_day", "last_day", "last",
    "spent",
)  # fmt: skip


def indicator_numbers(indicators: QuerySet[Indicator]):
    """The numbers the rules need, one row per indicator (see the module's docstring)."""
    return (
        indicators.order_by()
        .annotate(
            is_users=Case(When(key=ACTIVE_USERS, then=1), default=0, output_field=IntegerField()),
            star=Cast("is_north_star", IntegerField()),
            computation=_code("computed", COMPUTATION_CODES),
            frequency_code=_code("frequency", rules.FREQUENCY_CODES),
            up=Case(When(direction=Direction.UP, then=1), default=0, output_field=IntegerField()),
            baseline_day=EpochDays("baseline_date"),
            baseline=Cast("baseline_value", FloatField()),
            target_day=EpochDays("target_date"),
            target=Cast("target_value", FloatField()),
            # The moment it was created; `number_table` turns it into its day in France
            # (TIME_ZONE), as the project page reads it: the database stores the moment in
            # UTC, where 00:30 on 1 April is still 31 March.
            created_day=EpochSeconds("created_at"),
            last_day=EpochDays("latest_period"),
            last=Cast("latest_value", FloatField()),
            spent=_spent(),
        )
        .values_list(*COLUMNS)
    )


def number_table(queryset) -> np.ndarray:
    """The rows of a `values_list` of numbers as a float array (NULL → NaN), read straight from
    the database driver: no Django converter runs on each value."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        table = np.array(rows, dtype=float).reshape(len(rows), len(COLUMNS))
        del rows
    created = COLUMNS.index("created_day")
    table[:, created] = local_days(table[:, created])
    return table


def as_dates(days: np.ndarray) -> np.ndarray:
    missing = np.isnan(days)
    result = np.nan_to_num(days).astype("int64").astype("datetime64[D]")
    result[missing] = np.datetime64("NaT")
    return result
