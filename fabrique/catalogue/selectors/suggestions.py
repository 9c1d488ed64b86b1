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
