"""Rules of the days ledger: amounts by half-days, whose days a person records, dates, budget
per role and days left."""

from datetime import date
from decimal import Decimal, InvalidOperation

from fabrique.core.dates import done_day_problem
from fabrique.core.numbers import days_text, is_plural

from ..vocabulary import FUNDED_DAYS, StaffRole

DAY_AMOUNTS = (Decimal("0.5"), Decimal("1"))


def day_amount_problem(days) -> str:
    """Days are recorded per date, by half-days: half a day (0,5) or a day (1), never 0, less
    or more (the form says it under the field, the service refuses the rest)."""
    try:
        amount = Decimal(str(days))
    except InvalidOperation:
        amount = None
    if amount in DAY_AMOUNTS:
        return ""
    return "Indiquez entre 0,5 et 1 jour par date : une demi-journée (0,5) ou une journée (1)."


def days_budget(entries) -> list[tuple[str, int | None, Decimal]]:
    """Days per role, as the investigation's page and its committee summary show them: (role,
    days funded or None, days spent), for every role (`entries` have `role` and `days`)."""
    spent = {role: Decimal(0) for role in StaffRole.values}
    for entry in entries:
        spent[entry.role] = spent.get(entry.role, Decimal(0)) + Decimal(entry.days)
    return [(role.label, FUNDED_DAYS.get(role), spent[role.value]) for role in StaffRole]


def day_roles_allowed(*, is_team: bool, is_coach: bool, is_designer: bool) -> list[str]:
    """Whose days a person records and corrects (issue 14: a days ledger per person): the team,
    everyone's; the coach and the designer, their own and the agents' (the collectivité's agents
    have no hand on the ledger), never each other's."""
    if is_team:
        return list(StaffRole.values)
    roles = [StaffRole.COACH.value] if is_coach else []
    roles += [StaffRole.DESIGNER.value] if is_designer else []
    return [*roles, StaffRole.AGENT.value] if roles else []


def day_role_problem(role: str, allowed: list[str]) -> str:
    """Why this person may not record or correct days of `role`, in French, or ""."""
    if role in allowed:
        return ""
    label = StaffRole(role).label if role in StaffRole.values else role
    return (
        f"Les jours au rôle « {label} » se saisissent par la personne qui les a passés ou par "
        f"l'équipe de l'incubateur : choisissez votre rôle, ou « {StaffRole.AGENT.label} »."
    )


def day_date_problem(day: date, start: date, today: date) -> str:
    """Days spent are recorded once spent, from the investigation's first day (the rule shared
    with the sur-mesure missions: `core.dates.done_day_problem`)."""
    return done_day_problem(
        day, start, today, start_of="de l'investigation",
        recorded="les jours passés se saisissent une fois faits",
    )  # fmt: skip


def days_left(funded: float, used: float) -> float:
    return round(funded - used, 2)


def days_left_text(left) -> str:
    """What is left of a person's funded days, in words: « 4 jours restants », « plus aucun
    jour restant », and past them « 1,5 jour au-delà des jours financés » (never « 0 jour
    restant » for days spent beyond the budget)."""
    if left > 0:
        return f"{days_text(left)} restant{'s' if is_plural(left) else ''}"
    if left == 0:
        return "plus aucun jour restant"
    return f"{days_text(-left)} au-delà des jours financés"


def my_days_left_text(left, funded) -> str:
    """A coach's or designer's own days on an investigation, next to its current phase: « 9 jours
    restants sur vos 10 jours financés » (alone, « 9 jours restants » after « phase 1 » reads as
    the days left in the phase); past the budget, the overrun says it on its own."""
    if left < 0:
        return days_left_text(left)
    return f"{days_left_text(left)} sur vos {days_text(funded)} financés"
