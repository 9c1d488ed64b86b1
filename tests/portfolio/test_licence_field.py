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


def test_the_service_refuses_a_licence_outside_the_spdx_list_and_writes_it_canonically():
    """The admin and any other caller go through `project_save` and the model's validator, not
    only the project form."""
    from django.core.exceptions import ValidationError

    from fabrique.portfolio import services
    from fabrique.portfolio.models import Project

    with pytest.raises(ValidationError) as error:
        services.project_save(name="Navette", kind="startup-etat", licence="Licence maison")
    assert "identifiant de licence SPDX connu" in error.value.message_dict["licence"][0]
    assert not Project.objects.exists()
    project = services.project_save(name="Navette", kind="startup-etat", licence="eupl-1.2")
    assert project.licence == "EUPL-1.2"


def test_the_admin_form_of_a_project_refuses_a_licence_outside_the_spdx_list(rf):
    from django.contrib import admin

    from fabrique.portfolio.models import Project

    project = ProjectFactory(licence="")
    request = rf.get("/")
    request.user = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    form_class = admin.site.get_model_admin(Project).get_form(request, project)
    data = {**form_class(instance=project).initial, "licence": "Licence maison"}
    data = {key: value for key, value in data.items() if value is not None}
    form = form_class(data, instance=project)
    assert not form.is_valid()
    assert "identifiant de licence SPDX connu" in form.errors["licence"][0]
