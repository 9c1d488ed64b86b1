from django.apps import AppConfig


class SupportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.support"
    verbose_name = "Offre d'accompagnement"
