from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class CoreConfig(AppConfig):
    name = "fabrique.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self):
        from .middleware import mark_seen

        user_logged_in.connect(mark_seen, dispatch_uid="fabrique.core.mark_seen")
