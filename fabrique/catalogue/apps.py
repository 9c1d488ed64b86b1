from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "fabrique.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue et financements"
