"""Writes of committees: their agenda and documents, and the decisions they record."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format

from fabrique.core.uploads import DOCUMENTS, check_document

from ..models import Committee, CommitteeDocument, Decision, FundingLine, Project
from ..rules import decision_date_problem, outcome_committee_problem
from ..vocabulary import Outcome

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
SOURCE_LENGTH = FundingLine._meta.get_field("source").max_length


@transaction.atomic
def committee_save(
    *,
    date: date,
    kind: str,
    title: str = "",
    attendees: str = "",
    minutes: str = "",
    projects=None,
    committee: Committee | None = None,
) -> Committee:
    """Create a committee, or change `committee`; `projects`, when given, is its agenda (a
    project that already has a decision of this committee stays on it)."""
    if committee is not None and projects is not None:
        removed = set(committee.projects.values_list("pk", flat=True)) - {p.pk for p in projects}
        if committee.decisions.filter(project__in=removed).exists():
            raise ValidationError(
                {"projects": "Un projet qui a déjà une décision ne peut être retiré du comité."}
            )
    committee = committee or Committee()
    committee.date, committee.kind, committee.title = date, kind, title
    committee.attendees, committee.minutes = attendees, minutes
    committee.full_clean()
    committee.save()
    if projects is not None:
        committee.projects.set(projects)
    return committee


@transaction.atomic
def committee_agenda_add(*, committee: Committee, projects) -> Committee:
    """Put projects on the agenda of a committee (those already on it stay once)."""
    committee.projects.add(*projects)
    return committee


def committee_delete_problem(committee: Committee) -> str:
    """Why a committee cannot be deleted yet, in French, naming its decisions; empty when it
    can: its decisions are deleted first, one by one (each removes the funding line it granted)."""
    decisions = [
        f"{decision.project.name} : {decision.get_outcome_display()}"
        for decision in committee.decisions.select_related("project").order_by("project__name")
    ]
    if not decisions:
        return ""
    return (
        f"Ce comité a des décisions ({', '.join(decisions)}) : supprimez-les d'abord (chacune "
        "retire le financement qu'elle accordait)."
    )


@transaction.atomic
def committee_delete(*, committee: Committee) -> None:
    """Delete a committee that has no decision (`committee_delete_problem`)."""
    if problem := committee_delete_problem(committee):
        raise ValidationError(problem)
    for document in committee.documents.all():
        document.file.delete(save=False)
    committee.delete()


@transaction.atomic
def committee_document_add(
    *, committee: Committee, upload, kinds: tuple[str, ...] = DOCUMENTS
) -> CommitteeDocument:
    """A document of a committee, checked on its content (PDF or ODT; an investigation carried
    into the portfolio also brings the images attached to its problem)."""
    kind = check_document(upload, kinds=kinds, max_bytes=MAX_DOCUMENT_BYTES)
    upload.seek(0)
    return CommitteeDocument.objects.create(
        committee=committee,
        file=upload,
        name=upload.name[:200],
        content_type=kind,
        size=upload.size,
    )


@transaction.atomic
def committee_document_delete(*, document: CommitteeDocument) -> None:
    """Remove a document attached to a committee by mistake: its file goes, the record of who
    attached and removed it stays in the history."""
    document.file.delete(save=False)
    document.delete()


@transaction.atomic
def decision_record(
    *,
    committee: Committee,
    project: Project,
    outcome: str,
    amount: Decimal = Decimal(0),
    conditions: str = "",
    funding_source: str = "",
    replace: bool = False,
) -> Decision:
    """Record the committee's decision on a project on its agenda: one per project and
    committee. A second one replaces the first only when `replace` says so (the form shows the
    previous decision and asks to confirm); nothing is replaced silently.

    A granted amount becomes a funding line of the project, starting on the committee date.
    Everything is checked (the decision and its funding line) before anything is written.
    """
    errors = {}
    if too_early := decision_date_problem(committee.date, timezone.localdate()):
        errors[NON_FIELD_ERRORS] = too_early
    if not committee.projects.filter(pk=project.pk).exists():
        errors["project"] = f"« {project} » n'est pas à l'ordre du jour de ce comité."
    if amount is None or Decimal(amount) < 0:
        errors["amount"] = "Le montant accordé ne peut pas être négatif."
    if outcome not in Outcome.values:
        errors["outcome"] = "Choisissez une décision de la liste."
    elif wrong := outcome_committee_problem(outcome, committee.kind):
        errors["outcome"] = wrong
    previous = Decision.objects.filter(committee=committee, project=project).first()
    if previous is not None and not replace and not errors:
        granted = number_format(previous.amount, 0, force_grouping=True)
        errors["replace"] = (
            f"Ce comité a déjà une décision pour « {project} » : "
            f"{previous.get_outcome_display()}, {granted} €. "
            "Cochez « Remplacer la décision précédente » pour la modifier."
        )
    if errors:
        raise ValidationError(errors)
    decision = previous or Decision(committee=committee, project=project)
    decision.outcome, decision.amount, decision.conditions = outcome, amount, conditions
    decision.full_clean(validate_unique=previous is None)
    line = None
    if Decimal(decision.amount) > 0:
        line = FundingLine(
            project=project,
            source=funding_source or str(committee)[:SOURCE_LENGTH],
            amount=decision.amount,
            start=committee.date,
        )
        line.full_clean(exclude=["decision"])
    decision.save()
    FundingLine.objects.filter(decision=decision).delete()
    if line is not None:
        line.decision = decision
        line.save()
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision) -> None:
    """Delete a decision and the funding line it granted (both kept in the history)."""
    FundingLine.objects.filter(decision=decision).delete()
    decision.delete()
