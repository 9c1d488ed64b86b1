"""The go/no-go of an investigation: record it, correct it, cancel it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from fabrique.core.forms import add_service_errors
from fabrique.core.views_helpers import confirm_action, require

from ... import access, services
from ...forms import DecisionForm, on_grid_fields
from ...vocabulary import GO_GRID
from ..common import crumbs, investigation_links


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
