"""Reads of the investigation programme."""

from .espace import espace_block
from .lists import (
    call_problem_rows,
    coach_rows,
    investigation_page,
    investigation_rows,
    late_only,
    missing_for_current_phase,
    open_calls,
    programme_stats,
    public_investigation_page,
    scoring_open_q,
)
from .similar import problem_entries, similar_for_problem, similar_for_text

__all__ = [
    "call_problem_rows",
    "coach_rows",
    "espace_block",
    "investigation_page",
    "investigation_rows",
    "late_only",
    "missing_for_current_phase",
    "open_calls",
    "problem_entries",
    "programme_stats",
    "public_investigation_page",
    "scoring_open_q",
    "similar_for_problem",
    "similar_for_text",
]
