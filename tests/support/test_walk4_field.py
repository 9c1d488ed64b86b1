"""Round-4 walk of the agent and the porteur through the support offer, in Chromium."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.support import selectors, services
from fabrique.support.models import SupportRequest
from tests.factories import UserFactory

from .factories import ExpertModuleFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_knowledge_search_finds_a_page_by_the_name_of_its_theme():
    """An agent types the theme shown beside each page (« données ouvertes ») and must find the
    page, even when its title and body never say « ouvertes »."""
    page = services.page_save(
        title="Publier un jeu de données sur data.gouv.fr",
        theme="donnees-ouvertes",
        body="Les étapes : cadrer, mesurer, partager.",
        is_public=True,
    )
    services.page_save(title="Autre", theme="impact", body="Rien à voir", is_public=True)
    agent = UserFactory(role=Role.AGENT)
    assert list(selectors.search_pages(agent, "donnees ouvertes")) == [page]
    assert list(selectors.search_pages(agent, "Ouvertes")) == [page]
    assert list(selectors.search_pages(agent, "publier ouvertes")) == [page]
    assert list(selectors.search_pages(agent, "ouvertes impact")) == []


def test_an_expert_module_page_links_back_to_its_project(client):
    """The porteur opens a module of his project from « Mon espace »: the project's name leads
    back to the project, as on a follow-up's page (it was plain text, a dead end)."""
    module = ExpertModuleFactory()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    response = client.get(reverse("support:module", args=[module.pk]))
    assert f'<a href="{module.project.get_absolute_url()}">{module.project}</a>' in (
        response.content.decode()
    )


def test_deleting_a_knowledge_page_removes_its_attachments_files(
    django_capture_on_commit_callbacks,
):
    """A page deleted takes the files of its attachments along, as one attachment deleted does
    (they stayed on the disk, unreachable and never purged)."""
    page = services.page_save(
        title="Modèle de plan",
        theme="impact",
        body="Voir la pièce jointe.",
        is_public=True,
        attachment=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    file = page.attachments.get().file
    storage, name = file.storage, file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.page_delete(page=page)
    assert not storage.exists(name)


def test_cancelling_a_registration_elides_the_name(client):
    """« Annuler l'inscription de Inès Petit » → « d'Inès Petit », as everywhere else."""
    user = UserFactory(role=Role.AGENT, first_name="Inès", last_name="Petit")
    registration = RegistrationFactory(user=user)
    client.force_login(user)
    page = client.get(reverse("support:registration-cancel", args=[registration.pk]))
    assert "Annuler l'inscription d'Inès Petit à « " in unescape(page.content.decode())


def test_a_request_for_support_asks_to_choose_a_theme_rather_than_defaulting_to_the_first(client):
    """The theme box opened on « Conception centrée utilisateurs »: an agent who did not touch
    it sent a request on the wrong theme without knowing. It now opens empty and says to
    choose, what was typed kept."""
    client.force_login(UserFactory(role=Role.AGENT))
    url = reverse("support:request-create")
    form = unescape(client.get(url).content.decode())
    assert '<option value="" selected>Choisissez un thème</option>' in form
    response = client.post(url, {"theme": "", "message": "Publier nos délibérations"})
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Choisissez le thème de votre demande." in page
    assert "Publier nos délibérations" in page
    assert not SupportRequest.objects.exists()
