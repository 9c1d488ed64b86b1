"""Issue 12: « Licence maison » was accepted in the SPDX licence field of a project."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db


def edit(client, project, licence):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client.post(
        reverse("portfolio:project-edit", args=[project.slug]),
        {"name": project.name, "kind": project.kind, "mission": "m", "licence": licence},
    )


def test_a_licence_outside_the_spdx_list_is_refused(client):
    project = ProjectFactory(licence="")
    response = edit(client, project, "Licence maison")
    assert response.status_code == 200
    assert "identifiant de licence SPDX connu" in response.content.decode()
    project.refresh_from_db()
    assert project.licence == ""


def test_a_spdx_expression_is_stored_in_its_canonical_form(client):
    project = ProjectFactory(licence="")
    assert edit(client, project, "agpl-3.0-or-later").status_code == 302
    project.refresh_from_db()
    assert project.licence == "AGPL-3.0-or-later"
