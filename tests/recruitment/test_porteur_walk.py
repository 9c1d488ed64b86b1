"""What a porteur de service reads when hiring for their own project: the pages of the
applications to their project's offers."""

from html import unescape

import pytest

from fabrique.accounts.models import Role
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory

from .factories import ApplicationFactory, JobOfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def porteur_offer(client):
    user = UserFactory(role=Role.SERVICE_OWNER)
    project = ProjectFactory()
    TeamMemberFactory(project=project, user=user, full_name=user.get_full_name() or "Lou")
    client.force_login(user)
    return JobOfferFactory(project=project)


def test_an_application_page_elides_de_before_a_vowel(client, porteur_offer):
    application = ApplicationFactory(offer=porteur_offer, name="Inès Petit")
    html = " ".join(unescape(client.get(application.get_absolute_url()).content.decode()).split())
    assert "<h1>Candidature d'Inès Petit</h1>" in html
    assert "Candidature de Inès" not in html
    other = ApplicationFactory(offer=porteur_offer, name="Paul Durand")
    html = unescape(client.get(other.get_absolute_url()).content.decode())
    assert "<h1>Candidature de Paul Durand</h1>" in html
