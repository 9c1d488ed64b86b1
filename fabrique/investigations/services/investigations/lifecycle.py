"""Start, change and delete an investigation (its staff, dates, committee)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.accounts.models import Role

from ...models import Investigation, InvestigationPhase, Problem
from ...rules import duration_problem, planned_phase_dates
from ...vocabulary import ProblemStatus, Step


def _check_staff(user, field: str, label: str, errors: dict) -> None:
    if user is not None and user.role not in (Role.COACH, Role.INCUBATOR, Role.ADMIN):
        errors[field] = f"Le compte choisi comme {label} n'est ni coach ni membre de l'équipe."


@transaction.atomic
def investigation_start(
    *, problem: Problem, start: date, weeks: int = 10, coach=None, designer=None, agents: str = ""
) -> Investigation:
    errors = {}
    if problem.status != ProblemStatus.SELECTED:
        errors["__all__"] = "Seul un problème retenu peut donner lieu à une investigation."
    elif Investigation.objects.filter(problem=problem).exists():
        errors["__all__"] = "Ce problème a déjà son investigation."
    duration = duration_problem(weeks)
    if duration:
        errors["weeks"] = duration
    _check_staff(coach, "coach", "coach", errors)
    _check_staff(designer, "designer", "designer", errors)
    if errors:
        raise ValidationError(errors)
    investigation = Investigation(
        problem=problem, start=start, weeks=weeks, coach=coach, designer=designer, agents=agents
    )
    investigation.full_clean()
    investigation.save()
    InvestigationPhase.objects.bulk_create(
        InvestigationPhase(
            investigation=investigation, step=step, planned_start=begin, planned_end=end
        )
        for step, (begin, end) in zip(Step.values, planned_phase_dates(start, weeks), strict=True)
    )
    return investigation


@transaction.atomic
def investigation_update(*, investigation: Investigation, **fields) -> Investigation:
    allowed = {"coach", "designer", "agents", "start", "weeks", "is_public", "committee"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({"__all__": f"Champs inconnus : {', '.join(sorted(unknown))}."})
    errors = {}
    if "weeks" in fields and duration_problem(fields["weeks"]):
        errors["weeks"] = duration_problem(fields["weeks"])
    _check_staff(fields.get("coach"), "coach", "coach", errors)
    _check_staff(fields.get("designer"), "designer", "designer", errors)
    if errors:
        raise ValidationError(errors)
    replan = ("start" in fields and fields["start"] != investigation.start) or (
        "weeks" in fields and fields["weeks"] != investigation.weeks
    )
    for name, value in fields.items():
        setattr(investigation, name, value)
    investigation.full_clean()
    investigation.save()
    if replan:
        dates = planned_phase_dates(investigation.start, investigation.weeks)
        for phase in investigation.phases.all():
            phase.planned_start, phase.planned_end = dates[phase.step - 1]
            phase.save(update_fields=["planned_start", "planned_end"])
    return investigation


@transaction.atomic
def investigation_delete(*, investigation: Investigation) -> None:
    if investigation.decision:
        raise ValidationError(
            {
                "__all__": "Une investigation décidée en comité est conservée : "
                "elle ne peut être supprimée."
            }
        )
    investigation.delete()
