"""Defects a reviewer saw on the demo (fix-sup): each test failed before its fix."""

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support.models import Registration
from fabrique.support.selectors import espace_block
from fabrique.support.vocabulary import ModuleStatus
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory

from .factories import (
    ExpertModuleFactory,
    FollowUpFactory,
    RegistrationFactory,
    SessionFactory,
    SupplierFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


def test_mon_espace_shows_the_follow_ups_and_open_modules_of_my_project(
    client, django_assert_max_num_queries
):
    """Reviewer: the project's follow-up « Coaching mesure d'impact » (« Prochaine échéance :
    11/12/2026 ») and its expert modules did not appear in the porteur's « Mon espace »."""
    porteur = UserFactory(role=Role.SERVICE_OWNER)
    project = ProjectFactory(name="Guichet solidaire")
    TeamMemberFactory(project=project, user=porteur)
    due = timezone.localdate() + timedelta(days=5)
    follow_up = FollowUpFactory(project=project, next_due=due)
    module = ExpertModuleFactory(project=project, expertise="Étude d'accessibilité")
    ExpertModuleFactory(project=project, expertise="Audit fini", status=ModuleStatus.CLOSED)
    ExpertModuleFactory(expertise="Module d'un autre projet")
    with django_assert_max_num_queries(5):
        block = espace_block(porteur)
    texts = [line.text for line in block.lines]
    assert "Suivi « Coaching mesure d'impact » (Guichet solidaire)" in texts
    assert "Module d'expertise « Étude d'accessibilité » (Guichet solidaire)" in texts
    assert not any("Audit fini" in text or "autre projet" in text for text in texts)
    client.force_login(porteur)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert f"prochaine échéance : {due:%d/%m/%Y}" in page
    assert reverse("support:follow-up", args=[follow_up.pk]) in page
    assert reverse("support:module", args=[module.pk]) in page
    assert reverse("support:project", args=[project.slug]) in page


def test_support_history_says_aucune_note_for_a_follow_up_without_notes(client):
    porteur = UserFactory(role=Role.SERVICE_OWNER)
    project = ProjectFactory()
    TeamMemberFactory(project=project, user=porteur)
    FollowUpFactory(project=project)
    client.force_login(porteur)
    page = client.get(reverse("support:project", args=[project.slug])).content.decode()
    assert "aucune note" in page
    assert "0 note" not in page


def test_self_registration_speaks_to_the_person_and_says_a_finished_session_is_past(client):
    """Reviewer: registering twice said « Cette personne est déjà inscrite… », and a session
    that ended in October « Cette session a déjà commencé »."""
    person = UserFactory(role=Role.AGENT)
    client.force_login(person)
    session = SessionFactory()
    client.post(reverse("support:register", args=[session.pk]))
    page = client.post(reverse("support:register", args=[session.pk]), follow=True).text
    assert "Vous êtes déjà inscrit·e à cette session." in page
    assert "Cette personne" not in page
    start = timezone.now() - timedelta(days=50)
    ended = SessionFactory(start=start, end=start + timedelta(hours=3))
    page = client.post(reverse("support:register", args=[ended.pk]), follow=True).text
    assert "Cette session est passée" in page
    assert "déjà commencé" not in page
    assert Registration.objects.filter(user=person).count() == 1


def test_the_request_table_hides_its_repeated_caption_and_names_each_request_in_its_links(client):
    """Reviewer: « Demandes d'accompagnement » twice (H1 then a visible caption), and every
    edit link « Modifier ma demande du 06/12/2026 »."""
    agent = UserFactory(role=Role.AGENT)
    SupportRequestFactory(requester=agent, theme="impact", message="Définir nos indicateurs")
    SupportRequestFactory(requester=agent, theme="accessibilite", message="Audit RGAA du site")
    client.force_login(agent)
    page = client.get(reverse("support:requests")).content.decode()
    assert '<div class="fr-table fr-table--no-caption">' in page
    labels = re.findall(r"Modifier<span class=\"fr-sr-only\">([^<]*)</span>", page)
    assert len(labels) == 2 and len(set(labels)) == 2
    assert any("Audit RGAA du site" in unescape(label) for label in labels)


@pytest.mark.parametrize("url_name", ["support:suppliers", "support:modules"])
def test_lists_under_their_own_heading_hide_the_table_caption(client, url_name):
    """Same defect as the requests list: « Prestataires des modules d'expertise » then a visible
    caption « Prestataires »; « Modules d'expertise » then « Modules »."""
    client.force_login(UserFactory(role=Role.INCUBATOR))
    SupplierFactory()
    ExpertModuleFactory()
    page = client.get(reverse(url_name)).content.decode()
    assert '<div class="fr-table fr-table--no-caption">' in page


def test_the_service_fait_form_states_the_order_and_proposes_its_amount_incl_vat(client):
    """The demo's defect came from an HT amount typed as TTC: the form says the order in HT
    and TTC and proposes the TTC amount."""
    client.force_login(UserFactory(role=Role.INCUBATOR))
    module = ExpertModuleFactory(
        status=ModuleStatus.DELIVERED,
        amount_excl_vat=Decimal("6000"),
        amount_incl_vat=Decimal("7200"),
    )
    page = client.get(reverse("support:module-step", args=[module.pk, "service-fait"])).text
    assert "Commande : 6\u202f000\xa0€ HT, 7\u202f200\xa0€ TTC." in page
    assert 'value="7200' in page


def test_the_coach_view_says_aucune_inscription_rather_than_0(client):
    client.force_login(UserFactory(role=Role.COACH))
    page = client.get(reverse("support:coach")).content.decode()
    assert "Aucune inscription" in page
    assert "0 inscription" not in page


def test_session_links_of_the_same_format_are_told_apart_by_their_date(client):
    person = UserFactory(role=Role.SERVICE_OWNER)
    first = SessionFactory()
    second = SessionFactory(format=first.format, start=first.start + timedelta(days=7))
    second.end = second.start + timedelta(hours=2)
    second.save()
    for session in (first, second):
        RegistrationFactory(session=session, user=person)
    client.force_login(person)
    page = client.get(reverse("support:mine")).content.decode()
    for session in (first, second):
        assert f"du {timezone.localtime(session.start):%d/%m/%Y}</span></a>" in page
