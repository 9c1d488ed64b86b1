from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fabrique.core"
    label = "core"
    verbose_name = "Socle"
