"""One-click exports of a portfolio selection: XLSX, ODS, CSV and a PDF report."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from . import reporting
from .access import can_view_portfolio
from .forms import filters_from_request

TITLE = "Portefeuille de projets"


def export(request, fmt):
    """The dashboard filters (`kind`, `phase`, `manager`…) and `liste` select the projects."""
    if not can_view_portfolio(request.user):
        raise PermissionDenied
    if fmt not in reporting.FORMATS:
        raise Http404("Format d'export inconnu.")
    list_key = request.GET.get("liste") or reporting.DEFAULT_LIST
    if list_key not in reporting.LISTS:
        raise Http404("Liste inconnue.")
    _form, filters = filters_from_request(request)
    today = timezone.localdate()
    content, content_type, filename = reporting.export(
        reporting.select(filters, list_key, today),
        fmt,
        title=TITLE,
        filters_description=reporting.describe_selection(filters, list_key),
        today=today,
        name="portefeuille" if list_key == reporting.DEFAULT_LIST else f"portefeuille-{list_key}",
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
