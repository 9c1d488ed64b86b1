from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.diagnostics"
    verbose_name = "Accompagnement sur-mesure"

    def ready(self):
        from fabrique.core import espace, personal_data

        from . import selectors
        from .services import personal_data as person

        espace.register(selectors.espace_block, order=25)
        personal_data.register(
            "accompagnement_sur_mesure",
            title="Accompagnement sur-mesure : missions, temps passé, entretiens",
            export=person.person_export,
            erase=person.person_erase,
            order=30,
        )
