"""Leftovers, round 7b: the registration e-mail greets by name and signs like the others."""

import pytest

from fabrique.accounts.models import Role
from fabrique.core.emails import SIGNATURE, email_text
from fabrique.support import services
from tests.factories import UserFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_email_text_greets_by_name_and_signs_once():
    assert email_text("Corps.", name="Awa Diallo") == (
        "Bonjour Awa Diallo,\n\nCorps.\n\nL'équipe de l'incubateur"
    )
    assert email_text("Corps.", name="  ").startswith("Bonjour,\n\n")


def test_registration_email_greets_by_name_and_signs_like_the_others(
    django_capture_on_commit_callbacks, mailoutbox
):
    user = UserFactory(role=Role.AGENT, first_name="Awa", last_name="Diallo")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=SessionFactory(), user=user, by=user)
    (message,) = mailoutbox
    assert message.body.startswith(f"Bonjour {user.display_name},\n\n")
    assert message.body.endswith(f"\n\n{SIGNATURE}")
    assert "L'équipe de la Fabrique" not in message.body


@pytest.mark.parametrize(("role", "shown"), [(Role.SERVICE_OWNER, True), (Role.INCUBATOR, False)])
def test_quote_notice_speaks_to_the_project_side_only(client, role, shown):
    from html import unescape

    from django.urls import reverse

    from fabrique.support.services.modules import ORDER_RESERVED, ORDERED_BY_TEAM
    from tests.portfolio.factories import TeamMemberFactory

    from .factories import ExpertModuleFactory

    module = ExpertModuleFactory(status="devis")
    user = UserFactory(role=role)
    if role == Role.SERVICE_OWNER:
        TeamMemberFactory(project=module.project, user=user)
    client.force_login(user)
    page = unescape(client.get(reverse("support:module", args=[module.pk])).content.decode())
    assert "Une collectivité ne peut pas commander" not in page
    assert (ORDERED_BY_TEAM in page) is shown
    assert ORDER_RESERVED not in page
