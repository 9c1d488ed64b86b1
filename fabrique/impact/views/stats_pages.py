"""Public statistics of a project: the page, and the same public series as JSON and CSV (open to
other sites: `Access-Control-Allow-Origin: *`)."""

import csv
import io

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from fabrique.core.exports import CSV_BOM, defuse

from .. import access, rules, selectors
from ..selectors import penetration
from .common import impact_breadcrumb


@login_not_required
def stats(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="stats")
    return render(
        request,
        "impact/stats.html",
        {
            "title": f"Statistiques — {project.name}",
            "project": project,
            "series": selectors.public_series(project),
            "figures": penetration.penetration_figures(project),
            "breadcrumb_data": impact_breadcrumb(project, "Statistiques", indicators=False),
        },
    )


def _stats_payload(request, project) -> dict:
    series = selectors.public_series(project)
    return {
        "project": {
            "slug": project.slug,
            "name": project.name,
            "url": request.build_absolute_uri(project.get_absolute_url()),
        },
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "indicators": [selectors.indicator_payload(state, points) for state, points in series],
    }


@login_not_required
def stats_json(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="stats")
    response = JsonResponse(
        _stats_payload(request, project), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


CSV_HEADER = ["indicateur", "niveau", "nature", "unite", "periode", "fin_de_periode", "valeur"]


@login_not_required
def stats_csv(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="stats")
    buffer = io.StringIO(CSV_BOM)
    buffer.seek(0, io.SEEK_END)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for state, points in selectors.public_series(project):
        indicator = state.indicator
        for point in points:
            writer.writerow([
                defuse(indicator.name), indicator.get_level_display(),
                indicator.get_kind_display(), indicator.unit, point.period.isoformat(),
                rules.period_end(point.period, indicator.frequency).isoformat(),
                format(point.value.normalize(), "f"),
            ])  # fmt: skip
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistiques-{project.slug}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
