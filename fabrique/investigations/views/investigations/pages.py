"""The investigation's own pages: the team's and the coach's lists, start, page, edit, delete."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fabrique.core import exports as core_exports
from fabrique.core.views_helpers import confirm_delete, form_page, require, without_page
from fabrique.portfolio import access as portfolio_access

from ... import access, exports, selectors, services
from ...filters import InvestigationListFilter
from ...forms import InvestigationForm
from ...rules import PhaseState, days_budget, decision_phases_problem, go_grid_rows, late_steps
from ...vocabulary import GRID_MAX
from ..common import crumbs, investigation_links, problem_links

PAGE_SIZE = 50


def investigation_list(request):
    """The team's view: every investigation (of a call), status, phase, late, days used."""
    require(access.can_select(request.user))
    filters = InvestigationListFilter(
        request.GET, queryset=access.visible_investigations(request.user)
    )
    filters.form.fields["appel"].queryset = access.visible_calls(request.user)
    if not filters.is_valid():  # a call that does not exist or that the viewer may not see
        raise Http404("Appel introuvable.")
    queryset, call = filters.qs, filters.form.cleaned_data.get("appel")
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "ods", "csv"):
        rows = selectors.investigation_rows(queryset)
        return core_exports.response(
            exports.team_rows(rows), fmt, exports.TEAM_COLUMNS, "Investigations", "investigations"
        )
    page = selectors.investigation_page(
        queryset, page_number=request.GET.get("page"), page_size=PAGE_SIZE
    )
    return render(
        request,
        "investigations/investigation_list.html",
        {
            "title": "Investigations",
            "page": page,
            "call": call,
            "calls": access.visible_calls(request.user),
            "stats": selectors.programme_stats(call=call),
            # The filters kept by the pagination; the export links add `export=` to them.
            "query_string": without_page(request),
            "export_formats": core_exports.TABLE_FORMATS.items(),
            "breadcrumb_data": crumbs(current="Toutes les investigations"),
        },
    )


def my_investigations(request):
    """The coach's view: my investigations, phase, days left, next committee, what is missing."""
    return render(
        request,
        "investigations/mine.html",
        {
            "title": "Mes investigations",
            "rows": selectors.coach_rows(request.user),
            "breadcrumb_data": crumbs(current="Mes investigations"),
        },
    )


def investigation_start(request, problem_pk):
    problem = access.problem_for_user_or_404(request.user, problem_pk)
    require(access.can_select(request.user))
    form = InvestigationForm(request.POST or None, initial={"agents": problem.team})

    def save(data):
        investigation = services.investigation_start(problem=problem, **data)
        return investigation.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Lancer l'investigation de « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Investigation lancée : ses cinq phases sont planifiées.",
        breadcrumb=crumbs(*problem_links(problem), current="Lancer l'investigation"),
    )


def _phase_states(phases):
    return [PhaseState(p.step, p.planned_end, p.closed) for p in phases]


@login_not_required
def investigation_detail(request, pk):
    investigation = access.investigation_for_user_or_404(request.user, pk)
    if not access.can_see_internals(request.user, investigation):
        return redirect("investigations:public", pk=investigation.pk)
    phases = list(investigation.phases.all())
    today = timezone.localdate()
    days = list(investigation.days.select_related("person"))
    current = next((p for p in phases if not p.closed), None)
    closed_steps = [p.step for p in phases if p.closed]
    return render(
        request,
        "investigations/investigation_detail.html",
        {
            "title": f"Investigation : {investigation}",
            "investigation": investigation,
            "problem": investigation.problem,
            "phases": phases,
            "current": current,
            "last_closed": max(closed_steps, default=None),
            "missing": selectors.missing_for_current_phase(current) if current else [],
            "late": late_steps(_phase_states(phases), today),
            "days": days,
            "budget": days_budget(days),
            "can_edit": access.can_edit_investigation(request.user, investigation),
            # Whose days this person corrects: the coach and the designer, never each other's.
            "day_roles": access.day_roles(request.user, investigation),
            "can_see_committee": bool(investigation.committee_id)
            and portfolio_access.can_view_committee(request.user, investigation.committee),
            # Deleting is the team's (as in investigation_delete); a coach only edits.
            "can_delete": access.can_select(request.user),
            "can_decide": access.can_decide(request.user) and not investigation.decision,
            "can_correct_decision": access.can_decide(request.user)
            and bool(investigation.decision),
            "decision_waits": decision_phases_problem(set(closed_steps)),
            "go_grid": go_grid_rows(investigation.go_scores),
            "go_grid_max": GRID_MAX,
            "similar": selectors.similar_for_problem(investigation.problem, user=request.user),
            "breadcrumb_data": crumbs(
                investigation_links(request.user, investigation)[0], current=str(investigation)
            ),
        },
    )


def investigation_edit(request, pk):
    investigation = access.investigation_for_user_or_404(request.user, pk, need="edit")
    form = InvestigationForm(
        request.POST or None,
        editing=True,
        investigation=investigation,
        can_assign=access.can_select(request.user),
        initial={
            f: getattr(investigation, f)
            for f in ("coach", "designer", "agents", "start", "weeks", "is_public", "committee")
        },
    )

    def save(data):
        services.investigation_update(investigation=investigation, **data)
        return investigation.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Modifier l'investigation « {investigation} »",
        back_url=investigation.get_absolute_url(),
        success_message="Investigation modifiée.",
        breadcrumb=crumbs(*investigation_links(request.user, investigation), current="Modifier"),
    )


def investigation_delete(request, pk):
    investigation = access.investigation_for_user_or_404(request.user, pk, need="edit")
    require(access.can_select(request.user))
    return confirm_delete(
        request,
        delete=lambda: services.investigation_delete(investigation=investigation),
        what=f"l'investigation « {investigation} »",
        back_url=investigation.get_absolute_url(),
        done_url=reverse("investigations:investigations"),
        breadcrumb=crumbs(*investigation_links(request.user, investigation), current="Supprimer"),
    )
