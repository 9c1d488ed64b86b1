"""What the catalogue pages share: the page size, the query string without some parameters, the
breadcrumb under « Catalogue », and the history page of a solution, scheme or operator."""

from django.shortcuts import render
from django.urls import reverse

from fabrique.core.views_helpers import require

from .. import access

PAGE_SIZE = 20
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
