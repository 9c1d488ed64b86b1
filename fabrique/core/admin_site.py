"""The administration site, in French down to the apps that ship only in English."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# Apps whose names the libraries give in English: app label → (app name, {model: name}).
FRENCH_NAMES = {
    "django_tasks_database": ("Tâches de fond", {"dbtaskresult": "Résultats des tâches"}),
}


class FabriqueAdminSite(admin.AdminSite):
    site_header = "Administration de Fabrique"
    site_title = "Fabrique"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            name, models = FRENCH_NAMES.get(app["app_label"], (None, {}))
            if name:
                app["name"] = name
            for model in app["models"]:
                model["name"] = models.get(model["object_name"].lower(), model["name"])
        return apps


class FabriqueAdminConfig(AdminConfig):
    default_site = "fabrique.core.admin_site.FabriqueAdminSite"
