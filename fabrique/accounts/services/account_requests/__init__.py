"""« Demander un compte »: a person without an account asks for one, the team accepts it (the
account is created and a single-use link to choose a password is e-mailed) or declines it.

Nothing tells whether an address already has an account: such a request is answered the same
way on the page, and the e-mail to that address says the account exists and how to recover its
password.

`submission` (the request filed), `review` (the team accepts, declines, corrects, deletes),
`emails` (what the person receives), `retention` (purge, erasure). Every service is
importable from `fabrique.accounts.services.account_requests`.
"""

from .emails import set_password_url
from .retention import account_requests_erase, purge_account_requests, purge_before
from .review import (
    account_request_accept,
    account_request_decline,
    account_request_delete,
    account_request_update,
)
from .submission import EDITABLE_FIELDS, account_request_submit

__all__ = [
    "EDITABLE_FIELDS", "account_request_accept", "account_request_decline",
    "account_request_delete", "account_request_submit", "account_request_update",
    "account_requests_erase", "purge_account_requests", "purge_before", "set_password_url",
]  # fmt: skip
