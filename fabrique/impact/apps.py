from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "fabrique.impact"
    label = "impact"
    verbose_name = "Mesure d'impact"

    def ready(self):
        from fabrique.core import espace

        from . import receivers  # noqa: F401 (connects the receivers)
        from .selectors import espace as blocks

        espace.register(blocks.indicators_block, order=30)
