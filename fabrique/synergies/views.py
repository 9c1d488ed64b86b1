from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fabrique.core.views_helpers import breadcrumb, require

from . import access, selectors, services
from .filters import SynergyFilter
from .models import RecomputeState
from .vocabulary import DecisionStatus

PAGE_SIZE = 6  # groups per page (each shows selectors.PAIRS_SHOWN pairs at most)
GROUP_PAIRS_PAGE_SIZE = 50  # pairs per page on a group's own page
DONE = {
    DecisionStatus.CONFIRMED: "Synergie confirmée.",
    DecisionStatus.DISMISSED: (
        "Synergie écartée : cette paire ne sera plus proposée (elle peut être rétablie depuis "
        "« Paires écartées »)."
    ),
    DecisionStatus.PUT_IN_TOUCH: "Mise en relation enregistrée.",
}


def synergies(request):
    require(access.can_view_synergies(request.user))
    filterset = SynergyFilter(
        request.GET,
        projects=access.own_projects(request.user),
        readable=access.similar_kinds(request.user),
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    keys = [pair.pair_key for group in page.object_list for pair in group.shown_pairs]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "synergies/synergies.html",
        {
            "title": "Synergies",
            "page": page,
            "statuses": selectors.pair_statuses(keys)
            if access.can_view_decisions(request.user)
            else {},
            "filters": filterset.criteria,
            "choices": selectors.filter_choices(access.similar_kinds(request.user)),
            "decisions": DecisionStatus,
            "state": RecomputeState.objects.filter(pk=1).first(),
            "query_string": params.urlencode(),
            "filtered": bool(params),
            "can_decide": access.can_decide_synergy(request.user),
            "can_restore": access.can_restore_synergy(request.user),
        },
    )


def synergy_group(request, pk: int):
    """One group: all its members, and all its pairs by pages."""
    group = access.group_for_user_or_404(request.user, pk, load=selectors.synergy_group)
    readable = access.similar_kinds(request.user)
    page = Paginator(
        selectors.group_pairs(group, readable=readable), GROUP_PAIRS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "synergies/group.html",
        {
            "title": f"Synergies : groupe {group.position}",
            "group": group,
            "page": page,
            "statuses": selectors.pair_statuses(pair.pair_key for pair in page.object_list)
            if access.can_view_decisions(request.user)
            else {},
            "decisions": DecisionStatus,
            "query_string": "",
            "can_decide": access.can_decide_synergy(request.user),
        },
    )


@require_POST
def decide(request):
    require(access.can_decide_synergy(request.user))
    status = request.POST.get("status", "")
    try:
        services.decide(
            a=request.POST.get("a", ""),
            b=request.POST.get("b", ""),
            status=status,
            note=request.POST.get("note", ""),
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, DONE[status])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "synergies:list"
    return redirect(target)


def dismissed(request):
    """The pairs dismissed and not restored, each with a « Rétablir » button."""
    require(access.can_restore_synergy(request.user))
    return render(
        request,
        "synergies/dismissed.html",
        {
            "title": "Paires écartées",
            "decisions": selectors.dismissed_decisions(),
            "breadcrumb_data": breadcrumb(
                ("Synergies", reverse("synergies:list")), current="Paires écartées"
            ),
        },
    )


@require_POST
def restore(request, pk: int):
    decision = access.dismissal_for_user_or_404(request.user, pk)
    try:
        services.restore(decision=decision, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Synergie rétablie : cette paire sera de nouveau proposée si les deux éléments "
            "se ressemblent toujours.",
        )
    return redirect("synergies:dismissed")
