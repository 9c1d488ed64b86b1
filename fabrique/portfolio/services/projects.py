"""Writes of a project, its phases and its partner collectivités."""

from contextlib import suppress
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.core import slugs, spdx
from fabrique.core.forms import END_AFTER_START
from fabrique.core.signals import records_changed
from fabrique.territories.selectors import search_territories

from ..models import Phase, Project, ProjectPartner
from ..rules import PhaseSpan, phase_problems, project_deletion_problem
from ..selectors.projects import project_dependents
from ..vocabulary import PhaseName

# The fields of a project a service may set (the Markdown HTML, the post-mortem's author and
# date, the timestamps are derived; thematics and sponsors are relations, passed apart).
PROJECT_FIELDS = frozenset(
    field.name
    for field in Project._meta.concrete_fields
    if field.editable
    and not field.primary_key
    and field.name not in {"postmortem_by", "postmortem_at"}
)


def unique_slug(name: str, exclude_pk=None) -> str:
    return slugs.unique_slug(
        Project.objects.all(), name, max_length=100, fallback="projet", exclude_pk=exclude_pk
    )


@transaction.atomic
def project_save(
    *,
    name: str,
    kind: str,
    thematics=None,
    sponsors=None,
    project: Project | None = None,
    **fields,
) -> Project:
    """Create a project from its field values, or change `project` (fields not given keep their
    value). Without a slug, one is drawn from the name. Everything is checked before writing.

    `fields` are other fields of the project (`mission`, `description`, `manager`, `licence`…);
    `thematics` and `sponsors`, when given, replace the project's.
    """
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise TypeError(f"project_save: champs inconnus {sorted(unknown)}")
    if fields.get("licence"):
        # Written the canonical way; an expression outside the SPDX list is refused by the
        # model's validator (`core.spdx.validate`) in `full_clean` below.
        with suppress(spdx.LicenceError):
            fields["licence"] = spdx.canonical(fields["licence"])
    project = project or Project()
    project.name, project.kind = name, kind
    for field, value in fields.items():
        setattr(project, field, value)
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


@transaction.atomic
def project_delete(*, project: Project) -> None:
    """Delete a project created by mistake, with its description records (phases, partners,
    team, tokens); refused, in French, while it carries decisions, money or measures
    (`rules.project_deletion_problem`)."""
    problem = project_deletion_problem(project_dependents(project))
    if problem:
        raise ValidationError(problem)
    pk = project.pk
    project.delete()
    records_changed.send(sender=Project, kind="projet", pks=[pk])


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
    *,
    project: Project,
    name: str,
    start: date,
    end: date | None = None,
    comment: str = "",
    postmortem_learnings: str = "",
    postmortem_reasons: str = "",
    by=None,
    phase: Phase | None = None,
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


# --- Partners -----------------------------------------------------------------------------

NO_TERRITORY = "Aucune collectivité ne porte ce code."
PARTNER_LOOKUPS = {
    "commune": "insee",
    "epci": "siren",
    "departement": "code",
    "region": "code",
}


@transaction.atomic
def partner_add(*, project: Project, code: str, kind: str | None = None) -> ProjectPartner:
    """Attach a collectivité to a project, once: `code` is what a person types (Insee code,
    SIREN, code of a département: the exact match is taken), or a natural code of `kind`."""
    if kind is None:
        hits = [hit for hit in search_territories(code) if hit.exact]
        if not hits:
            raise ValidationError({"code": NO_TERRITORY})
        kind, code = hits[0].kind, hits[0].code
    field = kind
    model = ProjectPartner._meta.get_field(field).related_model
    territory = model.objects.filter(**{PARTNER_LOOKUPS[kind]: code}).first()
    if territory is None:
        raise ValidationError({"code": NO_TERRITORY})
    partner, _ = ProjectPartner.objects.get_or_create(project=project, **{field: territory})
    records_changed.send(sender=Project, kind="projet", pks=[project.pk])
    return partner


@transaction.atomic
def partner_delete(*, partner: ProjectPartner) -> None:
    project_pk = partner.project_id
    partner.delete()
    records_changed.send(sender=Project, kind="projet", pks=[project_pk])
