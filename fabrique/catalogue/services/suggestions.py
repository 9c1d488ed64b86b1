"""Writes of suggestions: a collectivité proposes a solution, the team publishes or refuses it."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.core.text import search_key

from .. import vocabulary
from ..models import (
    Solution,
    SolutionSuggestion,
)
from ..vocabulary import (
    Category,
    SuggestionStatus,
)
from .common import (
    build,
    check_choices,
    full_clean,
    raise_errors,
)
from .solutions import solution_save

SUGGESTION_DERIVED = (
    "categories", "submitted_by", "status", "moderated_by", "moderated_at", "moderation_note",
    "solution",
)  # fmt: skip


@transaction.atomic
def suggestion_submit(
    *,
    name: str,
    description: str,
    by,
    categories: Iterable[str] = (),
    suggestion: SolutionSuggestion | None = None,
    **fields,
) -> SolutionSuggestion:
    """A collectivité proposes a solution (`website`, `origin`, `comment`…) to the team, or
    corrects its proposal (`suggestion`) while the team has not answered it."""
    if suggestion is not None:
        _check_pending(suggestion)
        by = suggestion.submitted_by
    suggestion = build(
        SolutionSuggestion, suggestion, {"name": name, "description": description, **fields},
        service="suggestion_submit", derived=SUGGESTION_DERIVED,
    )  # fmt: skip
    categories = list(categories)
    errors = {}
    check_choices(errors, "categories", categories, Category, "Catégories")
    if Solution.objects.filter(name_key=search_key(suggestion.name)).exists():
        errors["name"] = (
            f"« {suggestion.name} » est déjà au catalogue : cherchez-la et proposez plutôt "
            "votre collectivité comme utilisatrice à l'équipe."
        )
    raise_errors(errors)
    suggestion.categories = vocabulary.encode(categories, Category)
    suggestion.submitted_by = by
    suggestion.status = SuggestionStatus.PENDING
    full_clean(suggestion, exclude=["submitted_by", "moderated_by", "solution"])
    suggestion.save()
    return suggestion


def _check_pending(suggestion: SolutionSuggestion):
    if suggestion.status != SuggestionStatus.PENDING:
        raise ValidationError(
            {"__all__": f"Cette suggestion est déjà modérée ({suggestion.get_status_display()})."}
        )


@transaction.atomic
def suggestion_withdraw(*, suggestion: SolutionSuggestion) -> None:
    """Withdraw a proposal the team has not answered yet (kept in the history)."""
    _check_pending(suggestion)
    suggestion.delete()


@transaction.atomic
def suggestion_accept(
    *, suggestion: SolutionSuggestion, by, origin: str, cost_model: str, note: str = ""
) -> Solution:
    """Publish a suggestion as a new solution (the team completes it afterwards)."""
    _check_pending(suggestion)
    solution = solution_save(
        name=suggestion.name,
        origin=origin,
        cost_model=cost_model,
        website=suggestion.website,
        description=suggestion.description,
        categories=vocabulary.decode(suggestion.categories),
    )
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.solution = solution
    suggestion.moderated_by, suggestion.moderated_at = by, timezone.now()
    suggestion.moderation_note = note
    suggestion.save()
    return solution


@transaction.atomic
def suggestion_refuse(*, suggestion: SolutionSuggestion, by, note: str) -> SolutionSuggestion:
    _check_pending(suggestion)
    if not (note or "").strip():
        raise ValidationError(
            {"note": "Dites pourquoi : la personne qui l'a proposée lira cette réponse."}
        )
    suggestion.status = SuggestionStatus.REFUSED
    suggestion.moderated_by, suggestion.moderated_at = by, timezone.now()
    suggestion.moderation_note = note.strip()
    suggestion.save()
    return suggestion


ACCEPT, REFUSE = "accepter", "refuser"


@transaction.atomic
def suggestion_moderate(
    *, suggestion: SolutionSuggestion, by, decision: str, origin: str = "",
    cost_model: str = "", note: str = "",
) -> SolutionSuggestion:  # fmt: skip
    """The team's answer to a suggestion: `decision` is « accepter » (it becomes a solution,
    `suggestion.solution`) or « refuser » (with a note for the person who proposed it)."""
    if decision == ACCEPT:
        suggestion_accept(
            suggestion=suggestion, by=by, origin=origin, cost_model=cost_model, note=note
        )
    elif decision == REFUSE:
        suggestion_refuse(suggestion=suggestion, by=by, note=note)
    else:
        raise ValidationError({"decision": "Choisissez de publier ou de refuser la suggestion."})
    return suggestion
