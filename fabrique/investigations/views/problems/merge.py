"""Merging problems into one (its collectivités joined), and undoing the merge."""

from django.contrib import messages
from django.shortcuts import redirect

from fabrique.core.views_helpers import confirm_action, form_page, require

from ... import access, services
from ...forms import MergeForm
from ...rules import NOTHING_TO_MERGE
from ...vocabulary import ProblemStatus
from ..common import crumbs, problem_links


def problem_merge(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_select(request.user))
    candidates = services.mergeable_sources(access.visible_problems(request.user), problem)
    if problem.status == ProblemStatus.MERGED:
        messages.info(request, f"« {problem} » est lui-même fusionné dans un autre problème : "
                      "fusionnez plutôt dans celui-ci.")  # fmt: skip
        return redirect(problem)
    if not candidates.exists():
        messages.info(request, NOTHING_TO_MERGE)
        return redirect(problem)
    form = MergeForm(request.POST or None, candidates=candidates)

    def save(data):
        services.problems_merge(target=problem, sources=list(data["sources"]))
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Fusionner d'autres problèmes dans « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Problèmes fusionnés.",
        breadcrumb=crumbs(*problem_links(problem), current="Fusionner"),
    )


def problem_merge_undo(request, pk):
    """Undoes a merge (the people who merge): asked first, refused in French when the problem
    it joined has moved on."""
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_select(request.user))
    if problem.status != ProblemStatus.MERGED:
        messages.info(request, "Ce problème n'est pas fusionné : il n'y a pas de fusion à annuler.")
        return redirect(problem)
    target = problem.merged_into
    brought = (
        ", ".join(str(link) for link in target.collectivites.filter(merged_from=problem))
        if target
        else ""
    )
    intro = (
        f"« {problem} » redevient un problème à part entière, avec le statut qu'il avait avant "
        "la fusion."
    )
    if target:
        intro += (
            f" Les collectivités que la fusion avait ajoutées à « {target} » le quittent : "
            f"{brought}."
            if brought
            else f" La fusion n'avait ajouté aucune collectivité à « {target} »."
        )
    intro += " L'historique des deux problèmes garde la fusion et son annulation."

    def act():
        services.problem_merge_undo(problem=problem)
        return problem.get_absolute_url()

    return confirm_action(
        request,
        act=act,
        title=f"Annuler la fusion de « {problem} »",
        intro=intro,
        submit_label="Annuler la fusion",
        back_url=problem.get_absolute_url(),
        success_message="Fusion annulée : le problème est de nouveau séparé.",
        template="investigations/merge_undo.html",
        extra={"refused": services.problems.merge_undo_problem(problem)},
        breadcrumb=crumbs(*problem_links(problem), current="Annuler la fusion"),
    )
