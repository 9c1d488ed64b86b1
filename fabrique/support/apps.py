"""Offre d'accompagnement."""

from django.apps import AppConfig


class SupportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.support"
    verbose_name = "Offre d'accompagnement"

    def ready(self):
        from fabrique.core import espace

        from . import selectors

        espace.register(selectors.espace_block, order=45)
