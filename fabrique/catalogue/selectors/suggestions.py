"""Reads on the solutions suggested by collectivités: pending ones first."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from ..models import SolutionSuggestion


def suggestions_for(user, *, staff: bool) -> QuerySet[SolutionSuggestion]:
    queryset = SolutionSuggestion.objects.select_related("submitted_by", "solution")
    if not staff:
        queryset = queryset.filter(submitted_by=user)
    pending_first = Case(
        When(status="en-attente", then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return queryset.annotate(pending_first=pending_first).order_by(
        "pending_first", "-submitted_at", "-pk"
    )


def person_export(person) -> list[dict]:
    """The solutions a person suggested, with the team's answer (personal data export)."""
    return [
        {
            "solution": suggestion.name,
            "site": suggestion.website,
            "description": suggestion.description,
            "commentaire": suggestion.comment,
            "proposee_le": suggestion.submitted_at,
            "etat": suggestion.get_status_display(),
            "reponse_de_l_equipe": suggestion.moderation_note,
        }
        for suggestion in SolutionSuggestion.objects.filter(submitted_by=person.user).order_by(
            "submitted_at", "pk"
        )
    ]
