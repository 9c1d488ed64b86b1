from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.diagnostics"
    verbose_name = "Accompagnement sur-mesure"

    def ready(self):
        from fabrique.core import espace

        from . import selectors

        espace.register(selectors.espace_block, order=25)
