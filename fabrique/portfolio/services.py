"""Writes on the portfolio: each function is one transaction and validates before it writes.

Validation errors are `django.core.exceptions.ValidationError` with a dict of French messages
keyed by field, so that a form can show each one next to its field.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify

from fabrique.core import personal_data
from fabrique.core.forms import END_AFTER_START
from fabrique.core.signals import records_changed
from fabrique.core.uploads import DOCUMENTS, check_document

from .models import (
    Committee,
    CommitteeDocument,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    Project,
    ProjectPartner,
    ServiceFait,
    TeamMember,
)
from .rules import PhaseSpan, phase_problems
from .vocabulary import Outcome, PhaseName

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:100] or "projet"
    slug, counter = base, 2
    while Project.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def project_save(project: Project, *, thematics=None, sponsors=None) -> Project:
    """Create or update a project from an unsaved/changed instance (fields already validated)."""
    if not project.slug:
        project.slug = unique_slug(project.name, exclude_pk=project.pk)
    project.full_clean()
    project.save()
    if thematics is not None:
        project.thematics.set(thematics)
    if sponsors is not None:
        project.sponsors.set(sponsors)
    # Projects are items of the synergies index: synergies listens (core.signals).
    records_changed.send(sender=Project, kind="projet", pks=[project.pk])
    return project


# --- Phases -------------------------------------------------------------------------------


def _spans(project: Project, exclude_pk=None) -> list[PhaseSpan]:
    return [
        PhaseSpan(name, start, end)
        for name, start, end in project.phases.exclude(pk=exclude_pk).values_list(
            "name", "start", "end"
        )
    ]


@transaction.atomic
def phase_save(
    project: Project,
    *,
    name: str,
    start: date,
    end: date | None = None,
    comment: str = "",
    phase: Phase | None = None,
    postmortem_learnings: str = "",
    postmortem_reasons: str = "",
    by=None,
) -> Phase:
    """Add a phase to a project (or change `phase`), keeping the history consistent."""
    errors = {}
    if name not in PhaseName.values:
        errors["name"] = f"Phase inconnue « {name} »."
    if end and end < start:
        errors["end"] = END_AFTER_START
    to_close = None
    if not errors:
        Project.objects.select_for_update().filter(pk=project.pk).first()
        spans = _spans(project, exclude_pk=phase.pk if phase else None)
        last = project.phases.order_by("-start", "-pk").first()
        if phase is None and last and last.end is None and last.start < start:
            # Starting the next phase ends the open one on that day.
            to_close = last
            spans = [
                PhaseSpan(span.name, span.start, start if span.start == last.start else span.end)
                for span in spans
            ]
        problems = phase_problems([*spans, PhaseSpan(name, start, end)])
        if problems:
            errors["start"] = problems
    if name == PhaseName.ABANDONED:
        learnings = postmortem_learnings.strip() or project.postmortem_learnings.strip()
        reasons = postmortem_reasons.strip() or project.postmortem_reasons.strip()
        if not learnings:
            errors["postmortem_learnings"] = (
                "Un abandon ne peut être enregistré sans post-mortem : dites ce qui a été appris."
            )
        if not reasons:
            errors["postmortem_reasons"] = "Dites pourquoi le service s'arrête."
    if errors:
        raise ValidationError(errors)
    if name == PhaseName.ABANDONED:
        project.postmortem_learnings = postmortem_learnings.strip() or project.postmortem_learnings
        project.postmortem_reasons = postmortem_reasons.strip() or project.postmortem_reasons
        if postmortem_learnings.strip() or postmortem_reasons.strip():
            project.postmortem_by = by if by is not None and by.is_authenticated else None
            project.postmortem_at = timezone.now()
        project.save(
            update_fields=[
                "postmortem_learnings", "postmortem_reasons", "postmortem_by", "postmortem_at",
                "updated_at",
            ]
        )  # fmt: skip
    if to_close:
        to_close.end = start
        to_close.save(update_fields=["end"])
    phase = phase or Phase(project=project)
    phase.name, phase.start, phase.end, phase.comment = name, start, end, comment
    phase.save()
    return phase


@transaction.atomic
def phase_delete(*, phase: Phase) -> None:
    """Delete a mistaken phase; the others are left as they are (a gap is allowed, an overlap
    never is, and removing a phase cannot create one)."""
    phase.delete()


# --- Team ---------------------------------------------------------------------------------


@transaction.atomic
def team_member_save(member: TeamMember) -> TeamMember:
    if member.end and member.end < member.start:
        raise ValidationError({"end": END_AFTER_START})
    if member.pk and not member.is_freelance and member.attestations.exists():
        raise ValidationError(
            {"is_freelance": "Cette personne a des périodes de service fait : elle reste en "
             "freelance tant qu'elles existent."}
        )  # fmt: skip
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def team_member_delete(*, member: TeamMember) -> None:
    """Remove someone entered by mistake; an attested service fait is a record of payment and
    keeps the person on the project."""
    if member.attestations.filter(attested_at__isnull=False).exists():
        raise ValidationError(
            f"{member.full_name} a des périodes de service fait attestées : indiquez plutôt une "
            "date de fin sur le projet."
        )
    member.attestations.all().delete()
    member.delete()


ALREADY_ATTESTED = "Cette période est déjà attestée : elle ne peut plus être modifiée ni supprimée."


@transaction.atomic
def service_fait_add(
    member: TeamMember, *, period_start: date, period_end: date, period: ServiceFait | None = None
) -> ServiceFait:
    """Declare a period of service fait for a freelance member (or correct `period`, while it is
    not attested)."""
    errors = {}
    if period is not None and period.attested_at:
        raise ValidationError(ALREADY_ATTESTED)
    if not member.is_freelance:
        errors["member"] = "Le service fait ne concerne que les personnes en freelance."
    others = member.attestations.exclude(pk=period.pk if period else None)
    if period_end < period_start:
        errors["period_end"] = "La fin de période doit suivre son début."
    elif others.filter(period_start__lte=period_end, period_end__gte=period_start):
        errors["period_start"] = "Cette période chevauche une période déjà déclarée."
    if errors:
        raise ValidationError(errors)
    period = period or ServiceFait(member=member)
    period.period_start, period.period_end = period_start, period_end
    period.save()
    return period


@transaction.atomic
def service_fait_delete(*, period: ServiceFait) -> None:
    if period.attested_at:
        raise ValidationError(ALREADY_ATTESTED)
    period.delete()


@transaction.atomic
def service_fait_attest(period: ServiceFait, *, by) -> ServiceFait:
    if period.attested_at:
        raise ValidationError("Ce service fait est déjà attesté.")
    period.attested_by = by
    period.attested_at = timezone.now()
    period.save(update_fields=["attested_by", "attested_at"])
    return period


# --- Committees ---------------------------------------------------------------------------


@transaction.atomic
def committee_save(committee: Committee, *, projects=None) -> Committee:
    committee.full_clean()
    committee.save()
    if projects is not None:
        removed = set(committee.projects.values_list("pk", flat=True)) - {p.pk for p in projects}
        if committee.decisions.filter(project__in=removed).exists():
            raise ValidationError(
                {"projects": "Un projet qui a déjà une décision ne peut être retiré du comité."}
            )
        committee.projects.set(projects)
    return committee


@transaction.atomic
def committee_delete(*, committee: Committee) -> None:
    """Delete a committee that has no decision (delete its decisions first, one by one: each
    removes the funding line it granted)."""
    if committee.decisions.exists():
        raise ValidationError(
            "Ce comité a des décisions : supprimez-les d'abord (chacune retire le financement "
            "qu'elle accordait)."
        )
    for document in committee.documents.all():
        document.file.delete(save=False)
    committee.delete()


@transaction.atomic
def committee_document_add(
    committee: Committee, upload, *, kinds: tuple[str, ...] = DOCUMENTS
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
def decision_record(
    committee: Committee,
    *,
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
    Everything is checked before anything is written.
    """
    errors = {}
    if not committee.projects.filter(pk=project.pk).exists():
        errors["project"] = f"« {project} » n'est pas à l'ordre du jour de ce comité."
    if amount is None or Decimal(amount) < 0:
        errors["amount"] = "Le montant accordé ne peut pas être négatif."
    if outcome not in Outcome.values:
        errors["outcome"] = "Choisissez une décision de la liste."
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
    decision.save()
    FundingLine.objects.filter(decision=decision).delete()
    if decision.amount > 0:
        FundingLine.objects.create(
            project=project,
            source=funding_source or f"{committee}",
            amount=decision.amount,
            start=committee.date,
            decision=decision,
        )
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision) -> None:
    """Delete a decision and the funding line it granted (both kept in the history)."""
    FundingLine.objects.filter(decision=decision).delete()
    decision.delete()


# --- Budget and maturity ------------------------------------------------------------------


def _granted_by_decision(line: FundingLine) -> None:
    if line.pk and line.decision_id:
        raise ValidationError(
            "Ce financement a été accordé par une décision de comité : corrigez ou supprimez "
            "la décision, depuis la page du comité."
        )


@transaction.atomic
def funding_save(line: FundingLine) -> FundingLine:
    """Add or correct a funding line typed by the team (one granted by a committee decision
    follows its decision)."""
    _granted_by_decision(line)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def funding_delete(*, line: FundingLine) -> None:
    _granted_by_decision(line)
    line.delete()


@transaction.atomic
def expense_save(expense: Expense) -> Expense:
    expense.full_clean()
    expense.save()
    return expense


@transaction.atomic
def expense_delete(*, expense: Expense) -> None:
    expense.delete()


@transaction.atomic
def maturity_review_save(review: MaturityReview) -> MaturityReview:
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def maturity_review_delete(*, review: MaturityReview) -> None:
    review.delete()


@transaction.atomic
def partner_add(project: Project, *, kind: str, code: str) -> ProjectPartner:
    """Attach a collectivité (by kind and natural code) to a project, once."""
    field, lookup = {
        "commune": ("commune", {"insee": code}),
        "epci": ("epci", {"siren": code}),
        "departement": ("departement", {"code": code}),
        "region": ("region", {"code": code}),
    }[kind]
    model = ProjectPartner._meta.get_field(field).related_model
    territory = model.objects.filter(**lookup).first()
    if territory is None:
        raise ValidationError({"code": "Aucune collectivité ne porte ce code."})
    partner, _ = ProjectPartner.objects.get_or_create(project=project, **{field: territory})
    records_changed.send(sender=Project, kind="projet", pks=[project.pk])
    return partner


@transaction.atomic
def partner_delete(*, partner: ProjectPartner) -> None:
    project_pk = partner.project_id
    partner.delete()
    records_changed.send(sender=Project, kind="projet", pks=[project_pk])


def person_erase(person: personal_data.Person) -> int:
    """A person erased: their team lines stay (dates, roles count) under « Personne effacée »."""
    names = Q(user=person.user)
    for name in person.names:
        names |= Q(user=None, full_name__iexact=name)
    members = list(TeamMember.objects.filter(names).values_list("pk", flat=True))
    TeamMember.objects.filter(pk__in=members).update(full_name=personal_data.ERASED_NAME)
    personal_data.scrub_history(TeamMember, members, full_name=personal_data.ERASED_NAME)
    return len(members)
