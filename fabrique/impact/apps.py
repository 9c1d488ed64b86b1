from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "fabrique.impact"
    label = "impact"
    verbose_name = "Mesure d'impact"

    def ready(self):
        from . import receivers  # noqa: F401 (connects the receivers)
