"""Catalogue pages of solutions: the faceted search, a solution and its users (edited by the
incubator team), what is used near a commune, and the open-data page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fabrique.core.text import of
from fabrique.core.views_helpers import confirm_delete, form_page, require
from fabrique.impact.access import can_manage_deployment
from fabrique.impact.selectors import projects_with_public_stats
from fabrique.territories.selectors import commune_detail

from .. import access, selectors, services
from ..filters import SolutionFilter
from ..forms import FundingMatchForm, SolutionForm, SolutionUseForm
from ..models import Solution
from ..vocabulary import CATEGORY_HELP
from .common import PAGE_SIZE, catalogue_crumbs, history_page, query_without

# --- Search ---------------------------------------------------------------------------------


def _toggle_url(request, parameter: str, value: str) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    values = params.getlist(parameter)
    params.setlist(
        parameter, [v for v in values if v != value] if value in values else [*values, value]
    )
    return "?" + params.urlencode()


@login_not_required
def search(request):
    require(access.can_view_catalogue(request.user))
    filterset = SolutionFilter(request.GET)
    filters, result = filterset.catalogue_filters, filterset.qs
    page = Paginator(result, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = result.facets
    for facet in facets:
        facet.links = [
            (value, _toggle_url(request, facet.parameter, value.value)) for value in facet.values
        ]
    context = {
        "title": "Catalogue des solutions",
        "filters": filters,
        "page": page,
        "facets": facets,
        "query_string": query_without(request, "page"),
        "can_edit": access.can_edit_solution(request.user),
        "can_suggest": access.can_suggest_solution(request.user),
    }
    if request.htmx and request.htmx.target == "catalogue-results":
        return render(request, "catalogue/_results.html", context)
    return render(request, "catalogue/search.html", context)


# --- A solution -----------------------------------------------------------------------------


@login_not_required
def solution(request, slug):
    solution = access.entry_for_user_or_404(request.user, Solution, slug)
    project = solution.project
    # An incubator service without its own description shows its project's presentation.
    from_project = not solution.description.strip() and project and project.description.strip()
    return render(
        request,
        "catalogue/solution.html",
        {
            "title": solution.name,
            "solution": solution,
            "description_html": project.description_html
            if from_project
            else solution.description_html,
            "description_from_project": bool(from_project),
            "deployed": selectors.project_deployments(solution),
            "can_view_deployment": bool(project) and can_manage_deployment(request.user, project),
            "users": selectors.solution_users(solution),
            "match_form": FundingMatchForm(initial={"solution": solution.slug}),
            "can_edit": access.can_edit_solution(request.user, solution),
            "breadcrumb_data": catalogue_crumbs(current=solution.name),
        },
    )


def _solution_for_edit(request, slug) -> Solution:
    return access.entry_for_user_or_404(request.user, Solution, slug, need="edit")


def solution_create(request):
    require(access.can_edit_solution(request.user))
    form = SolutionForm(request.POST or None)

    def save(data):
        return services.solution_save(**data).get_absolute_url()

    return form_page(
        request, form, save=save, title="Nouvelle solution",
        back_url=reverse("catalogue:search"), success_message="Solution ajoutée au catalogue.",
    )  # fmt: skip


def solution_edit(request, slug):
    solution = _solution_for_edit(request, slug)
    form = SolutionForm(request.POST or None, instance=solution)

    def save(data):
        return services.solution_save(**data, solution=solution).get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier « {solution} »",
        back_url=solution.get_absolute_url(), success_message="Solution modifiée.",
    )  # fmt: skip


def use_add(request, slug):
    solution = _solution_for_edit(request, slug)
    form = SolutionUseForm(request.POST or None)

    def save(data):
        services.solution_use_add(
            solution=solution, territory=data["collectivite"].territory, since=data["since"]
        )
        return solution.get_absolute_url() + "#utilisateurs"

    return form_page(
        request, form, save=save, title=f"Ajouter une collectivité utilisatrice — {solution}",
        back_url=solution.get_absolute_url(), success_message="Collectivité ajoutée.",
    )  # fmt: skip


@require_POST
def use_remove(request, pk):
    use = access.use_for_user_or_404(request.user, pk, need="edit")
    services.solution_use_remove(use=use)
    messages.success(request, "Collectivité retirée.")
    return redirect(use.solution.get_absolute_url() + "#utilisateurs")


def solution_history(request, slug):
    return history_page(request, Solution, slug)


# --- Near you -------------------------------------------------------------------------------


@login_not_required
def commune(request, insee):
    commune = commune_detail(insee)
    return render(
        request,
        "catalogue/commune.html",
        {
            "title": f"Solutions utilisées près {of(commune.name)}",
            "commune": commune,
            "near": selectors.near_you(commune),
            "operators": selectors.operators_for_departement(commune.departement_id),
            "match_form": FundingMatchForm(initial={"collectivite": commune.insee}),
            "breadcrumb_data": catalogue_crumbs(
                (commune.name, commune.get_absolute_url()),
                current="Près de chez vous",
            ),
        },
    )


# --- Open data ------------------------------------------------------------------------------


@login_not_required
def open_data(request):
    return render(
        request,
        "catalogue/open_data.html",
        {
            "title": "Données ouvertes",
            "categories": CATEGORY_HELP.items(),
            "stats_projects": projects_with_public_stats(),  # impact's section of the page
        },
    )


def solution_delete(request, slug):
    solution = access.entry_for_user_or_404(request.user, Solution, slug, need="edit")
    return confirm_delete(
        request,
        delete=lambda: services.solution_delete(solution=solution),
        what=f"la solution « {solution} »",
        consequence="Ses collectivités utilisatrices sont retirées avec elle.",
        back_url=solution.get_absolute_url(),
        done_url=reverse("catalogue:search"),
    )
