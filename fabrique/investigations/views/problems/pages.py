"""The problems' own pages: list, page, edit, delete."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from fabrique.core.views_helpers import confirm_delete, form_page, require

from ... import access, selectors, services
from ...filters import ProblemFilter
from ...forms import ProblemForm
from ...models import Call
from ...rules import scores_locked_problem, scoring_wait_problem, territory_profile
from ...vocabulary import ProblemStatus
from ..common import crumbs, problem_links, problems_link

PAGE_SIZE = 50


def problem_list(request):
    require(access.can_list_problems(request.user))
    visible = access.visible_problems(request.user)
    filters = ProblemFilter(
        request.GET or None, queryset=visible.select_related("call"), request=request
    )
    if not access.can_review(request.user):
        # Whether scoring is open is the reviewers' question: an agent is not offered it.
        del filters.filters["notation"]
    filters.form.fields["call"].queryset = access.visible_calls(request.user)
    problems = filters.qs if filters.is_bound and filters.is_valid() else filters.queryset
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "investigations/problem_list.html",
        {
            "title": "Problèmes",
            "page": page,
            "can_submit": access.can_submit_problem(request.user),
            "filters": filters,
            "breadcrumb_data": crumbs(current="Problèmes"),
        },
    )


def problem_detail(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk)
    with_scores = access.can_see_reviews(request.user)
    # Scoring and the decision come after the call closes, on a problem not merged elsewhere:
    # the buttons are offered then; before, the page says when (the same sentence as the
    # forms and the services refuse with).
    scoring_waits = scoring_wait_problem(problem.call, timezone.localdate())
    open_to_decide = not scoring_waits and problem.status != ProblemStatus.MERGED
    # Once decided, the scores stay as the decision took them (the service refuses, in French).
    scores_locked = scores_locked_problem(problem.status)
    return render(
        request,
        "investigations/problem_detail.html",
        {
            "title": f"Problème : {problem.title}",
            "problem": problem,
            "collectivites": [
                (link, territory_profile(link.commune.population) if link.commune_id else "")
                for link in problem.collectivites.select_related(
                    "commune", "epci", "departement", "region"
                )
            ],
            "reviews": problem.reviews.select_related("reviewer") if with_scores else None,
            "with_scores": with_scores,
            "can_edit": access.can_edit_problem(request.user, problem),
            "can_review": access.can_review(request.user) and open_to_decide and not scores_locked,
            "scores_locked": scores_locked if access.can_review(request.user) else "",
            "scoring_waits": scoring_waits
            if access.can_select(request.user) and problem.status != ProblemStatus.MERGED
            else "",
            "my_review": problem.reviews.filter(reviewer=request.user).exists()
            if access.can_review(request.user)
            else False,
            "can_select": access.can_select(request.user),
            "can_decide": access.can_select(request.user) and open_to_decide,
            "can_cancel_decision": access.can_select(request.user)
            and problem.status in (ProblemStatus.SELECTED, ProblemStatus.DECLINED)
            and not hasattr(problem, "investigation"),
            # « Fusionner » only when some other problem can be merged into this one.
            "can_merge": access.can_select(request.user)
            and problem.status != ProblemStatus.MERGED
            and services.mergeable_sources(access.visible_problems(request.user), problem).exists(),
            "can_undo_merge": access.can_select(request.user)
            and problem.status == ProblemStatus.MERGED,
            "similar": selectors.similar_for_problem(problem, user=request.user),
            "investigation": getattr(problem, "investigation", None),
            # The problems merged into this one, with their own pages and history.
            "merged": access.visible_problems(request.user).filter(merged_into=problem),
            "history": problem.history.select_related("history_user")[:10] if with_scores else None,
            "Status": ProblemStatus,
            "breadcrumb_data": crumbs(problems_link(), current=problem.title),
        },
    )


def problem_edit(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk, need="edit")
    links = list(problem.collectivites.select_related("commune", "epci", "departement", "region"))
    codes = ", ".join(
        link.commune.insee if link.commune_id else link.epci.siren
        for link in links
        if link.commune_id or link.epci_id
    )
    form = ProblemForm(
        request.POST or None,
        user=request.user,
        calls=selectors.open_calls() | Call.objects.filter(pk=problem.call_id),
        editing=True,
        territories=[link.territory for link in links],
        initial={
            **{f: getattr(problem, f) for f in services.problems.TEXT_FIELDS},
            "sufferers_count": problem.sufferers_count,
            "codes": codes,
            "call": problem.call_id,
        },
    )

    def save(data):
        fields = {f: data[f] for f in services.problems.TEXT_FIELDS}
        if "call" in form.fields:
            fields["call"] = data["call"]
        services.problem_update(
            problem=problem,
            by=request.user,
            collectivites=data["territories"],
            sufferers_count=data["sufferers_count"],
            **fields,
        )
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Modifier « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Problème modifié.",
        breadcrumb=crumbs(*problem_links(problem), current="Modifier"),
    )


def problem_delete(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk, need="edit")
    return confirm_delete(
        request,
        delete=lambda: services.problem_delete(problem=problem),
        what=f"le problème « {problem} »"
        + (" et ses pièces jointes" if problem.attachments.exists() else ""),
        back_url=problem.get_absolute_url(),
        done_url=reverse("investigations:problems"),
        breadcrumb=crumbs(*problem_links(problem), current="Supprimer"),
    )
