"""What an anonymous visitor meets on a public session (walk of the public pages)."""

import pytest
from django.urls import reverse

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_without_account_is_told_how_to_get_one_to_register(client):
    session = SessionFactory(is_public=True, format__is_public=True)
    page = client.get(reverse("support:session", args=[session.pk])).content.decode()
    assert "Se connecter pour s&#x27;inscrire" in page or "Se connecter pour s'inscrire" in page
    assert f'href="{reverse("accounts:account-request")}">Demander un compte</a>' in page


def test_the_video_link_is_given_to_registered_people_only(client):
    """« 2 inscrit·es sur 3 places » and the visio link printed for anyone, anonymous included:
    anyone could join a full session without registering. The link goes to the people
    registered (page, .ics, confirmation e-mail), the trainer and the team."""
    from fabrique.accounts.models import Role
    from tests.factories import UserFactory

    from .factories import RegistrationFactory

    link = "https://webconf.numerique.gouv.fr/atelier-secret"
    session = SessionFactory(is_public=True, format__is_public=True, place="", video_url=link)
    page_url = reverse("support:session", args=[session.pk])
    ics_url = reverse("support:session-ics", args=[session.pk])
    anonymous = client.get(page_url).content.decode()
    assert link not in anonymous
    assert "Le lien de visio est donné aux inscrit·es" in anonymous
    assert link not in client.get(ics_url).content.decode()
    agent = UserFactory(role=Role.AGENT)
    client.force_login(agent)
    assert link not in client.get(page_url).content.decode()
    RegistrationFactory(session=session, user=agent)
    assert link in client.get(page_url).content.decode()
    assert link in client.get(ics_url).content.decode()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert link in client.get(page_url).content.decode()
