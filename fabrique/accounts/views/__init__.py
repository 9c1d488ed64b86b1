"""Pages of accounts: `people` (login, password, Mon espace, security log, personal data) and
`account_requests` (« Demander un compte » and the team's queue)."""

from .account_requests import (
    account_request,
    account_request_accept,
    account_request_decline,
    account_request_delete,
    account_request_detail,
    account_request_edit,
    account_request_sent,
    account_requests,
)
from .people import (
    LoginView,
    LogoutView,
    PasswordChangeView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
    dashboard,
    deletion_requests,
    lockout_release_view,
    personal_data_cancel,
    personal_data_export,
    personal_data_page,
    security_log,
)

__all__ = [
    "LoginView",
    "LogoutView",
    "PasswordChangeView",
    "PasswordResetCompleteView",
    "PasswordResetConfirmView",
    "PasswordResetDoneView",
    "PasswordResetView",
    "account_request",
    "account_request_accept",
    "account_request_decline",
    "account_request_delete",
    "account_request_detail",
    "account_request_edit",
    "account_request_sent",
    "account_requests",
    "dashboard",
    "deletion_requests",
    "lockout_release_view",
    "personal_data_cancel",
    "personal_data_export",
    "personal_data_page",
    "security_log",
]  # fmt: skip
