"""Investigations: start, phases and artefacts, days ledger, the go/no-go.

`lifecycle`: start, change, delete; `phases`; `days` (the days ledger); `decision` (the
go/no-go). Every service is importable from `fabrique.investigations.services.investigations`.
"""

from .days import day_add, day_delete, day_save
from .decision import decision_cancel, decision_record, decision_update
from .lifecycle import investigation_delete, investigation_start, investigation_update
from .phases import ARTEFACT_FIELDS, phase_close, phase_reopen, phase_update

__all__ = [
    "ARTEFACT_FIELDS", "day_add", "day_delete", "day_save", "decision_cancel",
    "decision_record", "decision_update", "investigation_delete", "investigation_start",
    "investigation_update", "phase_close", "phase_reopen", "phase_update",
]  # fmt: skip
