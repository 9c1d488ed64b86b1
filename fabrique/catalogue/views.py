"""Catalogue pages: thin views that parse, call one selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fabrique.core.forms import add_service_errors
from fabrique.core.markdown import markdown_html
from fabrique.core.views_helpers import form_page, require
from fabrique.territories.selectors import commune_detail

from . import access, selectors, services
from .forms import (
    FundingMatchForm,
    FundingSchemeForm,
    ModerationForm,
    OperatorForm,
    SchemeFilterForm,
    SolutionForm,
    SolutionUseForm,
    SuggestionForm,
)
from .models import FundingScheme, Operator, Solution, SolutionSuggestion, SolutionUse
from .vocabulary import CATEGORY_HELP, Category

PAGE_SIZE = 20
SCHEME_PAGE_SIZE = 30
HISTORY_SIZE = 100


def _without(request, *names) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _crumbs(*links, current):
    return {
        "links": [{"url": reverse("catalogue:search"), "title": "Catalogue"}, *links],
        "current": current,
    }


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
    filters = selectors.CatalogueFilters.from_params(request.GET)
    result = selectors.search_catalogue(filters)
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
        "query_string": _without(request, "page"),
        "can_edit": access.can_edit_solution(request.user),
        "can_suggest": access.can_suggest_solution(request.user),
    }
    if request.htmx and request.htmx.target == "catalogue-results":
        return render(request, "catalogue/_results.html", context)
    return render(request, "catalogue/search.html", context)


# --- A solution -----------------------------------------------------------------------------


@login_not_required
def solution(request, slug):
    solution = selectors.solution_detail(slug)
    return render(
        request,
        "catalogue/solution.html",
        {
            "title": solution.name,
            "solution": solution,
            "description_html": markdown_html(solution.description),
            "users": selectors.solution_users(solution),
            "match_form": FundingMatchForm(initial={"solution": solution.slug}),
            "can_edit": access.can_edit_solution(request.user, solution),
            "breadcrumb_data": _crumbs(current=solution.name),
        },
    )


def _solution_for_edit(request, slug) -> Solution:
    solution = get_object_or_404(Solution, slug=slug)
    require(access.can_edit_solution(request.user, solution))
    return solution


def solution_create(request):
    require(access.can_edit_solution(request.user))
    form = SolutionForm(request.POST or None)

    def save(data):
        solution = services.solution_save(
            form.save(commit=False), categories=data["categories"], hosting=data["hosting"],
            similar=data["similar"],
        )  # fmt: skip
        return solution.get_absolute_url()

    return form_page(
        request, form, save=save, title="Nouvelle solution",
        back_url=reverse("catalogue:search"), success_message="Solution ajoutée au catalogue.",
    )  # fmt: skip


def solution_edit(request, slug):
    solution = _solution_for_edit(request, slug)
    form = SolutionForm(request.POST or None, instance=solution)

    def save(data):
        services.solution_save(
            form.save(commit=False), categories=data["categories"], hosting=data["hosting"],
            similar=data["similar"],
        )  # fmt: skip
        return solution.get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier « {solution} »",
        back_url=solution.get_absolute_url(), success_message="Solution modifiée.",
    )  # fmt: skip


def use_add(request, slug):
    solution = _solution_for_edit(request, slug)
    form = SolutionUseForm(request.POST or None)

    def save(data):
        services.solution_use_add(solution, data["collectivite"].territory, since=data["since"])
        return solution.get_absolute_url() + "#utilisateurs"

    return form_page(
        request, form, save=save, title=f"Ajouter une collectivité utilisatrice — {solution}",
        back_url=solution.get_absolute_url(), success_message="Collectivité ajoutée.",
    )  # fmt: skip


@require_POST
def use_remove(request, pk):
    use = get_object_or_404(SolutionUse.objects.select_related("solution"), pk=pk)
    require(access.can_edit_solution(request.user, use.solution))
    services.solution_use_remove(use)
    messages.success(request, "Collectivité retirée.")
    return redirect(use.solution.get_absolute_url() + "#utilisateurs")


def _history_page(request, obj, *, back_url: str):
    require(access.can_view_history(request.user, obj))
    # One more record than shown, to tell what the oldest shown one changed.
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-pk")[
            : HISTORY_SIZE + 1
        ]
    )
    rows = []
    for index, record in enumerate(records[:HISTORY_SIZE]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [
                (type(obj)._meta.get_field(change.field).verbose_name, change.old, change.new)
                for change in delta.changes
            ]
        rows.append({"record": record, "changes": changes})
    return render(
        request,
        "catalogue/history.html",
        {"title": f"Historique — {obj}", "object": obj, "rows": rows, "back_url": back_url},
    )


def solution_history(request, slug):
    solution = get_object_or_404(Solution, slug=slug)
    return _history_page(request, solution, back_url=solution.get_absolute_url())


# --- Near you -------------------------------------------------------------------------------


@login_not_required
def commune(request, insee):
    commune = commune_detail(insee)
    return render(
        request,
        "catalogue/commune.html",
        {
            "title": f"Solutions utilisées près de {commune.name}",
            "commune": commune,
            "near": selectors.near_you(commune),
            "operators": selectors.operators_for_departement(commune.departement_id),
            "match_form": FundingMatchForm(initial={"collectivite": commune.insee}),
            "breadcrumb_data": _crumbs(
                {"url": commune.get_absolute_url(), "title": commune.name},
                current="Près de chez vous",
            ),
        },
    )


# --- Funding --------------------------------------------------------------------------------


def _match(request):
    """The collectivité, needs and solution of a funding match, or None without a collectivité.

    `?commune=<insee>` (or `epci=<siren>`) names a collectivité by its code; the form field
    `collectivite` accepts a name as well.
    """
    solution = None
    if slug := request.GET.get("solution"):
        solution = get_object_or_404(Solution, slug=slug[:120])
    form = None
    collectivite = None
    for kind in ("commune", "epci"):
        if code := request.GET.get(kind, "").strip():
            collectivite = selectors.collectivite_by_code(kind, code[:20])
    if collectivite is None and "collectivite" in request.GET:
        form = FundingMatchForm(request.GET)
        if form.is_valid():
            collectivite = form.cleaned_data["collectivite"]
    if form is None:
        initial = {"solution": solution.slug if solution else ""}
        if collectivite:
            initial["collectivite"] = collectivite.code
        initial["categorie"] = request.GET.get("categorie", "")
        form = FundingMatchForm(initial=initial)
    category = request.GET.get("categorie", "")
    if category in Category.values:
        categories = [category]
    elif solution is not None:
        categories = solution.category_list
    else:
        categories = []
    return form, collectivite, categories, solution


@login_not_required
def schemes(request):
    match_form, collectivite, categories, solution = _match(request)
    context = {"match_form": match_form, "solution": solution}
    if collectivite is not None:
        matches = selectors.funding_for(collectivite, categories=categories)
        page = Paginator(matches, SCHEME_PAGE_SIZE).get_page(request.GET.get("page"))
        title = f"Financements que {collectivite.name} peut obtenir"
        context |= {
            "title": title,
            "collectivite": collectivite,
            "population": selectors.format_population(collectivite.population),
            "category_labels": [Category(value).label for value in categories],
            "page": page,
            "query_string": _without(request, "page"),
        }
        return render(request, "catalogue/funding_match.html", context)
    form = SchemeFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    page = Paginator(selectors.schemes_list(form.filters()), SCHEME_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context |= {
        "title": "Financements",
        "form": form,
        "page": page,
        "query_string": _without(request, "page"),
        "can_edit": access.can_edit_scheme(request.user),
    }
    return render(request, "catalogue/scheme_list.html", context)


@login_not_required
def scheme(request, slug):
    scheme = selectors.scheme_detail(slug)
    return render(
        request,
        "catalogue/scheme.html",
        {
            "title": scheme.name,
            "scheme": scheme,
            "is_open": scheme.is_open(),
            "can_edit": access.can_edit_scheme(request.user, scheme),
            "breadcrumb_data": _crumbs(
                {"url": reverse("catalogue:schemes"), "title": "Financements"},
                current=scheme.name[:80],
            ),
        },
    )


def _scheme_form_page(request, scheme: FundingScheme | None):
    form = FundingSchemeForm(request.POST or None, instance=scheme)

    def save(data):
        saved = services.funding_save(
            form.save(commit=False),
            aid_types=data["aid_types"],
            beneficiaries=data["beneficiaries"],
            themes=data["themes"],
            departements=data["departements_codes"],
            regions=data["regions_codes"],
        )
        return saved.get_absolute_url()

    if scheme is None:
        title, back = "Nouveau dispositif de financement", reverse("catalogue:schemes")
    else:
        title, back = f"Modifier « {scheme.name[:80]} »", scheme.get_absolute_url()
    return form_page(
        request, form, save=save, title=title, back_url=back,
        success_message="Dispositif enregistré.",
    )  # fmt: skip


def scheme_create(request):
    require(access.can_edit_scheme(request.user))
    return _scheme_form_page(request, None)


def scheme_edit(request, slug):
    scheme = get_object_or_404(FundingScheme, slug=slug)
    require(access.can_edit_scheme(request.user, scheme))
    return _scheme_form_page(request, scheme)


def scheme_history(request, slug):
    scheme = get_object_or_404(FundingScheme, slug=slug)
    return _history_page(request, scheme, back_url=scheme.get_absolute_url())


# --- Operators ------------------------------------------------------------------------------


@login_not_required
def operators(request):
    departement = request.GET.get("departement", "")[:3].strip().upper()
    return render(
        request,
        "catalogue/operator_list.html",
        {
            "title": "Opérateurs publics de services numériques",
            "operators": selectors.operators_list(departement),
            "departement": departement,
            "can_edit": access.can_edit_operator(request.user),
        },
    )


@login_not_required
def operator(request, slug):
    operator = selectors.operator_detail(slug)
    return render(
        request,
        "catalogue/operator.html",
        {
            "title": operator.name,
            "operator": operator,
            "can_edit": access.can_edit_operator(request.user, operator),
            "breadcrumb_data": _crumbs(
                {"url": reverse("catalogue:operators"), "title": "Opérateurs"},
                current=operator.name,
            ),
        },
    )


def _operator_form_page(request, operator: Operator | None):
    form = OperatorForm(request.POST or None, instance=operator)

    def save(data):
        saved = services.operator_save(
            form.save(commit=False),
            departements=data["departements_codes"],
            solutions=data["solutions_slugs"],
        )
        return saved.get_absolute_url()

    if operator is None:
        title, back = "Nouvel opérateur", reverse("catalogue:operators")
    else:
        title, back = f"Modifier « {operator} »", operator.get_absolute_url()
    return form_page(
        request, form, save=save, title=title, back_url=back,
        success_message="Opérateur enregistré.",
    )  # fmt: skip


def operator_create(request):
    require(access.can_edit_operator(request.user))
    return _operator_form_page(request, None)


def operator_edit(request, slug):
    operator = get_object_or_404(Operator, slug=slug)
    require(access.can_edit_operator(request.user, operator))
    return _operator_form_page(request, operator)


def operator_history(request, slug):
    operator = get_object_or_404(Operator, slug=slug)
    return _history_page(request, operator, back_url=operator.get_absolute_url())


# --- Suggestions ----------------------------------------------------------------------------


def suggestion_create(request):
    require(access.can_suggest_solution(request.user))
    form = SuggestionForm(request.POST or None)

    def save(data):
        suggestion = services.suggestion_submit(
            form.save(commit=False), by=request.user, categories=data["categories"]
        )
        return suggestion.get_absolute_url()

    return form_page(
        request, form, save=save, title="Proposer une solution",
        back_url=reverse("catalogue:search"),
        success_message="Merci ! L'équipe de l'incubateur va examiner votre proposition.",
        extra={"intro": "Une solution qui a fait ses preuves dans votre collectivité ? "
               "Décrivez-la : l'équipe de l'incubateur la vérifie avant de la publier."},
    )  # fmt: skip


def suggestions(request):
    staff = access.can_moderate_suggestion(request.user)
    page = Paginator(selectors.suggestions_for(request.user, staff=staff), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalogue/suggestion_list.html",
        {
            "title": "Suggestions à modérer" if staff else "Mes suggestions",
            "page": page,
            "staff": staff,
            "query_string": "",
        },
    )


def suggestion(request, pk):
    suggestion = get_object_or_404(
        SolutionSuggestion.objects.select_related("submitted_by", "moderated_by", "solution"),
        pk=pk,
    )
    if not access.can_view_suggestion(request.user, suggestion):
        raise Http404
    can_moderate = access.can_moderate_suggestion(request.user, suggestion)
    form = None
    if can_moderate and suggestion.status == "en-attente":
        form = ModerationForm(
            request.POST or None,
            initial={"origin": suggestion.origin or "", "decision": "accepter"},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "accepter":
                    solution = services.suggestion_accept(
                        suggestion, by=request.user, origin=data["origin"],
                        cost_model=data["cost_model"], note=data["note"],
                    )  # fmt: skip
                    messages.success(request, "Solution publiée : complétez sa fiche.")
                    return redirect(reverse("catalogue:solution-edit", args=[solution.slug]))
                services.suggestion_refuse(suggestion, by=request.user, note=data["note"])
                messages.success(request, "Suggestion refusée.")
                return redirect(reverse("catalogue:suggestions"))
            except ValidationError as error:
                add_service_errors(form, error)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "catalogue/suggestion.html",
        {"title": suggestion.name, "suggestion": suggestion, "form": form},
    )


# --- Open data ------------------------------------------------------------------------------


@login_not_required
def open_data(request):
    return render(
        request,
        "catalogue/open_data.html",
        {"title": "Données ouvertes du catalogue", "categories": CATEGORY_HELP.items()},
    )
