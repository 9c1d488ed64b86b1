"""The national view of the accompagnement sur-mesure (team only), with its exports."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.shortcuts import render

from fabrique.core import exports
from fabrique.core.views_helpers import require

from ..access import can_see_queue
from ..selectors import overview
from .common import crumbs

PAGE_MISSIONS = 50  # on the page; the export holds them all
EXPORT_FORMATS = list(exports.TABLE_FORMATS.items())
C, N, D, DEC = exports.Column, exports.NUMBER, exports.DATE, exports.DECIMAL
TABLES = {
    "departements": (
        "Missions par département",
        [C("Région", width=28), C("Code", width=8), C("Département", width=28),
         C("Demandes", N, 12), C("En cours", N, 12), C("Livrées ou suivies", N, 16),
         C("Closes", N, 12), C("Total", N, 10)],
    ),
    "themes": (
        "Besoins par thème",
        [C("Thème", width=30), C("Identifiant", width=22), C("Besoins", N, 12),
         C("Missions", N, 12)],
    ),
    "solutions": (
        "Solutions les plus recommandées",
        [C("Solution", width=34), C("Fiche du catalogue", width=40), C("Recommandations", N, 16),
         C("Missions", N, 12)],
    ),
    "missions": (
        "Jours par mission",
        [C("Collectivité", width=34), C("Consultant·e", width=28), C("Statut", width=16),
         C("Fin prévue", D, 14), C("Jours utilisés", DEC, 14),
         C("Alerte sur les jours", width=26), C("Livrable en retard", width=18)],
    ),
}  # fmt: skip


def _rows(name, departements, themes, missions, absolute=str):
    """The rows of one table; `absolute` turns a page's path into a full address (a link a
    spreadsheet can open)."""
    if name == "departements":
        return [[r.region, r.code, r.name, r.requested, r.running, r.delivered, r.closed, r.total]
                for r in departements]  # fmt: skip
    if name == "themes":
        return [[label, slug, needs, count] for slug, label, needs, count in themes]
    if name == "solutions":
        return [
            [label, absolute(url) if url else "", times, count]
            for label, url, times, count in overview.most_recommended(limit=None)
        ]
    return [
        [str(row.mission.collectivite), row.mission.consultant.get_full_name()
         if row.mission.consultant else "", row.mission.get_status_display(),
         row.mission.planned_end, row.days,
         # The badge of the page (rules.days_badge): « Dépassement non approuvé »…
         (row.mission.days_badge or {}).get("badge", ""), "oui" if row.late else "non"]
        for row in missions
    ]  # fmt: skip


def national(request):
    require(can_see_queue(request.user))
    departements = overview.by_departement()
    themes = overview.needs_by_theme()
    if "export" in request.GET:
        name, fmt = request.GET.get("table", ""), request.GET["export"]
        if name not in TABLES or fmt not in dict(EXPORT_FORMATS):
            raise Http404
        title, columns = TABLES[name]
        missions = overview.missions_days() if name == "missions" else []
        rows = _rows(name, departements, themes, missions, request.build_absolute_uri)
        return exports.response(rows, fmt, columns, title, f"sur-mesure-{name}")
    regions = overview.by_region(departements)
    counts = overview.missions_counts()
    most = max((total for _, total in regions), default=0)
    return render(
        request,
        "diagnostics/national.html",
        {
            "title": "Vue nationale de l'accompagnement sur-mesure",
            "departements": departements,
            "regions": [
                (name, total, round(100 * total / most) if most else 0) for name, total in regions
            ],
            "themes": themes,
            "solutions": overview.most_recommended(),
            "missions": overview.missions_days(limit=PAGE_MISSIONS),
            "counts": counts,
            "late": counts["late"],
            "export_formats": EXPORT_FORMATS,
            "breadcrumb_data": crumbs(current="Vue nationale"),
        },
    )


@login_not_required
def open_data(request, fmt):
    """Needs by theme and size of collectivité, aggregated: CSV, JSON or its Table Schema."""
    if fmt == "schema.json":
        return JsonResponse(overview.open_data_schema(), json_dumps_params={"ensure_ascii": False})
    if fmt not in exports.STREAM_FORMATS:
        raise Http404
    return exports.stream_response(overview.open_data_rows(), fmt, "besoins-sur-mesure")
