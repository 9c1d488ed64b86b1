"""Open data: the public catalogue as CSV and JSON files, streamed (constant memory)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404

from ..exports import EXPORTS, FORMATS, export_response


@login_not_required
def export(request, name, fmt):
    if name not in EXPORTS or fmt not in FORMATS:
        raise Http404("Export inconnu.")
    return export_response(name, fmt)
