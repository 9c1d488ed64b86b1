"""Reads of the investigation programme."""

from .lists import (
    call_problem_rows,
    coach_rows,
    investigation_rows,
    missing_for_current_phase,
    open_calls,
    programme_stats,
)
from .similar import similar_for_problem, similar_for_text

__all__ = [
    "call_problem_rows",
    "coach_rows",
    "investigation_rows",
    "missing_for_current_phase",
    "open_calls",
    "programme_stats",
    "similar_for_problem",
    "similar_for_text",
]
