"""Programme d'investigation."""

from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.investigations"
    verbose_name = "Programme d'investigation"

    def ready(self):
        from fabrique.core import espace, personal_data
        from fabrique.synergies.selectors import sources as synergy_sources

        from .models import Problem
        from .selectors import espace_block
        from .selectors.similar import problem_entries
        from .services import personal_data as person

        espace.register(espace_block, order=45)
        synergy_sources.register_source(
            "probleme", "Problème", problem_entries, public=False, model=Problem
        )
        personal_data.register(
            "investigations",
            title="Programme d'investigation : problèmes déposés, jours passés",
            export=person.person_export,
            erase=person.person_erase,
            order=50,
        )
