"""Libraries' apps under French names in the administration: django-tasks-db calls itself
« Tasks Database Backend », django-axes « Axes ». Django's way to rename a third-party app: its
config subclassed and named in INSTALLED_APPS. In a module of its own: a second AppConfig in
core/apps.py would stop Django from choosing CoreConfig for fabrique.core."""

from axes.apps import AppConfig as AxesAppConfig
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = "Tâches de fond"


class LoginAttemptsConfig(AxesAppConfig):
    verbose_name = "Tentatives de connexion"
