"""Impact pages of a measurement import: upload a file, preview what it would change, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from fabrique.core.forms import add_service_errors, ask_files_again

from .. import access, selectors, services
from ..forms import ImportForm
from .common import impact_breadcrumb, indicators_url


def import_upload(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="record")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pending = services.import_prepare(
                project=project, upload=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("impact:import-preview", slug=project.slug, pk=pending.pk)
    if request.method == "POST":
        ask_files_again(form)  # refused: the file must be chosen again
    return render(
        request,
        "impact/import_upload.html",
        {
            "title": f"Importer des mesures — {project.name}",
            "project": project,
            "form": form,
            "indicators": project.indicators.filter(computed=""),
            "breadcrumb_data": impact_breadcrumb(project, "Importer des mesures"),
        },
    )


def import_preview(request, slug, pk):
    pending = access.measurement_import_for_user_or_404(request.user, slug, pk)
    project = pending.project
    if request.method == "POST":
        try:
            report = services.import_confirm(pending=pending, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("impact:import", slug=project.slug)
        messages.success(
            request, f"Import de « {pending.file_name} » enregistré : {report.values_summary()}"
        )
        return redirect(indicators_url(project))
    return render(
        request,
        "impact/import_preview.html",
        {
            "title": f"Aperçu de l'import — {project.name}",
            "project": project,
            "pending": pending,
            "preview": selectors.import_preview(pending),
            "form": ImportForm(),
            "breadcrumb_data": impact_breadcrumb(project, "Aperçu de l'import"),
        },
    )
