from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.diagnostics"
    verbose_name = "Accompagnement sur-mesure"

    def ready(self):
        from fabrique.core import espace, personal_data
        from fabrique.synergies.selectors.sources import register_source
        from fabrique.territories import rules as territory_rules

        from . import selectors
        from .models import Need
        from .selectors.similar import NEED_LABEL, need_entries
        from .services import personal_data as person
        from .vocabulary import NEED_KIND

        espace.register(selectors.espace_block, order=25)
        # Every page that says « éligible » reads the thresholds in force from here.
        territory_rules.provide(selectors.thresholds_today)
        register_source(NEED_KIND, NEED_LABEL, need_entries, model=Need)
        personal_data.register(
            "accompagnement_sur_mesure",
            title="Accompagnement sur-mesure : missions, temps passé, entretiens",
            export=person.person_export,
            erase=person.person_erase,
            order=30,
        )
