"""Programme d'investigation."""

from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.investigations"
    verbose_name = "Programme d'investigation"

    def ready(self):
        from fabrique.core import espace
        from fabrique.synergies import sources as synergy_sources

        from .selectors import espace_block
        from .selectors.similar import problem_entries

        espace.register(espace_block, order=45)
        synergy_sources.register_source("probleme", "Problème", problem_entries, public=False)
