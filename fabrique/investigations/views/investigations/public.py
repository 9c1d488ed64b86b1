"""What everyone sees of the investigations the team marked public: list, page, open data."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from fabrique.core import exports as core_exports

from ... import access, exports, selectors
from ..common import crumbs, public_list_link
from .pages import PAGE_SIZE


@login_not_required
def public_list(request):
    """The investigations the team marked public, for everyone: problem, collectivités, phase,
    outcome (constant queries, paginated)."""
    page = selectors.public_investigation_page(
        access.public_investigations(), page_number=request.GET.get("page"), page_size=PAGE_SIZE
    )
    return render(
        request,
        "investigations/public_list.html",
        {
            "title": "Investigations publiques",
            "page": page,
            "breadcrumb_data": crumbs(current="Investigations publiques"),
        },
    )


@login_not_required
def public_page(request, pk):
    investigation = get_object_or_404(
        access.public_investigations().select_related("problem", "project"), pk=pk
    )
    phases = list(investigation.phases.all())
    current = next((p for p in phases if not p.closed), None)
    return render(
        request,
        "investigations/public.html",
        {
            "title": f"Investigation : {investigation} (page publique)",
            "investigation": investigation,
            "current": current,
            "collectivites": investigation.problem.collectivites.select_related(
                "commune", "epci", "departement", "region"
            ),
            "breadcrumb_data": crumbs(public_list_link(), current=str(investigation)),
        },
    )


@login_not_required
def open_data(request, fmt):
    rows = (
        selectors.investigation_rows(access.public_investigations())
        .select_related(None)
        .select_related("problem", "project")
    )
    if fmt == "schema.json":
        return JsonResponse(exports.open_data_schema(), json_dumps_params={"ensure_ascii": False})
    data = exports.open_data_rows(
        rows.prefetch_related(
            "problem__collectivites__commune",
            "problem__collectivites__epci",
            "problem__collectivites__departement",
            "problem__collectivites__region",
        )
    )
    if fmt not in core_exports.STREAM_FORMATS:
        raise Http404
    # Like every open data list (catalogue, sur-mesure): a JSON list of rows, its Table Schema
    # at .schema.json; the CSV with byte order mark and cells protected against formulas.
    return core_exports.stream_response(
        data, fmt, "investigations", header=[name for name, _, _ in exports.OPEN_DATA_FIELDS]
    )
