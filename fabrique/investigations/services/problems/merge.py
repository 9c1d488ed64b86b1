"""Merging problems into one (their collectivités joined), and undoing a merge."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ...models import Call, Problem, ProblemCollectivite
from ...vocabulary import ProblemStatus
from .submission import announce_problems_changed, link_collectivite


def mergeable_sources(problems, target: Problem):
    """Those of `problems` that may be merged into `target`: not itself, not already merged,
    without an investigation (it was started with its own collectivités). The merge form offers
    these and `problems_merge` accepts only these."""
    return (
        problems.exclude(pk=target.pk)
        .exclude(status=ProblemStatus.MERGED)
        .filter(investigation__isnull=True)
    )


@transaction.atomic
def problems_merge(*, target: Problem, sources) -> Problem:
    """Several collectivités on one problem: the sources' collectivités join the target, the
    sources stay (with their history) marked as merged into it."""
    sources = [p for p in sources if p.pk != target.pk]
    if not sources:
        raise ValidationError({"sources": "Choisissez au moins un autre problème à fusionner."})
    if target.status == ProblemStatus.MERGED:
        raise ValidationError({"target": "Ce problème est lui-même fusionné dans un autre."})
    accepted = set(
        mergeable_sources(
            Problem.objects.filter(pk__in=[p.pk for p in sources]), target
        ).values_list("pk", flat=True)
    )
    taken = [str(p) for p in sources if p.pk not in accepted and hasattr(p, "investigation")]
    if taken:
        raise ValidationError(
            {"sources": "Ces problèmes ont déjà une investigation : " + ", ".join(taken) + "."}
        )
    merged = [str(p) for p in sources if p.pk not in accepted]
    if merged:
        raise ValidationError(
            {"sources": "Ces problèmes sont déjà fusionnés dans un autre : " + ", ".join(merged)
             + "."}
        )  # fmt: skip
    for source in sources:
        for link in source.collectivites.all():
            link_collectivite(target, link.territory, merged_from=source)
        source.status = ProblemStatus.MERGED
        source.merged_into = target
        source.save()
    announce_problems_changed([target.pk, *(p.pk for p in sources)])
    return target


def _status_before_merge(problem: Problem) -> str:
    """The status the problem had just before its merge, read in its history."""
    before = (
        problem.history.exclude(status=ProblemStatus.MERGED)
        .order_by("-history_date", "-history_id")
        .first()
    )
    return before.status if before else ProblemStatus.SUBMITTED


def merge_undo_problem(problem: Problem) -> str:
    """Why the merge of `problem` may not be undone; "" when it may. The problem it joined must
    not have moved on with the gathered collectivités (decided, investigated, merged further)."""
    if problem.status != ProblemStatus.MERGED:
        return "Ce problème n'est pas fusionné : il n'y a pas de fusion à annuler."
    target = problem.merged_into
    if target is None:  # the problem it joined was deleted since: nothing to take back there
        pass
    elif hasattr(target, "investigation"):
        return (
            f"« {target} » a une investigation, lancée avec les collectivités réunies : "
            "la fusion ne s'annule plus."
        )
    if target.status in (ProblemStatus.SELECTED, ProblemStatus.DECLINED):
        decided = "retenu" if target.status == ProblemStatus.SELECTED else "décliné"
        return (
            f"« {target} » a été {decided} avec les collectivités réunies : la décision "
            "les a comptées, la fusion ne s'annule plus."
        )
    if target.status == ProblemStatus.MERGED:
        return (
            f"« {target} » est lui-même fusionné dans « {target.merged_into} » : annulez "
            "d'abord cette fusion-là."
        )
    if _status_before_merge(problem) == ProblemStatus.SELECTED and problem.call_id:
        call = Call.objects.select_for_update().get(pk=problem.call_id)
        taken = call.problems.filter(status=ProblemStatus.SELECTED).count()
        if taken >= call.funded_count:
            return (
                f"Ce problème était retenu, mais l'appel « {call} » finance "
                f"{call.funded_count} investigation(s), déjà toutes attribuées : déclinez "
                "d'abord un problème retenu."
            )
    return ""


@transaction.atomic
def problem_merge_undo(*, problem: Problem) -> Problem:
    """Undoes the merge of `problem` into the problem it joined: it gets back the status it had
    before, and the collectivités the merge brought to the other problem leave it (unless
    another problem still merged there brought them too). Both histories keep the merge and its
    undoing."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if wrong := merge_undo_problem(problem):
        raise ValidationError({"__all__": wrong})
    target = problem.merged_into
    problem.status = _status_before_merge(problem)
    problem.merged_into = None
    problem.save()
    if target is None:
        announce_problems_changed([problem.pk])
        return problem
    others = list(
        Problem.objects.filter(merged_into=target, status=ProblemStatus.MERGED).exclude(
            pk=problem.pk
        )
    )
    for link in target.collectivites.filter(merged_from=problem):
        still = next(
            (
                other
                for other in others
                if other.collectivites.filter(
                    **{ProblemCollectivite.field_for(link.territory): link.territory}
                ).exists()
            ),
            None,
        )
        if still is None:
            link.delete()
        else:
            link.merged_from = still
            link.save(update_fields=["merged_from"])
    announce_problems_changed([target.pk, problem.pk])
    return problem
