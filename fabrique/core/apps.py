from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "fabrique.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self):
        from .middleware import mark_seen
        from .permissions import french_permission_names
        from .sorting import register_french_collation

        user_logged_in.connect(mark_seen, dispatch_uid="fabrique.core.mark_seen")
        # After django.contrib.auth has created each app's permissions (it is connected first).
        post_migrate.connect(french_permission_names, dispatch_uid="fabrique.core.permissions")
        connection_created.connect(
            register_french_collation, dispatch_uid="fabrique.core.french_collation"
        )
