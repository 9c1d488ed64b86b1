"""The attachments of a problem: download, add, delete."""

from django.http import FileResponse, Http404

from fabrique.core.views_helpers import confirm_delete, form_page

from ... import access, services
from ...forms import AttachmentForm
from ..common import crumbs, problem_links


def attachment_download(request, pk):
    attachment = access.attachment_for_user_or_404(request.user, pk)
    if not attachment.file:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def attachment_add(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk, need="edit")
    form = AttachmentForm(request.POST or None, request.FILES or None)

    def save(data):
        services.attachment_add(problem=problem, upload=data["file"])
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Ajouter une pièce jointe à « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Pièce jointe ajoutée.",
        breadcrumb=crumbs(*problem_links(problem), current="Ajouter une pièce jointe"),
    )


def attachment_delete(request, pk):
    attachment = access.attachment_for_user_or_404(request.user, pk, need="edit")
    problem = attachment.problem
    return confirm_delete(
        request,
        delete=lambda: services.attachment_delete(attachment=attachment),
        what=f"la pièce jointe « {attachment} »",
        back_url=problem.get_absolute_url(),
        done_url=problem.get_absolute_url(),
        breadcrumb=crumbs(*problem_links(problem), current="Supprimer une pièce jointe"),
    )
