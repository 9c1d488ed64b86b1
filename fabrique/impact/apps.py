from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "fabrique.impact"
    label = "impact"
    verbose_name = "Mesure d'impact"

    def ready(self):
        from fabrique.core import espace
        from fabrique.core.signals import territories_changed

        from .selectors import espace as blocks
        from .services.deployment import refresh_penetrations

        espace.register(blocks.indicators_block, order=30)
        # New populations or EPCI members: the penetration series are rewritten.
        territories_changed.connect(
            refresh_penetrations, dispatch_uid="impact.refresh_penetrations"
        )
