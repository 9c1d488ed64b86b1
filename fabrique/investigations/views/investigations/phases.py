"""The phases of an investigation: edit, close, reopen."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from fabrique.core.views_helpers import confirm_action, form_page

from ... import access, services
from ...forms import PhaseCloseForm, phase_form_class
from ..common import crumbs, investigation_links


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
