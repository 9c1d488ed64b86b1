from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fabrique.accounts"
    label = "accounts"
    verbose_name = "Comptes et rôles"

    def ready(self):
        from fabrique.core import espace

        from .selectors import admin_block

        espace.register(admin_block, order=90)
