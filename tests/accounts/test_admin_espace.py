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
