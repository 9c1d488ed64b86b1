from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse

from fabrique.core.views_helpers import breadcrumb

from . import access, rules, selectors
from .filters import TerritorySearchFilter

AUTOCOMPLETE_SIZE = 8
SEARCH_PAGE_SIZE = 30


@login_not_required
def search(request):
    search = TerritorySearchFilter(request.GET)
    hits = search.hits(SEARCH_PAGE_SIZE)
    context = {
        "query": search.query,
        "territory_query": search.query,  # the header's search box says it again
        "hits": hits,
        "truncated": len(hits) == SEARCH_PAGE_SIZE,
        "title": "Rechercher un territoire",
    }
    if request.htmx and request.htmx.target == "search-results":
        return render(request, "territories/_results.html", context)
    return render(request, "territories/search.html", context)


@login_not_required
def suggestions(request):
    search = TerritorySearchFilter(request.GET)
    return render(
        request,
        "territories/_suggestions.html",
        {"query": search.query, "hits": search.hits(AUTOCOMPLETE_SIZE)},
    )


def _crumbs(*links, current):
    return breadcrumb(("Territoires", reverse("territories:search")), *links, current=current)


@login_not_required
def commune(request, insee):
    commune = access.territory_for_user_or_404(request.user, "commune", insee)
    departement = commune.departement
    return render(
        request,
        "territories/commune.html",
        {
            "commune": commune,
            "presence": commune.digital_presence,
            "title": f"{commune.name} ({commune.insee})",
            "breadcrumb_data": _crumbs(
                (departement, departement.get_absolute_url()),
                current=commune.name,
            ),
        },
    )


@login_not_required
def epci(request, siren):
    epci = access.territory_for_user_or_404(request.user, "epci", siren)
    return render(
        request,
        "territories/epci.html",
        {
            "epci": epci,
            "members": selectors.epci_members(epci),
            "departements": selectors.epci_departements(epci),
            "title": epci.name,
            "breadcrumb_data": _crumbs(current=epci.name),
        },
    )


@login_not_required
def departement(request, code):
    departement = access.territory_for_user_or_404(request.user, "departement", code)
    return render(
        request,
        "territories/departement.html",
        {
            "departement": departement,
            "figures": selectors.departement_figures(departement),
            "thresholds": rules.thresholds(),
            "epcis": selectors.departement_epcis(departement),
            "title": str(departement),
            "breadcrumb_data": _crumbs(current=str(departement)),
        },
    )
