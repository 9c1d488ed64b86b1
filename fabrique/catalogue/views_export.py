"""Open data: the public catalogue as CSV and JSON files, streamed (constant memory)."""

import csv
import json

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, StreamingHttpResponse

from . import selectors

EXPORTS = {
    "solutions": selectors.export_solutions,
    "utilisations": selectors.export_uses,
    "financements": selectors.export_schemes,
    "operateurs": selectors.export_operators,
}
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
LIST_SEPARATOR = ";"  # several values in a CSV cell, as in the Aides-territoires exports


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def _csv(rows):
    writer = csv.writer(_Echo())
    first = True
    for row in rows:
        if first:
            yield "\ufeff" + writer.writerow(list(row))  # BOM: spreadsheets read UTF-8
            first = False
        yield writer.writerow([_cell(value) for value in row.values()])


def _json(rows):
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def export_response(name: str, fmt: str) -> StreamingHttpResponse:
    """One export as a streamed file download; also served by the API (`/api/v1/exports/`)."""
    rows = EXPORTS[name]()
    body = _csv(rows) if fmt == "csv" else _json(rows)
    response = StreamingHttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="catalogue-{name}.{fmt}"'
    return response


@login_not_required
def export(request, name, fmt):
    if name not in EXPORTS or fmt not in FORMATS:
        raise Http404("Export inconnu.")
    return export_response(name, fmt)
