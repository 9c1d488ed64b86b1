"""Calls, reviewers' scores and the selection."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Call, Problem, Review
from ..rules import (
    call_delete_problem,
    funded_count_problem,
    grid_from_labels,
    review_total,
    score_problems,
    scores_locked_problem,
    scoring_wait_problem,
)
from ..vocabulary import ProblemStatus


@transaction.atomic
def call_save(
    *, call: Call | None = None, regions=None, grid_labels: list[str] | None = None, **fields
) -> Call:
    """Create or change a call; `grid_labels` (one criterion a line) sets its scoring grid."""
    call = call or Call()
    errors = {}
    if grid_labels is not None:
        fields["grid"], wrong = grid_from_labels(grid_labels, call.grid)
        if wrong:
            errors["grid"] = wrong
    if (
        "grid" in fields
        and call.pk
        and fields["grid"] != call.grid
        and Review.objects.filter(problem__call=call).exists()
    ):
        errors["grid"] = (
            "Des problèmes de cet appel sont déjà notés : la grille ne change plus "
            "(les notes portent sur ses critères)."
        )
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(call, name, value)
    if wrong := funded_count_problem(call.funded_count):
        errors["funded_count"] = wrong
    unknown = [k for k in call.kinds if k not in ("commune", "epci", "departement", "region")]
    if unknown:
        errors["eligible_kinds"] = f"Types inconnus : {', '.join(unknown)}."
    if errors:
        raise ValidationError(errors)
    call.full_clean()
    call.save()
    if regions is not None:
        call.regions.set(regions)
    return call


@transaction.atomic
def call_delete(*, call: Call) -> None:
    if refused := call_delete_problem(call.problems.count()):
        raise ValidationError({"__all__": refused})
    call.delete()


def _closed(call: Call | None, today) -> str:
    return scoring_wait_problem(call, today)


@transaction.atomic
def review_record(*, problem: Problem, reviewer, scores: dict, comment: str = "", today=None):
    today = today or timezone.localdate()
    problem_ = _closed(problem.call, today) or scores_locked_problem(problem.status)
    if problem_:
        raise ValidationError({"__all__": problem_})
    errors = score_problems(scores, problem.call.grid_keys)
    if errors:
        raise ValidationError(errors)
    clean = {key: int(value) for key, value in scores.items()}
    review, _ = Review.objects.update_or_create(
        problem=problem,
        reviewer=reviewer,
        defaults={"scores": clean, "total": review_total(clean), "comment": comment},
    )
    return review


@transaction.atomic
def review_delete(*, review: Review, today=None) -> None:
    """A reviewer withdraws their scores, under the rules that let them score: the call closed,
    no decision taken on them yet."""
    today = today or timezone.localdate()
    problem = review.problem
    if closed := _closed(problem.call, today) or scores_locked_problem(problem.status):
        raise ValidationError({"__all__": closed})
    review.delete()


@transaction.atomic
def selection_decide(*, problem: Problem, selected: bool, reason: str, today=None) -> Problem:
    """The team selects (up to the number funded) or declines a problem, with a reason."""
    today = today or timezone.localdate()
    errors = {}
    closed = _closed(problem.call, today)
    if closed:
        errors["__all__"] = closed
    if not reason.strip():
        errors["reason"] = "Donnez le motif de la décision : la collectivité le verra."
    if problem.status == ProblemStatus.MERGED:
        errors["__all__"] = "Ce problème est fusionné dans un autre : décidez sur celui-ci."
    if not errors and selected:
        call = Call.objects.select_for_update().get(pk=problem.call_id)
        taken = call.problems.filter(status=ProblemStatus.SELECTED).exclude(pk=problem.pk).count()
        if taken >= call.funded_count:
            errors["__all__"] = (
                f"L'appel finance {call.funded_count} investigation(s), déjà toutes attribuées : "
                "déclinez d'abord un problème retenu."
            )
    if not errors and not selected and hasattr(problem, "investigation"):
        errors["__all__"] = "Ce problème a déjà une investigation : il ne peut plus être décliné."
    if errors:
        raise ValidationError(errors)
    problem.status = ProblemStatus.SELECTED if selected else ProblemStatus.DECLINED
    problem.decision_reason = reason.strip()
    problem.save(update_fields=["status", "decision_reason"])
    return problem


@transaction.atomic
def selection_cancel(*, problem: Problem) -> Problem:
    """The team cancels its decision on a problem: back to « Soumis », its scores open again."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if problem.status not in (ProblemStatus.SELECTED, ProblemStatus.DECLINED):
        raise ValidationError({"__all__": "Ce problème n'a pas de décision à annuler."})
    if hasattr(problem, "investigation"):
        raise ValidationError(
            {
                "__all__": "Ce problème a déjà une investigation : sa sélection ne s'annule plus "
                "(supprimez d'abord l'investigation si elle a été lancée par erreur)."
            }
        )
    problem.status = ProblemStatus.SUBMITTED
    problem.decision_reason = ""
    problem.save(update_fields=["status", "decision_reason"])
    return problem
