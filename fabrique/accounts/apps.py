from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save


class AccountsConfig(AppConfig):
    name = "fabrique.accounts"
    label = "accounts"
    verbose_name = "Comptes et rôles"

    def ready(self):
        # Models (ours, DRF's tokens, axes' signals) load only once the registry is ready.
        from axes.signals import user_locked_out
        from rest_framework.authtoken.models import Token

        from fabrique.core import espace, personal_data

        from .models import Membership, User
        from .selectors import account_requests_block, account_requests_export, admin_block
        from .services import security_log as log
        from .services.account_requests import account_requests_erase

        espace.register(admin_block, order=90)
        espace.register(account_requests_block, order=5)
        personal_data.register(
            "demandes_compte",
            title="Demandes de compte",
            export=account_requests_export,
            erase=account_requests_erase,
            order=5,
        )
        connections = [
            (user_logged_in, log.on_logged_in, None),
            (user_login_failed, log.on_login_failed, None),
            (user_logged_out, log.on_logged_out, None),
            (user_locked_out, log.on_locked_out, None),
            (pre_save, log.on_user_pre_save, User),
            (post_save, log.on_user_post_save, User),
            (post_save, log.on_membership_saved, Membership),
            (post_delete, log.on_membership_deleted, Membership),
            (post_save, log.on_token_saved, Token),
            (post_delete, log.on_token_deleted, Token),
        ]
        for signal, receiver, sender in connections:
            signal.connect(
                receiver, sender=sender, dispatch_uid=f"security_log.{receiver.__name__}"
            )
