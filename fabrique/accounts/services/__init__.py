"""Writes on accounts: keyword-only, atomic, validating before writing.

`people`: demo accounts, erasure requests and the erasure of a person; `account_requests`:
« Demander un compte » (submit, accept, decline, correct, delete, purge); `security_log`: the
security log's writer (`record`, `record_personal_read`, `purge`) and its signal receivers.
"""

from .account_requests import (
    account_request_accept,
    account_request_decline,
    account_request_delete,
    account_request_submit,
    account_request_update,
    purge_account_requests,
)
from .people import (
    DEMO_ACCOUNTS,
    DEMO_AGENT_COMMUNE,
    DEMO_PASSWORD,
    MAX_REQUEST_MESSAGE,
    DemoAccount,
    ErasureReport,
    attach_to_commune_and_epci,
    deletion_request_cancel,
    deletion_request_create,
    ensure_user,
    erased_email,
    is_erased,
    load_demo_accounts,
    lockout_release,
    person_erase,
    person_for,
)

__all__ = [
    "DEMO_ACCOUNTS", "DEMO_AGENT_COMMUNE", "DEMO_PASSWORD", "MAX_REQUEST_MESSAGE", "DemoAccount",
    "ErasureReport", "account_request_accept", "account_request_decline",
    "account_request_delete", "account_request_submit", "account_request_update",
    "attach_to_commune_and_epci", "deletion_request_cancel", "deletion_request_create",
    "ensure_user", "erased_email", "is_erased", "load_demo_accounts", "lockout_release",
    "person_erase",
    "person_for", "purge_account_requests",
]  # fmt: skip
