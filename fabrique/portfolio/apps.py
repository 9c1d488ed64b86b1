from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "fabrique.portfolio"
    label = "portfolio"
    verbose_name = "Portefeuille"

    def ready(self):
        from fabrique.core import espace

        from .selectors import espace as blocks

        espace.register(blocks.team_block, order=10)
        espace.register(blocks.my_projects_block, order=20)
