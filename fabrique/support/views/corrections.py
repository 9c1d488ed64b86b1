"""Corrections: edit and delete follow-ups, their notes, expert modules not yet ordered, module
deliverables not yet attested, and one's own request before the team answers it. Each write goes
through the service that keeps the creation rules, behind the same access functions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from fabrique.core.views_helpers import confirm_delete, form_page
from fabrique.portfolio.models import Project

from .. import access, rules, services
from ..forms import FollowUpEditForm, ModuleForm, ModuleQuotedForm, NoteForm, RequestForm
from ..vocabulary import ModuleStatus
from .common import crumbs, follow_up_links, history_page, module_links, requests_link


def _post(request):
    return request.POST if request.method == "POST" else None


def _refused(request, problem: str, url: str):
    """A correction the rules no longer allow: say why and go back, nothing changed."""
    if problem:
        messages.error(request, problem)
        return redirect(url)
    return None


# --- Follow-ups and their notes ----------------------------------------------------------------


def follow_up_edit(request, pk):
    item = access.follow_up_for_user_or_404(request.user, pk, need="edit")
    back = reverse("support:follow-up", args=[item.pk])
    initial = {"theme": item.theme, "title": item.title, "next_due": item.next_due}
    form = FollowUpEditForm(_post(request), initial=initial)

    def save(data):
        services.follow_up_save(follow_up=item, **data)
        return back

    return form_page(
        request, form, save=save, title=f"Modifier le suivi « {item.title} »", back_url=back,
        success_message="Le suivi est modifié.",
        breadcrumb=crumbs(*follow_up_links(request.user, item), current="Modifier"),
    )  # fmt: skip


def follow_up_delete(request, pk):
    item = access.follow_up_for_user_or_404(request.user, pk, need="edit")
    count = item.notes.count()
    return confirm_delete(
        request, delete=lambda: services.follow_up_delete(follow_up=item, by=request.user),
        what=f"le suivi « {item.title} » du projet {item.project}",
        consequence=f"Ses notes ({count}) sont supprimées avec lui." if count else "",
        back_url=reverse("support:follow-up", args=[item.pk]),
        done_url=reverse("support:coach"),
        breadcrumb=crumbs(*follow_up_links(request.user, item), current="Supprimer"),
    )  # fmt: skip


def follow_up_history(request, pk):
    item = access.follow_up_for_user_or_404(request.user, pk, need="edit")
    return history_page(
        request,
        item,
        back_url=reverse("support:follow-up", args=[item.pk]),
        breadcrumb_data=crumbs(*follow_up_links(request.user, item), current="Historique"),
    )


def note_edit(request, pk):
    note = access.note_for_user_or_404(request.user, pk, need="edit")
    item = note.follow_up
    back = reverse("support:follow-up", args=[item.pk])
    initial = {
        "date": note.date, "notes": note.notes, "next_step": note.next_step,
        "indicators": list(note.indicators.values_list("pk", flat=True)),
        "next_due": item.next_due,
    }  # fmt: skip
    form = NoteForm(_post(request), project=item.project, initial=initial)

    def save(data):
        services.follow_up_note_save(follow_up=item, note=note, **data)
        return back

    return form_page(
        request, form, save=save, title=f"Modifier la note du {note.date:%d/%m/%Y} — {item}",
        back_url=back, success_message="La note est modifiée.",
        breadcrumb=crumbs(*follow_up_links(request.user, item),
                          current=f"Note du {note.date:%d/%m/%Y}"),
    )  # fmt: skip


def note_delete(request, pk):
    note = access.note_for_user_or_404(request.user, pk, need="edit")
    back = reverse("support:follow-up", args=[note.follow_up_id])
    return confirm_delete(
        request, delete=lambda: services.note_delete(note=note, by=request.user),
        what=f"la note du {note.date:%d/%m/%Y} du suivi « {note.follow_up.title} »",
        back_url=back, done_url=back,
        breadcrumb=crumbs(*follow_up_links(request.user, note.follow_up),
                          current=f"Supprimer la note du {note.date:%d/%m/%Y}"),
    )  # fmt: skip


# --- Expert modules and their deliverables -------------------------------------------------------


def _module_page(module):
    return reverse("support:module", args=[module.pk])


def module_edit(request, pk):
    module = access.module_for_user_or_404(request.user, pk, need="edit")
    back = _module_page(module)
    if refused := _refused(request, rules.module_change_problem(module.status), back):
        return refused
    quoted = module.status == ModuleStatus.QUOTE
    initial = {
        "project": module.project_id, "expertise": module.expertise, "theme": module.theme,
        "reason": module.reason, "expected_deliverables": module.expected_deliverables,
        "follower": module.follower_id, "supplier": module.supplier_id,
        "statement_of_need": module.statement_of_need,
        "days_per_profile": module.days_per_profile,
    }  # fmt: skip
    form = (ModuleQuotedForm if quoted else ModuleForm)(_post(request), initial=initial)

    def save(data):
        return _module_page(services.module_save(module=module, **data))

    return form_page(
        request, form, save=save, title=f"Modifier le module « {module.expertise} »",
        back_url=back, success_message="Le module est modifié.",
        extra={"intro": "Le besoin et le devis se corrigent jusqu'à la commande."},
        breadcrumb=crumbs(*module_links(module), current="Modifier"),
    )  # fmt: skip


def module_delete(request, pk):
    module = access.module_for_user_or_404(request.user, pk, need="edit")
    back = _module_page(module)
    if refused := _refused(request, rules.module_change_problem(module.status), back):
        return refused
    return confirm_delete(
        request, delete=lambda: services.module_delete(module=module, by=request.user),
        what=f"le module d'expertise « {module.expertise} » du projet {module.project}",
        back_url=back, done_url=reverse("support:modules"),
        breadcrumb=crumbs(*module_links(module), current="Supprimer"),
    )  # fmt: skip


def deliverable_delete(request, pk):
    item = access.module_deliverable_for_user_or_404(request.user, pk, need="deliver")
    back = _module_page(item.module)
    if refused := _refused(request, rules.deliverable_delete_problem(item.module.status), back):
        return refused
    by = request.user
    return confirm_delete(
        request, delete=lambda: services.module_deliverable_delete(deliverable=item, by=by),
        what=f"le livrable « {item.title} » du module « {item.module.expertise} »",
        back_url=back, done_url=back,
        breadcrumb=crumbs(*module_links(item.module), current=f"Supprimer « {item.title} »"),
    )  # fmt: skip


# --- One's own request ---------------------------------------------------------------------------


def request_edit(request, pk):
    item = access.own_request_for_user_or_404(request.user, pk)
    back = reverse("support:requests")
    if refused := _refused(request, rules.request_change_problem(item.status), back):
        return refused
    projects = Project.objects.filter(team__user=request.user).distinct()
    initial = {"theme": item.theme, "project": item.project_id, "message": item.message}
    form = RequestForm(_post(request), projects=projects, initial=initial)

    def save(data):
        services.request_save(requester=request.user, request=item, **data)
        return back

    return form_page(
        request, form, save=save, title="Modifier ma demande d'accompagnement", back_url=back,
        success_message="Votre demande est modifiée.",
        breadcrumb=crumbs(requests_link(), current="Modifier ma demande"),
    )  # fmt: skip


def request_delete(request, pk):
    item = access.own_request_for_user_or_404(request.user, pk)
    back = reverse("support:requests")
    if refused := _refused(request, rules.request_change_problem(item.status), back):
        return refused
    return confirm_delete(
        request, delete=lambda: services.request_delete(request=item, by=request.user),
        what=f"votre demande d'accompagnement « {item.get_theme_display()} »",
        back_url=back, done_url=back,
        breadcrumb=crumbs(requests_link(), current="Retirer ma demande"),
    )  # fmt: skip
