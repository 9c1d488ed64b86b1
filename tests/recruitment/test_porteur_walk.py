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


def test_a_porteur_fills_the_offer_but_the_incubator_team_keeps_the_project_team(
    client, porteur_offer
):
    """Issue 12: who adds a team member can correct and remove them. A porteur cannot change
    the project's team (portfolio.access.can_edit_project), so filling their offer does not add
    the person to it either: the page says who does, the service refuses it if forced."""
    from django.core.exceptions import ValidationError

    from fabrique.portfolio.models import TeamMember
    from fabrique.recruitment import services
    from fabrique.recruitment.vocabulary import OfferStatus

    project = porteur_offer.project
    application = ApplicationFactory(offer=porteur_offer, name="Élise Recrutée")
    html = unescape(client.get(application.get_absolute_url()).content.decode())
    assert "Ajouter la personne à l'équipe" not in html
    assert f"L'équipe de {project.name} est tenue par l'équipe de l'incubateur" in html
    before = TeamMember.objects.filter(project=project).count()
    response = client.post(
        application.get_absolute_url(),
        {"action": "fill", "add_to_team": "on", "team_role": "developpeur"},
        follow=True,
    )
    porteur_offer.refresh_from_db()
    assert porteur_offer.status == OfferStatus.FILLED
    assert TeamMember.objects.filter(project=project).count() == before
    assert "rejoint l'équipe" not in unescape(response.content.decode())
    with pytest.raises(ValidationError, match="tenue par l'équipe de l'incubateur"):
        services.offer_fill(
            application=ApplicationFactory(offer=JobOfferFactory(project=project)),
            by=response.wsgi_request.user,
            add_to_team=True,
            team_role="developpeur",
        )
