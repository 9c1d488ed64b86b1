"""A mission as one JSON document (API, export, import) and as its deliverable (PDF, ODT).

`document`: the JSON document; `deliverable`: the PDF and ODT files, with their `benchmark` and
`discovery` sections. Everything is importable from `fabrique.diagnostics.exports`.
"""

from .benchmark import BENCHMARK_HEADERS, benchmark_odt, benchmark_report, next_steps
from .deliverable import (
    LIVE_PREDIAGNOSTIC,
    byline,
    context_lines,
    data_reference,
    days_line,
    deliverable_odt,
    deliverable_pdf,
    identity_lines,
    report_context,
)
from .discovery import (
    discovery_odt,
    discovery_report,
    live_prediagnostic,
    people_met,
    prediagnostic_lines,
)
from .document import (
    FEASIBILITIES,
    SCHEMA,
    candidate_document,
    discovery_document,
    mission_document,
)

__all__ = [
    "BENCHMARK_HEADERS", "FEASIBILITIES", "LIVE_PREDIAGNOSTIC", "SCHEMA", "benchmark_odt",
    "benchmark_report", "byline", "candidate_document", "context_lines", "data_reference",
    "days_line", "deliverable_odt", "deliverable_pdf", "discovery_document", "discovery_odt",
    "discovery_report", "identity_lines", "live_prediagnostic", "mission_document", "next_steps",
    "people_met", "prediagnostic_lines", "report_context",
]  # fmt: skip
