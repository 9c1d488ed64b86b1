"""The admin's Mon espace: each background-task count opens the list of exactly those tasks."""

import re
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_task_counts_open_the_tasks_of_that_status(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_superuser=True))  # as the demo admin
    page = unescape(client.get(reverse("accounts:dashboard")).content.decode())
    for label, status in (("en échec", "FAILED"), ("en attente", "READY"), ("en cours", "RUNNING")):
        link = re.search(rf'<a[^>]*href="([^"]+)"[^>]*>\s*Tâches de fond {label}', page)
        assert link and link.group(1).endswith(f"/dbtaskresult/?status__exact={status}")
        assert client.get(link.group(1)).status_code == 200


def test_the_administration_names_the_background_tasks_in_french(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "Tâches de fond" in page and "Résultats des tâches" in page
    assert "Tasks Database Backend" not in page and "Task Results" not in page
    assert "Administration de Fabrique" in page


def test_the_task_results_list_and_page_are_in_french(client):
    from django_tasks_db.models import DBTaskResult, get_date_max

    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    result = DBTaskResult.objects.create(
        task_path="fabrique.diagnostics.tasks.send_followup_reminders",
        args_kwargs={"args": [], "kwargs": {}}, backend_name="default", status="FAILED",
        run_after=get_date_max(),
        exception_class_path="builtins.ValueError", traceback="Traceback: ValueError",
    )  # fmt: skip
    listing = unescape(client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
                       .content.decode())  # fmt: skip
    page = unescape(
        client.get(
            reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.pk])
        ).content.decode()
    )
    for french in ("résultat de tâche", "Tâche", "Statut", "Mise en file le", "En échec"):
        assert french in listing, french
    for french in ("Trace de l'erreur", "À exécuter après le", "Classe de l'erreur", "Priorité"):
        assert french in page, french
    assert "Tâches de fond</a>" in listing  # the breadcrumb
    for english in ("Tasks Database Backend", "Task Result", "Enqueued at", "Task name", "Failed"):
        assert english not in listing, english
    # The results have no name of their own (« DBTaskResult object »): the page names the task.
    assert "fabrique.diagnostics.tasks.send_followup_reminders — En échec" in page
    assert "DBTaskResult object" not in page  # neither in the title nor in the breadcrumb
    history = unescape(
        client.get(
            reverse("admin:django_tasks_database_dbtaskresult_history", args=[result.pk])
        ).content.decode()
    )
    assert "DBTaskResult object" not in history
    assert "Historique des modifications : fabrique.diagnostics.tasks.send_followup" in history
    for english in ("Traceback:", "Run after", "Exception class path", "Return value"):
        assert english not in page.replace("Traceback: ValueError", ""), english


def test_the_renamed_tasks_app_leaves_the_core_config_in_place():
    """Renaming django-tasks-db takes an AppConfig of our own: kept out of core/apps.py, where a
    second config would make Django skip CoreConfig (and its login signal)."""
    from django.apps import apps

    from fabrique.core.apps import CoreConfig

    assert type(apps.get_app_config("core")) is CoreConfig
    assert apps.get_app_config("django_tasks_database").verbose_name == "Tâches de fond"
    assert apps.get_app_config("axes").verbose_name == "Tentatives de connexion"


def test_permissions_are_named_in_french_on_the_groups_page(client):
    """Django names permissions in English (« Can add demande de compte »); after migrating
    they read in French, history tables included."""
    from django.contrib.auth.models import Permission

    assert not Permission.objects.filter(name__startswith="Can ").exists()
    assert not Permission.objects.filter(name__contains="historical").exists()
    names = dict(Permission.objects.values_list("codename", "name"))
    assert names["add_accountrequest"] == "Peut ajouter demande de compte"
    assert names["view_historicalsolution"].startswith("Peut voir historique de solution")
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    page = unescape(client.get(reverse("admin:auth_group_add")).content.decode())
    assert "Peut supprimer demande de compte" in page and "Can delete" not in page
