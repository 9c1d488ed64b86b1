"""What the catalogue pages share: the page size, the query string without some parameters, the
breadcrumb under « Catalogue », and the history page of a solution, scheme or operator."""

from django.shortcuts import render
from django.urls import reverse

from fabrique.core.history import object_history
from fabrique.core.views_helpers import breadcrumb

from .. import access

PAGE_SIZE = 20
HISTORY_TEMPLATE = "components/history.html"


def query_without(request, *names) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def catalogue_crumbs(*links, current):
    return breadcrumb(("Catalogue", reverse("catalogue:search")), *links, current=current)


def history_page(request, model, slug: str):
    obj = access.entry_for_user_or_404(request.user, model, slug, need="history")
    return render(
        request,
        HISTORY_TEMPLATE,
        {
            "title": f"Historique — {obj}",
            "object": obj,
            "rows": object_history(obj),
            "back_url": obj.get_absolute_url(),
        },
    )
