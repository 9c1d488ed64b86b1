"""One-click exports: a portfolio selection as XLSX, ODS, CSV or a PDF report; the committee
and attestation lists as spreadsheets."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from . import list_exports, reporting
from .access import can_view_portfolio
from .filters import ProjectFilter

TITLE = "Portefeuille de projets"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to download, never kept by a cache (it holds non-public figures)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def export(request, fmt):
    """The dashboard filters (`kind`, `phase`, `manager`…) and `liste` select the projects."""
    if not can_view_portfolio(request.user):
        raise PermissionDenied
    if fmt not in reporting.FORMATS:
        raise Http404("Format d'export inconnu.")
    list_key = request.GET.get("liste") or reporting.DEFAULT_LIST
    if list_key not in reporting.LISTS:
        raise Http404("Liste inconnue.")
    filters = ProjectFilter(request.GET or None).selection()
    today = timezone.localdate()
    content, content_type, filename = reporting.export(
        reporting.select(filters, list_key, today),
        fmt,
        title=TITLE,
        filters_description=reporting.describe_selection(filters, list_key),
        today=today,
        name="portefeuille" if list_key == reporting.DEFAULT_LIST else f"portefeuille-{list_key}",
    )
    return _attachment(content, content_type, filename)


def _list_format(request) -> str:
    """The spreadsheet format asked for by `?export=` on a list page; 404 if unknown."""
    fmt = request.GET.get("export", "")
    if fmt not in list_exports.FORMATS:
        raise Http404("Format d'export inconnu.")
    return fmt


def _list_attachment(rows, fmt: str, spec: list_exports.ListExport) -> HttpResponse:
    content, filename = list_exports.export(rows, fmt, spec, timezone.localdate())
    return _attachment(content, reporting.FORMATS[fmt], filename)


def committees(request, committees) -> HttpResponse:
    """Every committee of the list, not only the page shown, in the order shown.

    The list view has checked access already.
    """
    fmt = _list_format(request)
    rows = list_exports.committee_rows(list_exports.with_projects(committees))
    return _list_attachment(rows, fmt, list_exports.COMMITTEES)


def attestations(request, sections) -> HttpResponse:
    """Both lists of periods to attest, late ones first, in the order shown."""
    fmt = _list_format(request)
    return _list_attachment(list_exports.attestation_rows(sections), fmt, list_exports.ATTESTATIONS)
