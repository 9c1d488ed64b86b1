"""Follow-up pages: record where each need stands at 3 or 6 months, and the follow-ups to do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from fabrique.core.views_helpers import form_page

from .. import rules, services
from ..access import can_see_followups, mission_for_user_or_404
from ..forms import FollowUpForm
from ..models import NeedFollowUp
from ..selectors.benchmark import recommendations_prefetch
from ..selectors.followup import follow_ups_to_do
from ..vocabulary import FOLLOW_UP_MONTHS
from .common import crumbs, mission_link


def followup_record(request, pk, milestone):
    mission = mission_for_user_or_404(request.user, pk, need="work")
    if milestone not in FOLLOW_UP_MONTHS:
        raise Http404
    needs = mission.needs.prefetch_related(recommendations_prefetch()).order_by("pk")
    recorded = {
        follow_up.need_id: follow_up
        for follow_up in NeedFollowUp.objects.filter(need__mission=mission, milestone=milestone)
    }
    form = FollowUpForm(request.POST or None, needs=needs, recorded=recorded)
    back = mission.get_absolute_url() + "#suivi"

    def save(data):
        services.followup_record(
            mission=mission, milestone=milestone, states=form.states(), by=request.user
        )
        return back

    intro = ("Pour chaque besoin : la solution retenue est-elle adoptée, en cours, "
             "abandonnée (dites pourquoi) ou bloquée (dites ce qui bloque) ?")  # fmt: skip
    if mission.delivered_on:
        due_on = rules.follow_up_due_on(mission.delivered_on, milestone)
        if due_on > timezone.localdate():
            intro = f"Ce suivi ne pourra être enregistré qu'à partir du {due_on:%d/%m/%Y}. " + intro
    return form_page(
        request, form, save=save, title=f"Suivi à {milestone} mois — {mission.collectivite}",
        back_url=back, success_message=f"Suivi à {milestone} mois enregistré.",
        extra={"intro": intro},
        breadcrumb=crumbs(mission_link(mission), current=f"Suivi à {milestone} mois"),
    )  # fmt: skip


def followups(request):
    """« Suivis à faire »: the team sees every mission, a consultant their own."""
    user = request.user
    if not can_see_followups(user):
        raise PermissionDenied
    return render(
        request,
        "diagnostics/followups.html",
        {
            "title": "Suivis à faire",
            "rows": follow_ups_to_do(user),
            "breadcrumb_data": crumbs(current="Suivis à faire"),
        },
    )
