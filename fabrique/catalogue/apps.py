from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "fabrique.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue et financements"

    def ready(self):
        from fabrique.core import espace, personal_data

        from .selectors import espace as blocks
        from .selectors import suggestions

        espace.register(blocks.agent_block, order=15)
        personal_data.register(
            "suggestions_catalogue",
            title="Solutions proposées au catalogue",
            export=suggestions.person_export,
            order=70,
        )
        espace.register(blocks.moderation_block, order=60)
