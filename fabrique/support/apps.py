"""Offre d'accompagnement."""

from django.apps import AppConfig


class SupportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.support"
    verbose_name = "Offre d'accompagnement"

    def ready(self):
        from fabrique.core import espace, personal_data

        from . import selectors
        from .services import personal_data as person

        espace.register(selectors.espace_block, order=45)
        personal_data.register(
            "offre_accompagnement",
            title="Offre d'accompagnement : inscriptions, satisfaction, demandes",
            export=person.person_export,
            erase=person.person_erase,
            order=40,
        )
