"""Investigations: start, phases and artefacts, days ledger, the go/no-go."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.catalogue import services as catalogue_services
from fabrique.catalogue.models import Solution
from fabrique.core.numbers import days_text
from fabrique.portfolio.models import Committee
from fabrique.portfolio.vocabulary import PhaseName

from .. import exports
from ..models import DayEntry, Investigation, InvestigationPhase, Problem
from ..rules import (
    close_date_problem,
    close_order_problem,
    day_amount_problem,
    day_date_problem,
    day_role_problem,
    day_roles_allowed,
    decision_committee_problem,
    decision_date_problem,
    decision_phases_problem,
    duration_problem,
    missing_artefacts,
    planned_committee_problem,
    planned_phase_dates,
    reopen_order_problem,
    score_problems,
)
from ..vocabulary import (
    ARTEFACT_LABELS,
    GO_GRID,
    Decision,
    ExitRoute,
    ProblemStatus,
    StaffRole,
    Step,
)
from . import portfolio_bridge
from .problems import ATTACHMENT_KINDS

ARTEFACT_FIELDS = sorted({*ARTEFACT_LABELS})


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


@transaction.atomic
def phase_update(*, phase: InvestigationPhase, **artefacts) -> InvestigationPhase:
    unknown = set(artefacts) - set(ARTEFACT_FIELDS)
    if unknown:
        raise ValidationError({"__all__": f"Champs inconnus : {', '.join(sorted(unknown))}."})
    if "exit_route" in artefacts and artefacts["exit_route"] not in ("", *ExitRoute.values):
        raise ValidationError({"exit_route": "Choisissez une voie de sortie de la liste."})
    for name, value in artefacts.items():
        setattr(phase, name, value)
    phase.full_clean()
    phase.save()
    return phase


@transaction.atomic
def phase_close(*, phase: InvestigationPhase, summary: str, on: date | None = None):
    """Close a phase, in order, with a short summary and its artefacts filled in."""
    today = timezone.localdate()
    on = on or today
    closed = dict(
        InvestigationPhase.objects.filter(
            investigation=phase.investigation_id, closed_on__isnull=False
        ).values_list("step", "closed_on")
    )
    errors = {}
    order = close_order_problem(phase.step, set(closed))
    if order:
        errors["__all__"] = order
    when = close_date_problem(
        on, phase.investigation.start, closed.get(phase.step - 1), today=today
    )
    if when:
        errors["on"] = when
    if not summary.strip():
        errors["summary"] = "Résumez la phase en quelques lignes pour la clore."
    missing = missing_artefacts(phase.step, {n: getattr(phase, n) for n in ARTEFACT_FIELDS})
    if missing:
        errors["artefacts"] = (
            "Renseignez d'abord : " + ", ".join(ARTEFACT_LABELS[name] for name in missing) + "."
        )
    if errors:
        raise ValidationError(errors)
    phase.summary, phase.closed_on = summary.strip(), on
    phase.save(update_fields=["summary", "closed_on"])
    return phase


@transaction.atomic
def phase_reopen(*, phase: InvestigationPhase) -> InvestigationPhase:
    """Reopen the last closed phase to correct it (its synthesis stays, to be closed again),
    as long as the go/no-go committee has not decided."""
    closed = set(
        InvestigationPhase.objects.filter(
            investigation=phase.investigation_id, closed_on__isnull=False
        ).values_list("step", flat=True)
    )
    if phase.investigation.decision:
        raise ValidationError(
            {"__all__": "Le comité a rendu sa décision : les phases ne se rouvrent plus."}
        )
    if wrong := reopen_order_problem(phase.step, closed):
        raise ValidationError({"__all__": wrong})
    phase.closed_on = None
    phase.save(update_fields=["closed_on"])
    return phase


def _day_roles(by, investigation: Investigation) -> list[str]:
    return day_roles_allowed(
        is_team=is_incubator_staff(by),
        is_coach=by.pk == investigation.coach_id,
        is_designer=by.pk == investigation.designer_id,
    )


@transaction.atomic
def day_save(
    *,
    investigation: Investigation,
    role: str,
    day: date,
    days,
    person=None,
    full_name: str = "",
    note: str = "",
    entry: DayEntry | None = None,
    by=None,
) -> DayEntry:
    """Record days spent on an investigation, or correct an entry: same rules (half a day or
    one day per date, a role of the list, who spent them). Given `by`, the person writing: the
    coach and the designer write their own role's days and the agents', never each other's."""
    errors = {}
    if wrong := day_amount_problem(days):
        errors["days"] = wrong
    else:
        amount = Decimal(str(days))
    if role not in StaffRole.values:
        errors["role"] = "Choisissez un rôle de la liste."
    elif by is not None:
        allowed = _day_roles(by, investigation)
        if wrong := day_role_problem(entry.role if entry else role, allowed) or day_role_problem(
            role, allowed
        ):
            errors["role"] = wrong
    if when := day_date_problem(day, investigation.start, timezone.localdate()):
        errors["day"] = when
    name = full_name.strip() or (person.get_full_name() or person.email if person else "")
    if not name:
        errors["full_name"] = "Indiquez qui a passé ces jours."
    if not errors:
        same_day = DayEntry.objects.filter(day=day).exclude(pk=entry.pk if entry else None)
        if person is not None:  # a person's day, whatever the investigation
            same_day = same_day.filter(person=person)
        else:
            same_day = same_day.filter(investigation=investigation, person=None, full_name=name)
        already = same_day.aggregate(total=Sum("days"))["total"] or Decimal("0")
        if already + amount > 1:
            errors["days"] = (
                f"{name} a déjà {days_text(already)} le {day:%d/%m/%Y} : une journée au "
                "plus par date et par personne. Corrigez la saisie existante ou choisissez "
                "une autre date."
            )
    if errors:
        raise ValidationError(errors)
    entry = entry or DayEntry(investigation=investigation)
    entry.person, entry.full_name, entry.role = person, name, role
    entry.day, entry.days, entry.note = day, amount, note
    entry.full_clean()
    entry.save()
    return entry


# Creation is a save without an instance: one function, the name callers know.
day_add = day_save


@transaction.atomic
def day_delete(*, entry: DayEntry, by=None) -> None:
    if by is not None and (
        wrong := day_role_problem(entry.role, _day_roles(by, entry.investigation))
    ):
        raise ValidationError(wrong)
    entry._history_user = by
    entry.delete()


def _indicators(investigation: Investigation) -> list[str]:
    exit_phase = investigation.phases.filter(step=Step.EXIT).first()
    if exit_phase is None:
        return []
    return [line.strip() for line in exit_phase.indicators.splitlines() if line.strip()]


def _project_description(investigation: Investigation) -> str:
    problem = investigation.problem
    parts = [problem.statement]
    indicators = _indicators(investigation)
    if indicators:
        parts.append("## Indicateurs proposés en sortie d'investigation")
        parts.extend(f"- {line}" for line in indicators)
    return "\n\n".join(parts)


def _documents(investigation: Investigation, on: date) -> list[tuple[str, bytes]]:
    """What a go carries into the portfolio: the problem's attachments (those still stored)
    and the investigation's summary as the committee saw it."""
    files = []
    for attachment in investigation.problem.attachments.all():
        try:
            with attachment.file.open("rb") as handle:
                files.append((attachment.name, handle.read()))
        except FileNotFoundError:
            continue
    summary = exports.investigation_pdf(
        investigation=investigation, phases=list(investigation.phases.all()),
        days=list(investigation.days.all()), today=on,
    )  # fmt: skip
    files.append((f"synthese-investigation-{investigation.pk}.pdf", summary))
    return files


@transaction.atomic
def decision_record(
    *,
    investigation: Investigation,
    decision: str,
    on: date | None = None,
    committee: Committee | None = None,
    go_scores: dict | None = None,
    project_name: str = "",
    learnings: str = "",
    solution: Solution | None = None,
    replace_planned: bool = False,
) -> Investigation:
    """The go/no-go committee's decision.

    go: creates (or moves) a portfolio project into `construction`, with the investigation
    phase at its real dates, the collectivités as partners and coach and designer on its team.
    no-go: the learnings are required; a linked project is closed as `abandon-investigation`.
    existing solution: the collectivités are recorded as users of the catalogue solution.
    """
    on = on or timezone.localdate()
    go_scores = go_scores or {}
    planned = investigation.committee
    if committee is None and planned is not None and planned.date == on:
        committee = planned  # the committee planned for that day; another day: a new one
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = "Choisissez go, no-go ou solution existante."
    if investigation.decision:
        errors["__all__"] = (
            "La décision de cette investigation est déjà enregistrée : corrigez-la avec "
            "« Modifier le go/no-go »."
        )
    if go_scores:
        errors.update(score_problems(go_scores, [key for key, _ in GO_GRID]))
    closed = dict(
        investigation.phases.filter(closed_on__isnull=False).values_list("step", "closed_on")
    )
    if unfinished := decision_phases_problem(set(closed)):
        errors.setdefault("__all__", unfinished)
    if when := decision_date_problem(
        on, investigation.start, closed.get(Step.EXIT), today=timezone.localdate()
    ):
        errors["on"] = when
    else:
        # The chosen committee sat that day; none chosen, the planned one is not replaced
        # without the team's say.
        when = decision_committee_problem(on, committee.date if committee else None)
        if not when and committee is None and planned is not None:
            when = planned_committee_problem(on, planned.date, replace=replace_planned)
        if when:
            errors["committee"] = when
    if decision == Decision.GO and not project_name.strip() and investigation.project is None:
        errors["project_name"] = "Un go ouvre un projet : donnez-lui un nom."
    if decision == Decision.NO_GO and not learnings.strip():
        errors["learnings"] = "Un no-go s'accompagne de ce qui a été appris : renseignez-le."
    if decision == Decision.EXISTING and solution is None:
        errors["solution"] = "Choisissez la solution du catalogue vers laquelle orienter."
    if errors:
        raise ValidationError(errors)
    territories = [link.territory for link in investigation.problem.collectivites.all()]
    project = investigation.project
    if decision == Decision.GO:
        if project is None:
            project = portfolio_bridge.create_project(
                name=project_name.strip(),
                mission=investigation.problem.title,
                description=_project_description(investigation),
            )
            portfolio_bridge.add_phase(
                project=project, name=PhaseName.INVESTIGATION, start=investigation.start, end=on
            )
        portfolio_bridge.add_phase(project=project, name=PhaseName.CONSTRUCTION, start=on)
        for territory in territories:
            portfolio_bridge.add_partner(project=project, territory=territory)
        for user, role in ((investigation.coach, "coach"), (investigation.designer, "designer")):
            portfolio_bridge.add_team_member(project=project, user=user, role=role, start=on)
        portfolio_bridge.add_agents(project=project, agents=investigation.agents, start=on)
        exit_phase = investigation.phases.filter(step=Step.EXIT).first()
        if exit_phase is not None:
            portfolio_bridge.add_indicators(
                project=project,
                names=exit_phase.indicators.splitlines(),
                hypothesis=exit_phase.impact_hypothesis,
            )
    elif decision == Decision.NO_GO and project is not None:
        portfolio_bridge.add_phase(
            project=project, name=PhaseName.INVESTIGATION_ABANDONED, start=on
        )
    elif decision == Decision.EXISTING:
        for territory in territories:
            catalogue_services.solution_use_add(
                solution=solution, territory=territory, since=min(on, timezone.localdate())
            )
    opened = project is not None and committee is None
    if project is not None:
        committee = portfolio_bridge.go_no_go_committee(committee=committee, on=on)
        portfolio_bridge.record_decision(
            committee=committee,
            project=project,
            go=decision == Decision.GO,
            conditions=learnings,
        )
        if decision == Decision.GO:
            portfolio_bridge.carry_documents(
                committee=committee, files=_documents(investigation, on), kinds=ATTACHMENT_KINDS
            )
    investigation.decision = decision
    investigation.decided_on = on
    investigation.learnings = learnings.strip()
    investigation.go_scores = {k: int(v) for k, v in go_scores.items()}
    investigation.project = project
    investigation.solution = solution if decision == Decision.EXISTING else None
    investigation.committee = committee
    investigation.committee_opened = opened
    investigation.save()
    if decision == Decision.EXISTING:
        problem = investigation.problem
        problem.status = ProblemStatus.REDIRECTED
        problem.save(update_fields=["status"])
    return investigation


def _decision_undo(investigation: Investigation) -> None:
    """Take back what the recorded decision wrote: in the portfolio (`portfolio_bridge`), the
    catalogue uses of an existing solution, the problem redirected; the investigation is back
    before its committee. Its project link stays (a go recorded again moves that project); the
    committee the decision opened goes when nothing else was recorded there."""
    if not investigation.decision:
        raise ValidationError({"__all__": "Aucune décision n'est enregistrée pour l'instant."})
    on, project = investigation.decided_on, investigation.project
    if project is not None and investigation.decision in (Decision.GO, Decision.NO_GO):
        portfolio_bridge.undo_decision(
            committee=investigation.committee,
            project=project,
            phase_name=PhaseName.CONSTRUCTION
            if investigation.decision == Decision.GO
            else PhaseName.INVESTIGATION_ABANDONED,
            on=on,
        )
        if investigation.committee_opened and investigation.committee is not None:
            if portfolio_bridge.drop_committee_opened(
                committee=investigation.committee, project=project
            ):
                investigation.committee = None
            investigation.committee_opened = False
    if investigation.decision == Decision.EXISTING:
        if investigation.solution is not None:
            territories = [link.territory for link in investigation.problem.collectivites.all()]
            for use in investigation.solution.uses.all():
                if use.territory in territories and use.since == min(on, timezone.localdate()):
                    catalogue_services.solution_use_remove(use=use)
        problem = investigation.problem
        problem.status = ProblemStatus.SELECTED
        problem.save(update_fields=["status"])
    investigation.decision, investigation.decided_on = "", None
    investigation.learnings, investigation.go_scores, investigation.solution = "", {}, None
    investigation.save()


@transaction.atomic
def decision_update(*, investigation: Investigation, **decision) -> Investigation:
    """Correct the committee's decision (its kind, date, grid, project name, learnings,
    solution): what it wrote is taken back, then it is recorded again with the same rules as
    the first time; a refusal leaves everything as it was."""
    _decision_undo(investigation)
    return decision_record(investigation=investigation, **decision)


@transaction.atomic
def decision_cancel(*, investigation: Investigation) -> Investigation:
    """Cancel a decision recorded by mistake: the investigation awaits its committee again;
    a project opened by a go stays in the portfolio, back in its investigation phase."""
    _decision_undo(investigation)
    return investigation
