"""Scoring and selection of a problem: a reviewer's scores, the team's decision and its
cancellation, once the call is closed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from fabrique.core.views_helpers import confirm_action, form_page, require

from ... import access, services
from ...forms import ReviewForm, SelectionForm, on_grid_fields
from ...rules import scoring_wait_problem
from ...vocabulary import ProblemStatus
from ..common import crumbs, problem_links


def _scoring_open_or_back(request, problem):
    """None when the call is closed (scoring and the decision open), else the way back to the
    problem's page with the French reason: the form does not open before the rule allows."""
    waits = scoring_wait_problem(problem.call, timezone.localdate())
    if not waits:
        return None
    messages.error(request, waits)
    return redirect(problem)


def problem_review(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_review(request.user))
    if back := _scoring_open_or_back(request, problem):
        return back
    existing = problem.reviews.filter(reviewer=request.user).first()
    initial = {f"score_{k}": v for k, v in (existing.scores if existing else {}).items()}
    if existing:  # corrected, not retyped: the comment comes back with the scores
        initial["comment"] = existing.comment
    form = ReviewForm(request.POST or None, grid=problem.call.grid, initial=initial)

    def save(data):
        try:
            services.review_record(
                problem=problem,
                reviewer=request.user,
                scores=form.scores(),
                comment=data["comment"],
            )
        except ValidationError as error:
            raise on_grid_fields(error, "score_", form.grid_keys) from error
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Noter « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Notation enregistrée.",
        breadcrumb=crumbs(*problem_links(problem), current="Noter"),
    )


def review_delete(request, pk):
    """The reviewer withdraws their own scores: asked first."""
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_review(request.user))
    if back := _scoring_open_or_back(request, problem):
        return back
    review = get_object_or_404(problem.reviews, reviewer=request.user)

    def act():
        services.review_delete(review=review)
        return problem.get_absolute_url()

    return confirm_action(
        request,
        act=act,
        title=f"Supprimer ma notation de « {problem} »",
        intro=f"Votre total ({review.total} / {problem.call.max_total}) et votre commentaire "
        "sont retirés de la moyenne et de l'écart type ; l'historique est conservé.",
        submit_label="Supprimer ma notation",
        back_url=problem.get_absolute_url(),
        success_message="Votre notation est supprimée ; la moyenne ne la compte plus.",
        breadcrumb=crumbs(*problem_links(problem), current="Supprimer ma notation"),
    )


def problem_select(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_select(request.user))
    if back := _scoring_open_or_back(request, problem):
        return back
    decided = problem.status in (ProblemStatus.SELECTED, ProblemStatus.DECLINED)
    initial = (
        {"selected": "1" if problem.status == ProblemStatus.SELECTED else "0",
         "reason": problem.decision_reason}
        if decided
        else {}
    )  # fmt: skip
    form = SelectionForm(request.POST or None, initial=initial)

    def save(data):
        services.selection_decide(problem=problem, selected=data["selected"], reason=data["reason"])
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Décision sur « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Décision enregistrée.",
        breadcrumb=crumbs(*problem_links(problem), current="Décision"),
    )


def problem_select_cancel(request, pk):
    """The team cancels its decision on a problem (asked first): the scores open again."""
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_select(request.user))

    def act():
        services.selection_cancel(problem=problem)
        return problem.get_absolute_url()

    return confirm_action(
        request,
        act=act,
        title=f"Annuler la décision sur « {problem} »",
        intro=f"La décision « {problem.get_status_display()} » et son motif "
        f"(« {problem.decision_reason} ») sont retirés ; la collectivité ne les voit plus. "
        "Les notes des relecteurs peuvent de nouveau être modifiées. L'historique est conservé.",
        submit_label="Oui, annuler la décision",
        back_url=problem.get_absolute_url(),
        success_message="Décision annulée : le problème est de nouveau « Soumis », ses notes "
        "peuvent être corrigées avant de décider de nouveau.",
        breadcrumb=crumbs(*problem_links(problem), current="Annuler la décision"),
    )
