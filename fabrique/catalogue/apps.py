from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "fabrique.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue et financements"

    def ready(self):
        from fabrique.core import espace

        from .selectors import espace as blocks

        espace.register(blocks.agent_block, order=15)
        espace.register(blocks.moderation_block, order=60)
