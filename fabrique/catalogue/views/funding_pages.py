"""Catalogue pages of funding: the schemes (list, filters, one scheme, edits and history) and the
match of a collectivité with the schemes it can obtain, for a need or a solution."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from fabrique.core.views_helpers import confirm_delete, form_page, require

from .. import access, selectors, services
from ..filters import SchemeFilter
from ..forms import FundingMatchForm, FundingSchemeForm
from ..models import FundingScheme, Solution
from ..vocabulary import Category
from .common import _crumbs, _history_page, _without

SCHEME_PAGE_SIZE = 30


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
    filterset = SchemeFilter(request.GET or None)
    page = Paginator(filterset.qs, SCHEME_PAGE_SIZE).get_page(request.GET.get("page"))
    context |= {
        "title": "Financements",
        "form": filterset.form,
        "page": page,
        "query_string": _without(request, "page"),
        "can_edit": access.can_edit_scheme(request.user),
    }
    return render(request, "catalogue/scheme_list.html", context)


@login_not_required
def scheme(request, slug):
    scheme = access.entry_for_user_or_404(request.user, FundingScheme, slug)
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
        values = dict(data)
        values["departements"] = values.pop("departements_codes")
        values["regions"] = values.pop("regions_codes")
        return services.scheme_save(**values, scheme=scheme).get_absolute_url()

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
    scheme = access.entry_for_user_or_404(request.user, FundingScheme, slug, need="edit")
    return _scheme_form_page(request, scheme)


def scheme_history(request, slug):
    return _history_page(request, FundingScheme, slug)


def scheme_delete(request, slug):
    scheme = access.entry_for_user_or_404(request.user, FundingScheme, slug, need="edit")
    return confirm_delete(
        request,
        delete=lambda: services.scheme_delete(scheme=scheme),
        what=f"l'aide « {scheme} »",
        back_url=scheme.get_absolute_url(),
        done_url=reverse("catalogue:schemes"),
    )
