"""Cost per use (expenses of 12 months ÷ monthly active users) and penetration (share of the
target collectivités that use the service)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .periods import add_months

COST_WINDOW_MONTHS = 12


def cost_window(period: date) -> tuple[date, date]:
    """The 12 months that end with the month of `period`: [first day, day after the last)."""
    month = period.replace(day=1)
    return add_months(month, 1 - COST_WINDOW_MONTHS), add_months(month, 1)


def cost_per_use(spent, active_users) -> Decimal | None:
    """Expenses of the 12 months ending with the period ÷ monthly active users of the period
    (euros per active user). Unknown (None) without expenses or without active users."""
    if spent is None or active_users is None:
        return None
    spent, active_users = Decimal(spent), Decimal(active_users)
    if spent <= 0 or active_users <= 0:
        return None
    return (spent / active_users).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def penetration(users: int, target: int) -> Decimal | None:
    """Share (%) of the target collectivités that use the service."""
    if not target:
        return None
    return (Decimal(100) * users / target).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
