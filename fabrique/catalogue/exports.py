"""Open data of the catalogue: its datasets, as files streamed by `core.exports`."""

from fabrique.core.exports import STREAM_FORMATS, stream_response

from . import selectors

EXPORTS = {
    "solutions": selectors.export_solutions,
    "utilisations": selectors.export_uses,
    "financements": selectors.export_schemes,
    "operateurs": selectors.export_operators,
}
FORMATS = STREAM_FORMATS


def export_response(name: str, fmt: str):
    """One dataset as a streamed file download; also served by the API (`/api/v1/exports/`)."""
    return stream_response(EXPORTS[name](), fmt, f"catalogue-{name}")
