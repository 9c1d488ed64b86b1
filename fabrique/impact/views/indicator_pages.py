"""Impact pages of a project's indicators: the list, the starter set, an indicator (its values,
and a value recorded by hand), edits, deletion and the North Star."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fabrique.core.forms import add_service_errors
from fabrique.core.views_helpers import confirm_delete, form_page
from fabrique.portfolio.selectors import project_summary

from .. import access, selectors, services
from ..forms import IndicatorForm, MeasurementForm
from ..vocabulary import STARTER_KEYS
from .common import impact_breadcrumb, indicators_url


def indicators(request, slug):
    project = access.project_for_user_or_404(request.user, slug)
    today = timezone.localdate()
    states = selectors.project_indicators(project, today=today)
    present = {state.indicator.key for state in states}
    committee, to_update = selectors.committee_updates(
        states, project_summary(project, today), today
    )
    return render(
        request,
        "impact/indicators.html",
        {
            "title": f"Indicateurs — {project.name}",
            "project": project,
            "states": states,
            "next_committee": committee,
            "to_update": to_update,
            "can_edit": access.can_edit_indicators(request.user, project),
            "starter_missing": [key for key in STARTER_KEYS if key not in present],
            "breadcrumb_data": impact_breadcrumb(project, "Indicateurs", indicators=False),
        },
    )


@require_POST
def starter_set(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="edit")
    created = services.starter_set_add(project=project)
    if created:
        messages.success(
            request,
            f"{len(created)} indicateur{'s' if len(created) > 1 else ''} du socle commun "
            f"ajouté{'s' if len(created) > 1 else ''} : donnez-leur une valeur de référence et "
            "une cible.",
        )
    else:
        messages.info(request, "Le projet a déjà les indicateurs du socle commun.")
    return redirect(indicators_url(project))


def indicator_create(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="edit")
    form = IndicatorForm(request.POST or None)

    def save(data):
        return services.indicator_save(project=project, **data).get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Nouvel indicateur — {project}",
        back_url=indicators_url(project), success_message="Indicateur créé.",
    )  # fmt: skip


def indicator_edit(request, slug, pk):
    indicator = access.indicator_for_user_or_404(request.user, slug, pk, need="edit")
    form = IndicatorForm(request.POST or None, instance=indicator)

    def save(data):
        services.indicator_save(project=indicator.project, **data, indicator=indicator)
        return indicator.get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier « {indicator} »",
        back_url=indicator.get_absolute_url(), success_message="Indicateur modifié.",
    )  # fmt: skip


def indicator_delete(request, slug, pk):
    indicator = access.indicator_for_user_or_404(request.user, slug, pk, need="edit")
    if request.method == "POST":
        services.indicator_delete(indicator=indicator)
        messages.success(request, f"Indicateur « {indicator} » supprimé, avec ses valeurs.")
        return redirect(indicators_url(indicator.project))
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
    indicator = access.indicator_for_user_or_404(request.user, slug, pk, need="edit")
    services.north_star_set(indicator=indicator)
    messages.success(request, f"« {indicator} » est désormais l'étoile du Nord du projet.")
    return redirect(indicator.get_absolute_url())


def indicator(request, slug, pk):
    need = "record" if request.method == "POST" else "view"
    indicator = access.indicator_for_user_or_404(request.user, slug, pk, need=need)
    project = indicator.project
    can_record = access.can_record_values(request.user, indicator)
    form = MeasurementForm(request.POST or None) if can_record else None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.measurement_record(
                indicator=indicator, day=data["date"], value=data["value"],
                comment=data["comment"], user=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Valeur enregistrée : {report.values_summary()}")
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
            "values": selectors.latest_measurements(indicator) if can_record else [],
            "breadcrumb_data": impact_breadcrumb(project, indicator.name),
        },
    )


# --- Correcting a value -------------------------------------------------------------------


def measurement_edit(request, slug, pk, mpk):
    measurement = access.measurement_for_edit_or_404(
        request.user, slug=slug, indicator_pk=pk, pk=mpk
    )
    indicator = measurement.indicator
    initial = {"date": measurement.period, "value": measurement.value,
               "comment": measurement.comment}  # fmt: skip
    form = MeasurementForm(request.POST or None, initial=initial)

    def save(data):
        services.measurement_correct(
            measurement=measurement, day=data["date"], value=data["value"], comment=data["comment"],
            user=request.user,
        )  # fmt: skip
        return indicator.get_absolute_url() + "#valeurs-saisies"

    return form_page(
        request, form, save=save,
        title=f"Corriger la valeur du {measurement.period:%d/%m/%Y} — {indicator.name}",
        back_url=indicator.get_absolute_url() + "#valeurs-saisies",
        success_message="Valeur corrigée (l'ancienne reste dans l'historique).",
    )  # fmt: skip


def measurement_delete(request, slug, pk, mpk):
    measurement = access.measurement_for_edit_or_404(
        request.user, slug=slug, indicator_pk=pk, pk=mpk
    )
    indicator = measurement.indicator
    back = indicator.get_absolute_url() + "#valeurs-saisies"
    return confirm_delete(
        request,
        delete=lambda: services.measurement_delete(measurement=measurement),
        what=f"la valeur du {measurement.period:%d/%m/%Y} de « {indicator.name} »",
        back_url=back,
        done_url=back,
    )
