"""Calls for problems: public list, page, team forms."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from fabrique.core.views_helpers import confirm_delete, form_page, require

from .. import access, selectors, services
from ..forms import CallForm
from ..models import Call
from ..rules import call_delete_problem
from ..vocabulary import GRID_MAX
from .common import crumbs


@login_not_required
def call_list(request):
    calls = access.visible_calls(request.user).prefetch_related("regions")
    today = timezone.localdate()
    return render(
        request,
        "investigations/call_list.html",
        {
            "title": "Appels à problématiques",
            "open_calls": [c for c in calls if c.opens_on <= today <= c.closes_on],
            "other_calls": [c for c in calls if not c.opens_on <= today <= c.closes_on],
            "can_manage": access.can_manage_calls(request.user),
        },
    )


@login_not_required
def call_detail(request, pk):
    call = access.call_for_user_or_404(request.user, pk)
    with_scores = access.can_see_reviews(request.user)
    problems = selectors.call_problem_rows(
        call, visible=access.visible_problems(request.user), with_scores=with_scores
    )
    return render(
        request,
        "investigations/call_detail.html",
        {
            "title": call.title,
            "call": call,
            "problems": problems,
            "with_scores": with_scores,
            "can_manage": access.can_manage_calls(request.user),
            "delete_blocked": call_delete_problem(call.problems.count()),
            "can_submit": access.can_submit_problem(request.user),
            "can_list_problems": access.can_list_problems(request.user),
            "is_open": call.opens_on <= timezone.localdate() <= call.closes_on,
            "grid_max": GRID_MAX,
            "stats": selectors.programme_stats(call=call) if with_scores else None,
            "breadcrumb_data": crumbs(current=call.title),
        },
    )


def call_form(request, pk=None):
    call = access.call_for_user_or_404(request.user, pk, need="edit") if pk else None
    require(access.can_manage_calls(request.user))
    form = CallForm(request.POST or None, instance=call or Call())

    def save(data):
        regions = data.pop("regions")
        labels = data.pop("grid").splitlines()
        saved = services.call_save(call=call, regions=regions, grid_labels=labels, **data)
        return saved.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title="Modifier l'appel" if call else "Nouvel appel à problématiques",
        back_url=call.get_absolute_url() if call else reverse("investigations:calls"),
        success_message="Appel enregistré.",
        breadcrumb=crumbs((call.title, call.get_absolute_url()), current="Modifier")
        if call
        else crumbs(current="Nouvel appel"),
    )


def call_delete(request, pk):
    call = access.call_for_user_or_404(request.user, pk, need="edit")
    return confirm_delete(
        request,
        delete=lambda: services.call_delete(call=call),
        what=f"l'appel « {call} »",
        blocked=call_delete_problem(call.problems.count()),
        back_url=call.get_absolute_url(),
        done_url=reverse("investigations:calls"),
        breadcrumb=crumbs((call.title, call.get_absolute_url()), current="Supprimer"),
    )
