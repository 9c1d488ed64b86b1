"""Investigations: team and coach views, page, phases, days ledger, go/no-go, public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from fabrique.core import exports as core_exports
from fabrique.core.forms import add_service_errors
from fabrique.core.numbers import days_text
from fabrique.core.views_helpers import confirm_action, confirm_delete, form_page, require
from fabrique.portfolio import access as portfolio_access

from .. import access, exports, importers, selectors, services
from ..filters import InvestigationListFilter
from ..forms import (
    DayForm,
    DecisionForm,
    InvestigationForm,
    PhaseCloseForm,
    on_grid_fields,
    phase_form_class,
)
from ..rules import PhaseState, days_budget, decision_phases_problem, late_steps
from ..vocabulary import GO_GRID, StaffRole
from .common import crumbs, investigation_links, problem_links, public_list_link

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
            "query": request.GET.urlencode(),
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
            "go_grid": [(label, investigation.go_scores.get(key)) for key, label in GO_GRID],
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


def _phase(request, pk, step):
    investigation = access.investigation_for_user_or_404(request.user, pk, need="edit")
    phase = get_object_or_404(investigation.phases, step=step)
    return investigation, phase


def phase_edit(request, pk, step):
    investigation, phase = _phase(request, pk, step)
    form = phase_form_class(step)(request.POST or None, instance=phase)

    def save(data):
        services.phase_update(phase=phase, **data)
        return reverse("investigations:investigation", args=[pk]) + f"#phase-{step}"

    return form_page(
        request,
        form,
        save=save,
        title=f"Phase {step} : {phase.get_step_display()}",
        back_url=reverse("investigations:investigation", args=[pk]),
        success_message="Phase enregistrée.",
        breadcrumb=crumbs(
            *investigation_links(request.user, investigation), current=f"Phase {step}"
        ),
    )


def phase_close(request, pk, step):
    investigation, phase = _phase(request, pk, step)
    form = PhaseCloseForm(
        request.POST or None, initial={"on": timezone.localdate(), "summary": phase.summary}
    )

    def save(data):
        services.phase_close(phase=phase, summary=data["summary"], on=data["on"])
        return reverse("investigations:investigation", args=[pk]) + f"#phase-{step}"

    return form_page(
        request,
        form,
        save=save,
        title=f"Clore la phase {step} : {phase.get_step_display()}",
        back_url=reverse("investigations:investigation", args=[pk]),
        success_message="Phase close.",
        breadcrumb=crumbs(
            *investigation_links(request.user, investigation),
            current=f"Clore la phase {step}",
        ),
    )


def phase_reopen(request, pk, step):
    """Reopen the last closed phase to correct its synthesis or its date: asked first."""
    investigation, phase = _phase(request, pk, step)

    def act():
        services.phase_reopen(phase=phase)
        return reverse("investigations:investigation", args=[pk]) + f"#phase-{step}"

    return confirm_action(
        request,
        act=act,
        title=f"Rouvrir la phase {step} : {phase.get_step_display()}",
        intro="La phase redevient la phase en cours ; sa synthèse et ses livrables sont gardés, "
        "et vous la clorez de nouveau avec la bonne date.",
        submit_label="Rouvrir la phase",
        back_url=reverse("investigations:investigation", args=[pk]),
        success_message=f"Phase {step} rouverte : corrigez-la, puis closez-la de nouveau.",
        breadcrumb=crumbs(
            *investigation_links(request.user, investigation),
            current=f"Rouvrir la phase {step}",
        ),
    )


def day_add(request, pk):
    investigation = access.investigation_for_user_or_404(request.user, pk, need="edit")
    form = DayForm(
        request.POST or None,
        roles=access.day_roles(request.user, investigation),
        initial={
            "full_name": request.user.get_full_name(),
            "day": timezone.localdate(),
            "days": 1,
            "role": StaffRole.DESIGNER
            if investigation.designer_id == request.user.pk
            else StaffRole.COACH,
        },
    )

    def save(data):
        person = request.user if data["full_name"] == request.user.get_full_name() else None
        services.day_add(investigation=investigation, person=person, by=request.user, **data)
        return investigation.get_absolute_url() + "#jours"

    return form_page(
        request,
        form,
        save=save,
        title="Ajouter des jours",
        back_url=investigation.get_absolute_url(),
        success_message="Jours enregistrés.",
        breadcrumb=crumbs(
            *investigation_links(request.user, investigation), current="Ajouter des jours"
        ),
    )


def day_edit(request, pk, entry_pk):
    entry = access.day_entry_for_user_or_404(request.user, pk, entry_pk, need="edit")
    investigation = entry.investigation
    initial = {"full_name": entry.full_name, "role": entry.role, "day": entry.day,
               "days": entry.days, "note": entry.note}  # fmt: skip
    form = DayForm(
        request.POST or None, initial=initial, roles=access.day_roles(request.user, investigation)
    )

    def save(data):
        # The person stays linked while the name is theirs; another name unlinks the entry.
        person = entry.person
        if person is not None and data["full_name"].strip() != entry.full_name:
            person = None
        services.day_save(
            investigation=investigation, person=person, entry=entry, by=request.user, **data
        )
        return investigation.get_absolute_url() + "#jours"

    return form_page(
        request, form, save=save, title=f"Modifier les jours du {entry.day:%d/%m/%Y}",
        back_url=investigation.get_absolute_url() + "#jours",
        success_message="Jours modifiés.",
        breadcrumb=crumbs(*investigation_links(request.user, investigation),
                          current=f"Jours du {entry.day:%d/%m/%Y}"),
    )  # fmt: skip


def day_delete(request, pk, entry_pk):
    entry = access.day_entry_for_user_or_404(request.user, pk, entry_pk, need="edit")
    investigation = entry.investigation
    return confirm_delete(
        request,
        delete=lambda: services.day_delete(entry=entry, by=request.user),
        what=f"{days_text(entry.days)} de {entry.full_name} le {entry.day:%d/%m/%Y}",
        back_url=investigation.get_absolute_url(),
        done_url=investigation.get_absolute_url() + "#jours",
        breadcrumb=crumbs(
            *investigation_links(request.user, investigation),
            current=f"Supprimer les jours du {entry.day:%d/%m/%Y}",
        ),
    )


def _decision_form(request, pk, *, editing: bool):
    """Record the go/no-go, or correct it (`editing`): one form, the same rules."""
    investigation = access.investigation_for_user_or_404(request.user, pk)
    require(access.can_decide(request.user))
    if editing and not investigation.decision:
        messages.info(request, "Aucune décision n'est enregistrée : enregistrez-la.")
        return redirect("investigations:decision", pk=investigation.pk)
    if not editing and investigation.decision:
        messages.info(request, "La décision est déjà enregistrée : vous pouvez la modifier.")
        return redirect("investigations:decision_edit", pk=investigation.pk)
    planned = investigation.committee  # the committee planned for it, with its date
    initial = {"on": planned.date if planned else timezone.localdate(), "committee": planned}
    if editing:
        initial = {
            "decision": investigation.decision,
            "on": investigation.decided_on,
            "committee": investigation.committee,
            "project_name": investigation.project.name if investigation.project else "",
            "learnings": investigation.learnings,
            "solution": investigation.solution,
            **{f"grid_{key}": value for key, value in investigation.go_scores.items()},
        }
    form = DecisionForm(request.POST or None, initial=initial, investigation=investigation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = services.decision_update if editing else services.decision_record
        try:
            record(
                investigation=investigation,
                decision=data["decision"],
                on=data["on"],
                committee=data["committee"],
                go_scores=form.go_scores(),
                project_name=data["project_name"],
                learnings=data["learnings"],
                solution=data["solution"],
                replace_planned=data.get("replace_planned", False),
            )
        except ValidationError as error:
            add_service_errors(form, on_grid_fields(error, "grid_", [k for k, _ in GO_GRID]))
        else:
            done = "Décision du comité modifiée." if editing else "Décision du comité enregistrée."
            if planned is not None and investigation.committee != planned:
                done += (
                    f" Elle est rattachée au comité du {investigation.committee.date:%d/%m/%Y} ; "
                    f"le comité prévu du {planned.date:%d/%m/%Y} reste dans le portefeuille "
                    "(supprimez-le s'il ne s'est pas tenu)."
                )
            messages.success(request, done)
            return redirect(investigation)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": f"{'Modifier le go/no-go' if editing else 'Go/no-go'} : « {investigation} »",
            "intro": "La décision précédente est reprise avec les mêmes règles : un go déplace "
            "de nouveau le projet du portefeuille, un no-go le clôt."
            if editing
            else "",
            "back_url": investigation.get_absolute_url(),
            "breadcrumb_data": crumbs(
                *investigation_links(request.user, investigation),
                current="Modifier le go/no-go" if editing else "Go/no-go",
            ),
        },
    )


def decision(request, pk):
    return _decision_form(request, pk, editing=False)


def decision_edit(request, pk):
    return _decision_form(request, pk, editing=True)


def decision_cancel(request, pk):
    """Cancel a decision recorded by mistake: asked first."""
    investigation = access.investigation_for_user_or_404(request.user, pk)
    require(access.can_decide(request.user))
    if not investigation.decision:
        messages.info(request, "Aucune décision n'est enregistrée.")
        return redirect(investigation)

    def act():
        services.decision_cancel(investigation=investigation)
        return investigation.get_absolute_url()

    project = investigation.project
    kept = (
        f"Le projet « {project} » reste dans le portefeuille, revenu à sa phase "
        "d'investigation ; la décision de son comité est retirée. "
        if project
        else ""
    )
    return confirm_action(
        request,
        act=act,
        title=f"Annuler la décision « {investigation.get_decision_display()} » : "
        f"« {investigation} »",
        intro=kept + "L'investigation redevient en attente du comité de go/no-go.",
        submit_label="Annuler la décision",
        back_url=investigation.get_absolute_url(),
        success_message="Décision annulée : l'investigation attend de nouveau son comité.",
        breadcrumb=crumbs(
            *investigation_links(request.user, investigation), current="Annuler la décision"
        ),
    )


def investigation_pdf(request, pk):
    investigation = access.investigation_for_user_or_404(request.user, pk, need="internals")
    content = exports.investigation_pdf(
        investigation=investigation,
        phases=list(investigation.phases.all()),
        days=list(investigation.days.all()),
        today=timezone.localdate(),
    )
    reply = HttpResponse(content, content_type="application/pdf")
    reply["Content-Disposition"] = f'attachment; filename="investigation-{investigation.pk}.pdf"'
    return reply


@login_not_required
def public_list(request):
    """The investigations the team marked public, for everyone: problem, collectivités, phase,
    outcome (constant queries, paginated)."""
    page = selectors.public_investigation_page(
        access.public_investigations(), page_number=request.GET.get("page"), page_size=PAGE_SIZE
    )
    return render(
        request,
        "investigations/public_list.html",
        {
            "title": "Investigations publiques",
            "page": page,
            "breadcrumb_data": crumbs(current="Investigations publiques"),
        },
    )


@login_not_required
def public_page(request, pk):
    investigation = get_object_or_404(
        access.public_investigations().select_related("problem", "project"), pk=pk
    )
    phases = list(investigation.phases.all())
    current = next((p for p in phases if not p.closed), None)
    return render(
        request,
        "investigations/public.html",
        {
            "title": f"Investigation : {investigation} (page publique)",
            "investigation": investigation,
            "current": current,
            "collectivites": investigation.problem.collectivites.select_related(
                "commune", "epci", "departement", "region"
            ),
            "breadcrumb_data": crumbs(public_list_link(), current=str(investigation)),
        },
    )


@login_not_required
def open_data(request, fmt):
    rows = (
        selectors.investigation_rows(access.public_investigations())
        .select_related(None)
        .select_related("problem", "project")
    )
    if fmt == "schema.json":
        return JsonResponse(exports.open_data_schema(), json_dumps_params={"ensure_ascii": False})
    data = exports.open_data_rows(
        rows.prefetch_related(
            "problem__collectivites__commune",
            "problem__collectivites__epci",
            "problem__collectivites__departement",
            "problem__collectivites__region",
        )
    )
    if fmt not in core_exports.STREAM_FORMATS:
        raise Http404
    # Like every open data list (catalogue, sur-mesure): a JSON list of rows, its Table Schema
    # at .schema.json; the CSV with byte order mark and cells protected against formulas.
    return core_exports.stream_response(
        data, fmt, "investigations", header=[name for name, _, _ in exports.OPEN_DATA_FIELDS]
    )


def startup_file(request, pk):
    """The investigation as a beta.gouv.fr startup file (Markdown with YAML front matter)."""
    investigation = access.investigation_for_user_or_404(request.user, pk, need="internals")
    reply = HttpResponse(
        importers.startup_markdown(investigation), content_type="text/markdown; charset=utf-8"
    )
    reply["Content-Disposition"] = (
        f'attachment; filename="{importers.startup_filename(investigation)}"'
    )
    return reply
