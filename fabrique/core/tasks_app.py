"""django-tasks-db under its French name in the administration (the library names it « Tasks
Database Backend »): Django's way to rename a third-party app, its config subclassed and named
in INSTALLED_APPS. In a module of its own: a second AppConfig in core/apps.py would stop Django
from choosing CoreConfig for fabrique.core."""

from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = "Tâches de fond"
