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


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="admin"))
    return client


def test_admin_registered_count_is_read_only(superuser_client):
    from django.urls import reverse

    session = SessionFactory(registered_count=0)
    page = superuser_client.get(reverse("admin:support_session_change", args=[session.pk]))
    assert page.status_code == 200
    assert page.context["adminform"].form.fields.get("registered_count") is None
    assert "registered_count" in page.context["adminform"].readonly_fields


def test_admin_registration_changes_recount_the_session(superuser_client):
    from django.urls import reverse

    from .factories import RegistrationFactory

    registration = RegistrationFactory(status="inscrit")
    session = registration.session
    other = RegistrationFactory(session=session, status="inscrit")
    url = reverse("admin:support_registration_delete", args=[other.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 302
    session.refresh_from_db()
    assert session.registered_count == 1


def test_request_forms_send_and_edit_forms_save(client):
    """A person sending a request reads « Envoyer ma demande » / « Envoyer le problème »; an edit
    form keeps « Enregistrer »."""
    from django.urls import reverse

    agent = UserFactory(role=Role.AGENT)
    client.force_login(agent)
    for url in (reverse("support:request-create"), reverse("diagnostics:request")):
        page = client.get(url).content.decode()
        assert ">Envoyer ma demande</button>" in page, url
        assert ">Enregistrer</button>" not in page, url
    page = client.get(reverse("investigations:problem_create")).content.decode()
    assert "Envoyer le problème" in page
    assert "Enregistrer\n" not in page
    client.logout()
    page = client.get(reverse("accounts:account-request")).content.decode()
    assert ">Envoyer ma demande</button>" in page


def test_module_without_deliverable_says_so_in_a_sentence(client):
    from django.urls import reverse

    from .factories import ExpertModuleFactory

    module = ExpertModuleFactory()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("support:module", args=[module.pk])).content.decode()
    assert "<p>Aucun livrable déposé.</p>" in page
    assert "<li>Aucun livrable déposé.</li>" not in page
