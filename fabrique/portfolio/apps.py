from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "fabrique.portfolio"
    label = "portfolio"
    verbose_name = "Portefeuille"

    def ready(self):
        from fabrique.core import espace, personal_data

        from . import services
        from .selectors import espace as blocks
        from .selectors import team

        espace.register(blocks.team_block, order=10)
        espace.register(blocks.recent_decisions_block, order=95)  # for the record: last
        personal_data.register(
            "projets",
            title="Projets : équipes et portefeuille",
            export=team.person_export,
            erase=services.person_erase,
            order=20,
        )
        espace.register(blocks.my_projects_block, order=20)
