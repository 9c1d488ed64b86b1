"""Catalogue pages of funding: the schemes (list, filters, one scheme, edits and history) and the
match of a collectivité with the schemes it can obtain, for a need or a solution."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from fabrique.core.views_helpers import confirm_delete, form_page, require

from .. import access, selectors, services
from ..filters import FundingPageFilter, SchemeFilter
from ..forms import FundingSchemeForm
from ..models import FundingScheme
from ..vocabulary import Category
from .common import catalogue_crumbs, history_page, query_without

SCHEME_PAGE_SIZE = 30


@login_not_required
def schemes(request):
    match_form, collectivite, categories, solution = FundingPageFilter(request.GET).match()
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
            "query_string": query_without(request, "page"),
        }
        return render(request, "catalogue/funding_match.html", context)
    filterset = SchemeFilter(request.GET or None)
    page = Paginator(filterset.qs, SCHEME_PAGE_SIZE).get_page(request.GET.get("page"))
    context |= {
        "title": "Financements",
        "form": filterset.form,
        "page": page,
        "query_string": query_without(request, "page"),
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
            "breadcrumb_data": catalogue_crumbs(
                ("Financements", reverse("catalogue:schemes")),
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
    return history_page(request, FundingScheme, slug)


def scheme_delete(request, slug):
    scheme = access.entry_for_user_or_404(request.user, FundingScheme, slug, need="edit")
    return confirm_delete(
        request,
        delete=lambda: services.scheme_delete(scheme=scheme),
        what=f"l'aide « {scheme} »",
        back_url=scheme.get_absolute_url(),
        done_url=reverse("catalogue:schemes"),
    )
