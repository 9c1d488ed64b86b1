"""Writing an investigation read from a file: its problem and collectivités, its decision and
phases, never over what the team wrote in the platform; nothing written when nothing changed.
"""

import re

from fabrique.core.importing import (
    CREATED,
    UNCHANGED,
    UPDATED,
)
from fabrique.portfolio.models import Project

from ..models import Investigation, InvestigationPhase, Problem, ProblemCollectivite
from ..vocabulary import STEP_ARTEFACTS, Decision, ProblemStatus
from .reading import IMPORTED_SUMMARY, Plan

_ARTEFACT_FIELDS = {name for names in STEP_ARTEFACTS.values() for name in names} | {"links"}
_TERRITORY_FIELDS = ("commune_id", "epci_id", "departement_id", "region_id")


def _links(problem: Problem) -> set[tuple[str, int]]:
    return {
        (name, getattr(link, name))
        for link in problem.collectivites.all()
        for name in _TERRITORY_FIELDS
        if getattr(link, name)
    }


def _wanted_links(plan: Plan) -> set[tuple[str, int]]:
    return {
        (ProblemCollectivite.field_for(territory) + "_id", territory.pk)
        for territory in plan.resolved.territories
    }


def _set_links(problem: Problem, plan: Plan) -> bool:
    current, wanted = _links(problem), _wanted_links(plan)
    if current == wanted:
        return False
    for name, pk in current - wanted:
        problem.collectivites.filter(**{name: pk}).delete()
    ProblemCollectivite.objects.bulk_create(
        ProblemCollectivite(problem=problem, **{name: pk}) for name, pk in wanted - current
    )
    return True


def _assign(instance, values: dict) -> bool:
    changed = {key: value for key, value in values.items() if getattr(instance, key) != value}
    for key, value in changed.items():
        setattr(instance, key, value)
    return bool(changed)


def _edited_by_a_person(phase: InvestigationPhase) -> bool:
    return phase.summary not in ("", IMPORTED_SUMMARY) or any(
        str(getattr(phase, name) or "").strip() for name in _ARTEFACT_FIELDS
    )


def _set_phases(investigation: Investigation, plan: Plan) -> bool:
    """The imported phases follow the file; a phase someone wrote in is left as it is."""
    existing = {phase.step: phase for phase in investigation.phases.all()}
    changed = False
    for values in plan.phases():
        phase = existing.get(values["step"])
        if phase is None:
            InvestigationPhase.objects.create(investigation=investigation, **values)
            changed = True
        elif not _edited_by_a_person(phase) and _assign(phase, values):
            phase.save()
            changed = True
    return changed


LOCAL_FILE = re.compile(r"investigation-(\d+)")


def _existing(slug: str) -> Investigation | None:
    """The investigation a file is about: the one imported from it, else the one made in the
    platform whose own export it is (`startup_filename`: `investigation-<id>`, or its
    project's slug after a go)."""
    investigations = Investigation.objects.select_related("problem")
    found = investigations.filter(source_id=slug).first()
    if found is not None:
        return found
    made_here = investigations.filter(source_id__isnull=True)
    if match := LOCAL_FILE.fullmatch(slug):
        return made_here.filter(pk=int(match[1])).first()
    return made_here.filter(project__slug=slug).first()


def write_investigation(slug: str, plan: Plan) -> str:
    """Create or update one investigation (and its problem); CREATED, UPDATED or UNCHANGED."""
    investigation = _existing(slug)
    created = investigation is None
    problem = Problem(status=ProblemStatus.SELECTED) if created else investigation.problem
    changed = _assign(
        problem,
        {
            "title": plan.title,
            "statement": plan.statement,
            "unresolved_collectivites": "\n".join(plan.resolved.unresolved),
        },
    )
    if changed:
        problem.save()
    changed = _set_links(problem, plan) or changed
    if created:
        investigation = Investigation(problem=problem, source_id=slug)
    values = {"start": plan.start, "weeks": plan.weeks}
    if plan.decision:  # a decision the file does not give is the team's: kept
        project = Project.objects.filter(slug=slug).first() or investigation.project
        values |= {
            "decision": plan.decision,
            "decided_on": plan.decided_on,
            "project": project,
        }
        if plan.decision == Decision.GO and project is None:
            # A go opens a project (`investigation_decide`): one the portfolio lacks is flagged.
            plan.notes.append(
                f"go sans projet du portefeuille : aucun projet « {slug} » (l'identifiant de "
                "la fiche) ; importez sa fiche startup dans le portefeuille (manage.py "
                "import_startups) puis relancez cet import, qui l'y rattache."
            )
    if (plan.decision or investigation.decision) == Decision.NO_GO and not investigation.learnings:
        values["learnings"] = IMPORTED_SUMMARY
    if _assign(investigation, values) or created:
        investigation.save()
        changed = True
    changed = _set_phases(investigation, plan) or changed
    if created:
        return CREATED
    return UPDATED if changed else UNCHANGED
