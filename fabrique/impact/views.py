"""Impact pages: thin views that parse, call one selector or service, and render."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fabrique.core.forms import add_service_errors
from fabrique.core.views_helpers import form_page, require

from . import access, overview, penetration, rules, selectors, services
from .forms import (
    DeploymentForm,
    DeploymentTargetForm,
    ImportForm,
    IndicatorForm,
    MeasurementForm,
    TokenForm,
)
from .models import Deployment, Indicator, MeasurementImport, ProjectToken
from .starter import STARTER_KEYS
from .vocabulary import Status, TargetKind

PAGE_SIZE = 50


def _breadcrumb(project, current: str, *, indicators: bool = True) -> dict:
    links = [
        {"url": reverse("portfolio:list"), "title": "Projets"},
        {"url": project.get_absolute_url(), "title": project.name},
    ]
    if indicators:
        links.append(
            {"url": reverse("impact:indicators", args=[project.slug]), "title": "Indicateurs"}
        )
    return {"links": links, "current": current}


def _indicators_url(project) -> str:
    return reverse("impact:indicators", args=[project.slug])


# --- Indicators ---------------------------------------------------------------------------


def indicators(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_view_indicators(request.user, project))
    states = selectors.project_indicators(project)
    present = {state.indicator.key for state in states}
    return render(
        request,
        "impact/indicators.html",
        {
            "title": f"Indicateurs — {project.name}",
            "project": project,
            "states": states,
            "can_edit": access.can_edit_indicators(request.user, project),
            "starter_missing": [key for key in STARTER_KEYS if key not in present],
            "breadcrumb_data": _breadcrumb(project, "Indicateurs", indicators=False),
        },
    )


@require_POST
def starter_set(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_edit_indicators(request.user, project))
    created = services.starter_set_add(project)
    if created:
        messages.success(
            request,
            f"{len(created)} indicateur{'s' if len(created) > 1 else ''} du socle commun "
            f"ajouté{'s' if len(created) > 1 else ''} : donnez-leur une valeur de référence et "
            "une cible.",
        )
    else:
        messages.info(request, "Le projet a déjà les indicateurs du socle commun.")
    return redirect(_indicators_url(project))


def indicator_create(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_edit_indicators(request.user, project))
    form = IndicatorForm(request.POST or None)

    def save(data):
        indicator = form.save(commit=False)
        indicator.project = project
        services.indicator_save(indicator)
        return indicator.get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Nouvel indicateur — {project}",
        back_url=_indicators_url(project), success_message="Indicateur créé.",
    )  # fmt: skip


def _indicator(request, slug, pk, check) -> Indicator:
    project = selectors.project_by_slug(slug)
    require(check(request.user, project))
    return selectors.indicator_for_project(project, pk)


def indicator_edit(request, slug, pk):
    indicator = _indicator(request, slug, pk, access.can_edit_indicators)
    form = IndicatorForm(request.POST or None, instance=indicator)

    def save(data):
        services.indicator_save(form.save(commit=False))
        return indicator.get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier « {indicator} »",
        back_url=indicator.get_absolute_url(), success_message="Indicateur modifié.",
    )  # fmt: skip


def indicator_delete(request, slug, pk):
    indicator = _indicator(request, slug, pk, access.can_edit_indicators)
    if request.method == "POST":
        services.indicator_delete(indicator)
        messages.success(request, f"Indicateur « {indicator} » supprimé, avec ses valeurs.")
        return redirect(_indicators_url(indicator.project))
    return render(
        request,
        "impact/indicator_delete.html",
        {
            "title": f"Supprimer « {indicator} »",
            "indicator": indicator,
            "count": indicator.measurements.count(),
        },
    )


@require_POST
def north_star(request, slug, pk):
    indicator = _indicator(request, slug, pk, access.can_edit_indicators)
    services.north_star_set(indicator)
    messages.success(request, f"« {indicator} » est désormais l'étoile du Nord du projet.")
    return redirect(indicator.get_absolute_url())


def indicator(request, slug, pk):
    indicator = _indicator(request, slug, pk, access.can_view_indicators)
    project = indicator.project
    can_record = access.can_record_measurements(request.user, project) and not indicator.computed
    form = MeasurementForm(request.POST or None) if can_record else None
    if request.method == "POST":
        require(can_record)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.measurement_record(
                    indicator, day=data["date"], value=data["value"], comment=data["comment"],
                    user=request.user,
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Valeur enregistrée : {report.summary()}")
                return redirect(indicator.get_absolute_url() + "#valeurs")
    points = selectors.indicator_points(indicator)
    return render(
        request,
        "impact/indicator.html",
        {
            "title": f"{indicator.name} — {project.name}",
            "project": project,
            "indicator": indicator,
            "state": selectors.indicator_state(indicator, points),
            "points": points,
            "form": form,
            "can_edit": access.can_edit_indicators(request.user, project),
            "history": selectors.measurement_history(indicator),
            "breadcrumb_data": _breadcrumb(project, indicator.name),
        },
    )


# --- Import -------------------------------------------------------------------------------


def import_upload(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_record_measurements(request.user, project))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pending = services.import_prepare(project, form.cleaned_data["file"], user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("impact:import-preview", slug=project.slug, pk=pending.pk)
    return render(
        request,
        "impact/import_upload.html",
        {
            "title": f"Importer des mesures — {project.name}",
            "project": project,
            "form": form,
            "indicators": project.indicators.filter(computed=""),
            "breadcrumb_data": _breadcrumb(project, "Importer des mesures"),
        },
    )


def import_preview(request, slug, pk):
    project = selectors.project_by_slug(slug)
    require(access.can_record_measurements(request.user, project))
    pending = MeasurementImport.objects.filter(
        pk=pk, project=project, created_by=request.user
    ).first()
    if pending is None:
        raise Http404("Aperçu introuvable ou expiré.")
    if request.method == "POST":
        try:
            report = services.import_confirm(pending, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("impact:import", slug=project.slug)
        messages.success(
            request, f"Import de « {pending.file_name} » enregistré : {report.summary()}"
        )
        return redirect(_indicators_url(project))
    return render(
        request,
        "impact/import_preview.html",
        {
            "title": f"Aperçu de l'import — {project.name}",
            "project": project,
            "pending": pending,
            "preview": selectors.import_preview(pending),
            "form": ImportForm(),
            "breadcrumb_data": _breadcrumb(project, "Aperçu de l'import"),
        },
    )


# --- Tokens -------------------------------------------------------------------------------


@never_cache
def tokens(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_manage_tokens(request.user, project))
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _, secret = services.token_create(
            project, user=request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    return render(
        request,
        "impact/tokens.html",
        {
            "title": f"Jetons d'API — {project.name}",
            "project": project,
            "tokens": selectors.project_tokens(project),
            "form": form,
            "secret": secret,
            "api_url": request.build_absolute_uri(
                reverse("api:project-measurements", args=[project.slug])
            ),
            "breadcrumb_data": _breadcrumb(project, "Jetons d'API"),
        },
    )


@require_POST
def token_revoke(request, slug, pk):
    project = selectors.project_by_slug(slug)
    require(access.can_manage_tokens(request.user, project))
    token = get_object_or_404(ProjectToken, pk=pk, project=project)
    try:
        services.token_revoke(token, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Jeton {token.prefix}… révoqué : il ne fonctionne plus.")
    return redirect("impact:tokens", slug=project.slug)


# --- Deployment ---------------------------------------------------------------------------


def deployment(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_manage_deployment(request.user, project))
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
                services.deployment_target_save(project, **target_form.cleaned_data)
                messages.success(request, "Cible enregistrée ; la pénétration est recalculée.")
                return redirect("impact:deployment", slug=project.slug)
            if action == "add" and add_form.is_valid():
                data = add_form.cleaned_data
                added = services.deployments_add(
                    project, territories=data["codes"], since=data["since"]
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
            "breadcrumb_data": _breadcrumb(project, "Déploiement"),
        },
    )


@require_POST
def deployment_remove(request, slug, pk):
    project = selectors.project_by_slug(slug)
    require(access.can_manage_deployment(request.user, project))
    deployment = get_object_or_404(
        Deployment.objects.select_related("commune", "epci"), pk=pk, project=project
    )
    services.deployment_remove(deployment)
    messages.success(request, f"{deployment.territory} retiré des collectivités utilisatrices.")
    return redirect("impact:deployment", slug=project.slug)


# --- Public statistics --------------------------------------------------------------------


@login_not_required
def stats(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_view_stats(request.user, project))
    return render(
        request,
        "impact/stats.html",
        {
            "title": f"Statistiques — {project.name}",
            "project": project,
            "series": selectors.public_series(project),
            "figures": penetration.penetration_figures(project),
            "breadcrumb_data": _breadcrumb(project, "Statistiques", indicators=False),
        },
    )


def _stats_payload(request, project) -> dict:
    series = selectors.public_series(project)
    return {
        "project": {
            "slug": project.slug,
            "name": project.name,
            "url": request.build_absolute_uri(project.get_absolute_url()),
        },
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "indicators": [selectors.indicator_payload(state, points) for state, points in series],
    }


@login_not_required
def stats_json(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_view_stats(request.user, project))
    response = JsonResponse(
        _stats_payload(request, project), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# Cells starting with these characters are run as formulas by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defuse(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


CSV_HEADER = ["indicateur", "niveau", "nature", "unite", "periode", "fin_de_periode", "valeur"]


@login_not_required
def stats_csv(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_view_stats(request.user, project))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for state, points in selectors.public_series(project):
        indicator = state.indicator
        for point in points:
            writer.writerow([
                _defuse(indicator.name), indicator.get_level_display(),
                indicator.get_kind_display(), indicator.unit, point.period.isoformat(),
                rules.period_end(point.period, indicator.frequency).isoformat(),
                format(point.value.normalize(), "f"),
            ])  # fmt: skip
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistiques-{project.slug}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- Portfolio ----------------------------------------------------------------------------


def portfolio(request):
    require(access.can_view_impact_portfolio(request.user))
    status = request.GET.get("statut", "")
    if status not in {*Status.values, "sans-indicateur", ""}:
        status = ""
    sort = request.GET.get("tri", "attention")
    board = overview.impact_portfolio(request.user, status=status, sort=sort)
    page = Paginator(board.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    overview.complete_page(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "impact/portfolio.html",
        {
            "title": "Impact du portefeuille",
            "board": board,
            "page": page,
            "status": status,
            "sort": sort,
            "query_string": params.urlencode(),
            "statuses": Status.choices,
            "today": timezone.localdate(),
        },
    )
