"""The mission page, its acceptance and its steps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.core.views_helpers import form_page

from .. import rules, selectors, services
from ..access import can_answer_questionnaire, mission_for_user_or_404
from ..filters import NeedSortFilter
from ..forms import AcceptForm, CommentForm, NeedForm, StepForm, TimeForm
from ..selectors.discovery import mission_discovery
from ..selectors.followup import mission_followup
from ..selectors.prediagnostic import similar_for_viewer
from ..vocabulary import OPEN_STATUSES, MissionStatus
from .common import crumbs, mission_link
from .days import time_person


def mission(request, pk):
    item = mission_for_user_or_404(request.user, pk)
    can_work = is_incubator_staff(request.user) or item.consultant_id == request.user.pk
    # A request not accepted yet, or declined, is not documented (no buttons to add to it).
    documenting_problem = rules.documenting_problem(item.status)
    can_document = can_work and not documenting_problem
    keys = selectors.need_sort_keys(item.grid.criteria)
    sort = NeedSortFilter(request.GET or None, keys=keys).chosen_sort()
    context = {
        "title": str(item),
        "mission": item,
        "can_work": can_work,
        "can_document": can_document,
        "documenting_problem": documenting_problem,
        "can_log_time": can_work and item.status in OPEN_STATUSES,
        "mission_running": item.status in OPEN_STATUSES,
        "can_manage": is_incubator_staff(request.user),
        "can_answer": can_answer_questionnaire(request.user, item)
        and not rules.answering_problem(item.status),
        # A declined request has nothing to prepare.
        "can_refresh_prediagnostic": can_work and item.status != MissionStatus.DECLINED,
        "can_change_request": item.status in services.REQUEST_STATUSES
        and (is_incubator_staff(request.user) or request.user.role == Role.AGENT),
        "accept_form": AcceptForm(status=item.status, requested_on=item.requested_on),
        "comment_form": CommentForm(),
        "step_form": StepForm(status=item.status, can_decline=is_incubator_staff(request.user)),
        "time_form": TimeForm(
            team=is_incubator_staff(request.user),
            for_person=None
            if time_person(request.user, item) == request.user
            else time_person(request.user, item),
        ),
        "need_form": NeedForm(grid=item.grid.criteria),
        "breadcrumb_data": crumbs(current=str(item.collectivite)),
        "sort": sort,
        **selectors.mission_page(item, sort),
        **mission_discovery(item),
        **mission_followup(item),
    }
    if context["followup"] and context["followup"]["closing_problem"]:
        context["step_form"] = StepForm(
            status=item.status,
            can_decline=is_incubator_staff(request.user),
            closing_problem=context["followup"]["closing_problem"],
        )
    context["similar_seen"] = similar_for_viewer(context["prediagnostic"], request.user)
    # Each solution used nearby once, with its EPCI and département counts.
    snapshot = context["prediagnostic"]
    context["nearby"] = rules.nearby_once(snapshot.data.get("nearby", []) if snapshot else [])
    if not can_work:  # the collectivité reads the final versions only (access: deliverable_file)
        context["deliverables"] = [d for d in context["deliverables"] if d.is_final]
    return render(request, "diagnostics/mission.html", context)


def back_to_mission(item, anchor=""):
    return redirect(item.get_absolute_url() + anchor)


@require_POST
def mission_accept(request, pk):
    """Accept from the mission page; a refusal (no consultant, a start date mistyped or before
    the request…) shows the form again with what was typed, what to fix and, for an unusual
    date, the box that confirms it."""
    item = mission_for_user_or_404(request.user, pk, need="manage")
    form = AcceptForm(request.POST, status=item.status, requested_on=item.requested_on)

    def save(data):
        services.mission_accept(mission=item, by=request.user, **data)
        return item.get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Accepter la demande — {item.collectivite}",
        back_url=item.get_absolute_url(),
        success_message="Demande acceptée, consultant·e assigné·e.",
        extra={"intro": "La demande n'a pas été acceptée : corrigez ce qui est signalé.",
               "submit_label": "Accepter"},  # the button of the mission page's form
        breadcrumb=crumbs(mission_link(item), current="Accepter la demande"),
    )  # fmt: skip


@require_POST
def mission_step(request, pk):
    item = mission_for_user_or_404(request.user, pk, need="work")
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    else:
        to, reason = form.cleaned_data["to"], form.cleaned_data["reason"]
        try:
            if to == MissionStatus.DECLINED:
                if not is_incubator_staff(request.user):
                    raise PermissionDenied
                services.mission_decline(mission=item, reason=reason)
            else:
                services.mission_move(mission=item, to=to, reason=reason)
            messages.success(request, f"Mission passée à « {item.get_status_display()} ».")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return back_to_mission(item)
