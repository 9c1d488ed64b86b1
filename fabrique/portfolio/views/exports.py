"""Downloads: a portfolio selection as XLSX, ODS, CSV or a PDF report (the dashboard's
filters), and the committee and attestation lists as spreadsheets. The files are built by
`portfolio.exports`; these views check access, read the format and answer with the file."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from fabrique.accounts.services.security_log import record_personal_read

from .. import exports
from ..access import can_view_portfolio
from ..filters import ProjectFilter

TITLE = "Portefeuille de projets"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to download, never kept by a cache (it holds non-public figures)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def export(request, fmt):
    """The dashboard filters (`kind`, `phase`, `manager`…) and `liste` select the projects."""
    if not can_view_portfolio(request.user):
        raise PermissionDenied
    if fmt not in exports.FORMATS:
        raise Http404("Format d'export inconnu.")
    list_key = request.GET.get("liste") or exports.DEFAULT_LIST
    if list_key not in exports.LISTS:
        raise Http404("Liste inconnue.")
    filters = ProjectFilter(request.GET or None).selection()
    today = timezone.localdate()
    content, content_type, filename = exports.export(
        exports.select(filters, list_key, today),
        fmt,
        title=TITLE,
        filters_description=exports.describe_selection(filters, list_key),
        today=today,
        name="portefeuille" if list_key == exports.DEFAULT_LIST else f"portefeuille-{list_key}",
    )
    return attachment(content, content_type, filename)


def list_format(request) -> str:
    """The spreadsheet format asked for by `?export=` on a list page; 404 if unknown."""
    fmt = request.GET.get("export", "")
    if fmt not in exports.LIST_FORMATS:
        raise Http404("Format d'export inconnu.")
    return fmt


def committees(request, committees) -> HttpResponse:
    """Every committee of the list, not only the page shown, in the order shown.

    The list view has checked access already.
    """
    fmt = list_format(request)
    return attachment(*exports.committees_table(committees, fmt, timezone.localdate()))


def attestations(request, sections) -> HttpResponse:
    """Both lists of periods to attest, late ones first, in the order shown."""
    fmt = list_format(request)
    response = attachment(*exports.attestations_table(sections, fmt, timezone.localdate()))
    # The list names the freelancers: an export of personal data, kept in the security log
    # (unless it is empty).
    record_personal_read(
        request,
        what=f"services faits à attester ({fmt})",
        count=sum(len(periods) for _, periods in sections),
        noun="période",
    )
    return response
