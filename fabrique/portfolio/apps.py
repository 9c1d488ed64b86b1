from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "fabrique.portfolio"
    label = "portfolio"
    verbose_name = "Portefeuille"
