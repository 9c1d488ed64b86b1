"""Writes of the support offer: keyword-only, atomic, validating before writing."""

from .knowledge import page_delete, page_save
from .modules import (
    module_attest,
    module_carry_over,
    module_close,
    module_create,
    module_deliverable_add,
    module_mark,
    module_order,
    module_quote,
)
from .requests import request_create, request_triage
from .sessions import (
    attendance_record,
    feedback_submit,
    follow_up_note_add,
    follow_up_start,
    format_delete,
    format_save,
    registration_cancel,
    registration_create,
    reminders_send,
    session_delete,
    session_save,
)

__all__ = [
    "attendance_record",
    "feedback_submit",
    "follow_up_note_add",
    "follow_up_start",
    "format_delete",
    "format_save",
    "module_attest",
    "module_carry_over",
    "module_close",
    "module_create",
    "module_deliverable_add",
    "module_mark",
    "module_order",
    "module_quote",
    "page_delete",
    "page_save",
    "registration_cancel",
    "registration_create",
    "reminders_send",
    "request_create",
    "request_triage",
    "session_delete",
    "session_save",
]
