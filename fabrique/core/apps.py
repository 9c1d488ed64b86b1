from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django_tasks_db.apps import TasksAppConfig


class CoreConfig(AppConfig):
    name = "fabrique.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self):
        from .middleware import mark_seen

        user_logged_in.connect(mark_seen, dispatch_uid="fabrique.core.mark_seen")


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db under its French name in the administration (the library names it
    « Tasks Database Backend »): Django's way to rename a third-party app, its config subclassed
    and named in INSTALLED_APPS."""

    verbose_name = "Tâches de fond"
