"""Reads on teams: a project's team members, and the services faits still to attest."""

from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from fabrique.core.sorting import Sort, ordering

from ..models import Project, ServiceFait, TeamMember


def project_team(project: Project) -> QuerySet[TeamMember]:
    return project.team.select_related("user").prefetch_related("attestations")


# Sortable columns of the attestation list: query key → fields.
ATTESTATION_SORTS = {
    "personne": ("member__full_name", "period_end"),
    "projet": ("member__project__name", "period_end"),
    "periode": ("period_end", "period_start"),
}
ATTESTATION_DEFAULT_SORT = Sort("periode")


def attestations_to_issue(
    today: date | None = None, sort: Sort = ATTESTATION_DEFAULT_SORT
) -> dict[str, list[ServiceFait]]:
    """Service-fait periods not attested yet: late (ended before this month) or due this month.

    Each list in `sort` order (2 queries whatever the number of periods).
    """
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    pending = (
        ServiceFait.objects.filter(attested_at__isnull=True)
        .select_related("member__project")
        .order_by(*ordering(sort, ATTESTATION_SORTS), "pk")
    )
    return {
        "late": list(pending.filter(period_end__lt=month_start)),
        "due": list(pending.filter(period_end__gte=month_start, period_end__lt=next_month)),
    }


def person_export(person) -> list[dict]:
    """The projects a person works on or manages (personal data export)."""
    rows = [
        {
            "type": "membre de l'équipe",
            "projet": member.project.name,
            "nom": member.full_name,
            "role": member.get_role_display(),
            "debut": member.start,
            "fin": member.end,
            "structure": member.company,
        }
        for member in TeamMember.objects.filter(user=person.user).select_related("project")
    ]
    rows += [
        {"type": "chargé·e de portefeuille", "projet": project.name}
        for project in Project.objects.filter(manager=person.user).only("name")
    ]
    return rows
