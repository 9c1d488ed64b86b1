"""Impact page of a project's deployment: its target (the collectivités it aims at), the ones that
use the service, and its penetration."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse

from fabrique.core.forms import add_service_errors
from fabrique.core.views_helpers import confirm_delete, form_page

from .. import access, services
from ..forms import DeploymentForm, DeploymentSinceForm, DeploymentTargetForm
from ..selectors import penetration
from ..vocabulary import TargetKind
from .common import PAGE_SIZE, impact_breadcrumb


def deployment(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="deployment")
    target = penetration.project_target(project)
    initial = {}
    if target:
        initial = {
            "kind": target.kind,
            "max_population": target.max_population,
            "departements": ", ".join(d.code for d in target.departements.all()),
            "region": target.region_id,
        }
    action = request.POST.get("action")
    target_form = DeploymentTargetForm(
        request.POST if action == "target" else None,
        initial=initial or {"kind": TargetKind.COMMUNES},
    )
    add_form = DeploymentForm(request.POST if action == "add" else None)
    if request.method == "POST":
        try:
            if action == "target" and target_form.is_valid():
                services.deployment_target_save(project=project, **target_form.cleaned_data)
                messages.success(request, "Cible enregistrée ; la pénétration est recalculée.")
                return redirect("impact:deployment", slug=project.slug)
            if action == "add" and add_form.is_valid():
                data = add_form.cleaned_data
                added = services.deployments_add(
                    project=project, territories=data["codes"], since=data["since"]
                )
                already = len(data["codes"]) - added
                plural = "s" if added > 1 else ""
                message = f"{added} collectivité{plural} ajoutée{plural}"
                if already:
                    verb = "utilisaient" if already > 1 else "utilisait"
                    message += f" ; {already} {verb} déjà le service"
                messages.success(request, message + ".")
                return redirect("impact:deployment", slug=project.slug)
        except ValidationError as error:
            add_service_errors(target_form if action == "target" else add_form, error)
    deployments = penetration.project_deployments(project)
    page = Paginator(deployments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "impact/deployment.html",
        {
            "title": f"Déploiement — {project.name}",
            "project": project,
            "figures": penetration.penetration_figures(project, target),
            "target_form": target_form,
            "add_form": add_form,
            "page": page,
            # The catalogue entries of the service: they show this count as the reference, and
            # cite their own list of users beside it.
            "catalogue_entries": project.catalogue_solutions.annotate(cited=Count("uses")),
            "breadcrumb_data": impact_breadcrumb(project, "Déploiement"),
        },
    )


def deployment_edit(request, slug, pk):
    deployment = access.deployment_for_user_or_404(request.user, slug, pk)
    project = deployment.project
    back = reverse("impact:deployment", args=[project.slug])
    form = DeploymentSinceForm(request.POST or None, initial={"since": deployment.since})

    def save(data):
        services.deployment_save(deployment=deployment, since=data["since"])
        return back

    return form_page(
        request, form, save=save,
        title=f"Modifier la date d'adoption de {deployment.territory}",
        back_url=back,
        success_message=lambda: f"Date d'adoption de {deployment.territory} modifiée : "
        f"{deployment.since:%d/%m/%Y}.",
        breadcrumb=impact_breadcrumb(project, "Modifier", ("Déploiement", back)),
    )  # fmt: skip


def deployment_remove(request, slug, pk):
    deployment = access.deployment_for_user_or_404(request.user, slug, pk)
    back = reverse("impact:deployment", args=[deployment.project.slug])
    return confirm_delete(
        request,
        delete=lambda: services.deployment_remove(deployment=deployment),
        what=f"{deployment.territory} des collectivités utilisatrices",
        consequence="La pénétration du service est recalculée sans elle.",
        back_url=back,
        done_url=back,
        breadcrumb=impact_breadcrumb(deployment.project, "Retirer", ("Déploiement", back)),
    )
