from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.recruitment"
    verbose_name = "Recrutement"

    def ready(self):
        from fabrique.core import espace

        from . import selectors

        espace.register(selectors.espace_block, order=80)
