"""Deleting a problem or a knowledge page from the administration goes through the same service
as on the site: the files of its attachments are removed too (they stayed on the disk,
unreachable, when the admin deleted the rows itself)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fabrique.investigations import services
from fabrique.support import services as support_services
from tests.investigations.factories import ProblemFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def test_deleting_a_problem_in_the_admin_removes_its_attachments_files(
    admin_client, django_capture_on_commit_callbacks
):
    problem = ProblemFactory()
    file = services.attachment_add(problem=problem, upload=SimpleUploadedFile("note.pdf", PDF)).file
    storage, name = file.storage, file.name
    url = reverse("admin:investigations_problem_delete", args=[problem.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not type(problem).objects.filter(pk=problem.pk).exists()
    assert not storage.exists(name)


def test_deleting_knowledge_pages_selected_in_the_admin_removes_their_files(
    admin_client, django_capture_on_commit_callbacks
):
    page = support_services.page_save(
        title="Modèle de plan",
        theme="impact",
        body="Voir la pièce jointe.",
        is_public=True,
        attachment=SimpleUploadedFile("plan.pdf", PDF),
    )
    file = page.attachments.get().file
    storage, name = file.storage, file.name
    url = reverse("admin:support_knowledgepage_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(
            url, {"action": "delete_selected", "_selected_action": [page.pk], "post": "yes"}
        )
    assert answer.status_code == 302
    assert not type(page).objects.filter(pk=page.pk).exists()
    assert not storage.exists(name)
