from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fabrique.api"
    label = "api"
    verbose_name = "API"
