from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site's own pages and commands, which assemble the apps: home page, accessibility,
    error pages, the context of every page, `load_demo`. `core` stays free of any app."""

    name = "fabrique.home"
    label = "home"
    verbose_name = "Accueil du site"
