"""The portfolio dashboard: every rule applied to the filtered projects, its lists, timeline
and export links."""

from django.shortcuts import render
from django.utils import timezone

from fabrique.core.exports import TABLE_FORMATS
from fabrique.core.sorting import Sort
from fabrique.core.views_helpers import require

from .. import access, selectors
from ..filters import ProjectFilter
from .common import without_page

DASHBOARD_LIST_SIZE = 10  # rows shown per dashboard list; the exports hold them all
TIMELINE_ROWS = 30  # projects in progress drawn on the dashboard timeline
EXPORT_FORMATS = [*TABLE_FORMATS.items(), ("pdf", "Rapport PDF")]


def dashboard(request):
    require(access.can_view_portfolio(request.user))
    filterset = ProjectFilter(request.GET or None)
    filters = filterset.selection()
    board = selectors.dashboard(filters)
    timeline_rows = [row for row in board.rows if not row.is_closed][:TIMELINE_ROWS]
    sections = board.sections(shown=DASHBOARD_LIST_SIZE)
    return render(
        request,
        "portfolio/dashboard.html",
        {
            "title": "Tableau de bord du portefeuille",
            "form": filterset.form,
            "board": board,
            "query_string": without_page(request),
            # No order chosen: each list keeps its rule's order, and no header says otherwise.
            "sort": Sort(filters.sort, filters.descending) if filters.sort else None,
            "export_formats": EXPORT_FORMATS,
            "timeline_rows": timeline_rows,
            "sections": sections,
            "DASHBOARD_LIST_SIZE": DASHBOARD_LIST_SIZE,
            "TIMELINE_ROWS": TIMELINE_ROWS,
            "phases_by_project": selectors.phases_by_project(row.pk for row in timeline_rows),
            "today": timezone.localdate(),
        },
    )
