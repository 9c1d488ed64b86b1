from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fabrique.recruitment"
    verbose_name = "Recrutement"

    def ready(self):
        from fabrique.core import espace, personal_data, project_links

        from . import selectors
        from .services import personal_data as person

        espace.register(selectors.espace_block, order=80)
        project_links.register(selectors.project_link)
        personal_data.register(
            "candidatures",
            title="Candidatures envoyées avec votre adresse",
            export=person.person_export,
            erase=person.person_erase,
            order=60,
        )
