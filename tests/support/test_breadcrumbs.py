"""Every page below « Accompagnement » shows the way back: the offer, the parent(s), the page."""

from datetime import date

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.support import services
from tests.breadcrumbs import breadcrumb, trail
from tests.factories import UserFactory
from tests.query_counts import assert_constant_queries

from .factories import (
    ExpertModuleFactory,
    FollowUpFactory,
    KnowledgePageFactory,
    RegistrationFactory,
    SessionFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

HOME = (reverse("support:offer"), "Accompagnement")
MODULES = (reverse("support:modules"), "Modules d'expertise")
BOARD = (reverse("support:coach"), "Mon tableau")
KNOWLEDGE = (reverse("support:knowledge"), "Base de connaissances")
REQUESTS = (reverse("support:requests"), "Demandes")


def login(client, role):
    user = UserFactory(role=role)
    client.force_login(user)
    return user


def test_format_and_session_pages_lead_back_to_the_offer(client):
    login(client, Role.INCUBATOR)
    session = SessionFactory(format__title="Atelier impact")
    item = session.format
    format_page = (reverse("support:format", args=[item.pk]), "Atelier impact")
    assert trail(client, format_page[0]) == [HOME, (None, "Atelier impact")]
    for name, current in (("format-edit", "Modifier"), ("format-delete", "Supprimer"),
                          ("format-history", "Historique")):  # fmt: skip
        url = reverse(f"support:{name}", args=[item.pk])
        assert trail(client, url) == [HOME, format_page, (None, current)], name
    session_page = (reverse("support:session", args=[session.pk]), str(session))
    assert trail(client, session_page[0]) == [HOME, format_page, (None, str(session))]
    for name, current in (("session-edit", "Modifier"), ("session-delete", "Supprimer"),
                          ("session-history", "Historique"),
                          ("register-other", "Inscrire une personne")):  # fmt: skip
        url = reverse(f"support:{name}", args=[session.pk])
        assert trail(client, url) == [HOME, format_page, session_page, (None, current)], name


def test_registration_cancel_and_feedback_lead_back(client):
    person = login(client, Role.SERVICE_OWNER)
    registration = RegistrationFactory(user=person, session__format__title="Atelier design")
    session = registration.session
    cancel = reverse("support:registration-cancel", args=[registration.pk])
    assert trail(client, cancel) == [
        HOME,
        (reverse("support:format", args=[session.format_id]), "Atelier design"),
        (reverse("support:session", args=[session.pk]), str(session)),
        (None, "Annuler l'inscription"),
    ]
    registration.attended = True  # the form is for those who came
    registration.save(update_fields=["attended"])
    feedback = reverse("support:feedback", args=[registration.pk])
    assert trail(client, feedback) == [
        HOME,
        (reverse("support:mine"), "Mes inscriptions"),
        (None, "Votre avis"),
    ]


def test_module_pages_lead_back_to_the_modules(client):
    login(client, Role.INCUBATOR)
    module = ExpertModuleFactory()
    page = (reverse("support:module", args=[module.pk]), str(module))
    assert trail(client, page[0]) == [HOME, MODULES, (None, str(module))]
    for name, current in (("module-edit", "Modifier"), ("module-delete", "Supprimer"),
                          ("module-history", "Historique"),
                          ("deliverable-add", "Déposer un livrable")):  # fmt: skip
        url = reverse(f"support:{name}", args=[module.pk])
        assert trail(client, url) == [HOME, MODULES, page, (None, current)], name


def test_follow_up_pages_lead_back_to_the_coach_board(client):
    coach = login(client, Role.COACH)
    item = FollowUpFactory(coach=coach, title="Coaching impact")
    note = services.follow_up_note_add(follow_up=item, date=date(2026, 9, 1), notes="Point")
    page = (reverse("support:follow-up", args=[item.pk]), str(item))
    assert trail(client, page[0]) == [HOME, BOARD, (None, str(item))]
    pages = {
        reverse("support:follow-up-edit", args=[item.pk]): "Modifier",
        reverse("support:follow-up-delete", args=[item.pk]): "Supprimer",
        reverse("support:follow-up-history", args=[item.pk]): "Historique",
        reverse("support:note-add", args=[item.pk]): "Nouvelle note",
        reverse("support:note-edit", args=[note.pk]): "Note du 01/09/2026",
        reverse("support:note-delete", args=[note.pk]): "Supprimer la note du 01/09/2026",
    }
    for url, current in pages.items():
        assert trail(client, url) == [HOME, BOARD, page, (None, current)], url


def test_request_and_knowledge_pages_lead_back_to_their_list(client):
    agent = login(client, Role.AGENT)
    item = SupportRequestFactory(requester=agent)
    for name, current in (("request-edit", "Modifier ma demande"),
                          ("request-delete", "Retirer ma demande")):  # fmt: skip
        url = reverse(f"support:{name}", args=[item.pk])
        assert trail(client, url) == [HOME, REQUESTS, (None, current)], name
    login(client, Role.INCUBATOR)
    page = KnowledgePageFactory(title="Méthode du sprint")
    detail = (reverse("support:page", args=[page.slug]), "Méthode du sprint")
    assert trail(client, detail[0]) == [HOME, KNOWLEDGE, (None, "Méthode du sprint")]
    for name, current in (("page-edit", "Modifier"), ("page-delete", "Supprimer"),
                          ("page-history", "Historique")):  # fmt: skip
        url = reverse(f"support:{name}", args=[page.slug])
        assert trail(client, url) == [HOME, KNOWLEDGE, detail, (None, current)], name


def test_anonymous_knowledge_page_has_the_breadcrumb_too(client):
    page = KnowledgePageFactory(title="Ouvrir ses données", is_public=True)
    url = reverse("support:page", args=[page.slug])
    assert trail(client, url)[-1] == (None, "Ouvrir ses données")


def test_list_pages_show_the_breadcrumb_with_constant_queries(
    client, django_assert_max_num_queries
):
    login(client, Role.INCUBATOR)
    ExpertModuleFactory()
    SupportRequestFactory()

    def grow():
        for _ in range(3):
            ExpertModuleFactory()
            SupportRequestFactory()
            KnowledgePageFactory()

    pages = ((MODULES[0], "Modules d'expertise"), (REQUESTS[0], "Demandes"),
             (KNOWLEDGE[0], "Base de connaissances"))  # fmt: skip
    for url, title in pages:
        before, after = assert_constant_queries(
            django_assert_max_num_queries, lambda url=url: client.get(url), grow, budget=14
        )
        for response in (before, after):
            assert breadcrumb(response)[1:] == [HOME, (None, title)]
