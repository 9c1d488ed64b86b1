"""The go/no-go: record the committee's decision (into the portfolio or the catalogue),
correct it, cancel it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.catalogue import services as catalogue_services
from fabrique.catalogue.models import Solution
from fabrique.portfolio.models import Committee
from fabrique.portfolio.vocabulary import PhaseName

from ... import exports
from ...models import Investigation
from ...rules import (
    decision_committee_problem,
    decision_date_problem,
    decision_phases_problem,
    planned_committee_problem,
    score_problems,
)
from ...vocabulary import GO_GRID, Decision, ProblemStatus, Step
from .. import portfolio_bridge
from ..problems import ATTACHMENT_KINDS


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
