import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from fabrique.accounts.models import Role
from fabrique.portfolio.models import Expense
from fabrique.support.models import KnowledgePage, Registration, Session
from fabrique.support.selectors import espace_block
from tests.factories import UserFactory
from tests.query_counts import assert_constant_queries

from .factories import (
    ExpertModuleFactory,
    FollowUpFactory,
    KnowledgePageFactory,
    RegistrationFactory,
    SessionFactory,
    SupplierFactory,
    SupportFormatFactory,
)

pytestmark = pytest.mark.django_db


def login(client, role):
    user = UserFactory(role=role)
    client.force_login(user)
    return user


def test_offer_public_with_constant_queries(client, django_assert_max_num_queries):
    SessionFactory()
    assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get(reverse("support:offer")),
        lambda: [SessionFactory() for _ in range(5)],
        budget=8,
    )
    page = client.get(reverse("support:offer"))
    assert page.status_code == 200 and "Offre d'accompagnement" in page.text
    # The table's caption repeats the heading above it: kept for screen readers only.
    assert '<div class="fr-table fr-table--no-caption">' in page.text
    assert "<caption>Prochaines sessions ouvertes</caption>" in page.text


def test_porteur_registers_then_team_cannot_register_twice(client):
    person = login(client, Role.SERVICE_OWNER)
    session = SessionFactory()
    response = client.post(reverse("support:register", args=[session.pk]), follow=True)
    assert "Vous êtes inscrit·e" in response.text
    response = client.post(reverse("support:register", args=[session.pk]), follow=True)
    assert "Vous êtes déjà inscrit·e à cette session." in response.text
    assert Registration.objects.filter(user=person).count() == 1


def test_coach_cannot_register(client):
    login(client, Role.COACH)
    session = SessionFactory()
    assert client.post(reverse("support:register", args=[session.pk])).status_code == 403


def test_session_form_end_before_start_french_error(client):
    login(client, Role.INCUBATOR)
    support_format = SupportFormatFactory()
    response = client.post(
        reverse("support:session-create"),
        {
            "format": support_format.pk,
            "start": "2027-03-01T10:00",
            "end": "2027-03-01T09:00",
            "capacity": 10,
            "is_public": "on",
        },
    )
    assert response.status_code == 200
    assert "La fin de la session doit suivre son début." in response.text
    assert not Session.objects.exists()


def test_session_form_shows_every_mistake_in_one_round(client):
    """A missing format does not hide the end before the start nor an implausible number of
    places until the next submission."""
    login(client, Role.INCUBATOR)
    response = client.post(
        reverse("support:session-create"),
        {
            "format": "",
            "start": "2027-03-01T10:00",
            "end": "2027-03-01T09:00",
            "capacity": 99_999_999_999,
            "is_public": "on",
        },
    )
    assert response.status_code == 200
    text = unescape(response.text)
    assert "La fin de la session doit suivre son début." in text
    assert "Une session compte au plus 1\u202f000 places" in text
    assert not Session.objects.exists()


def test_session_capacity_is_capped_in_the_service_too(db):
    from django.core.exceptions import ValidationError

    from fabrique.support import services

    with pytest.raises(ValidationError, match="au plus"):
        services.session_save(
            format=SupportFormatFactory(), start=timezone.now() + timedelta(days=3),
            end=timezone.now() + timedelta(days=3, hours=2), capacity=5000,
        )  # fmt: skip
    assert not Session.objects.exists()


def test_ics_download_and_feed(client):
    session = SessionFactory()
    response = client.get(reverse("support:session-ics", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == session.format.title
    person = login(client, Role.AGENT)
    RegistrationFactory(session=session, user=person)
    mine = client.get(reverse("support:mine"))
    feed_url = mine.context["feed_url"]
    client.logout()
    feed = client.get(feed_url)
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == 1
    assert client.get(reverse("support:feed", args=["faux"])).status_code == 404


def test_attendance_by_trainer_and_feedback(client):
    trainer = UserFactory(role=Role.COACH)
    session = SessionFactory(trainer=trainer, start=timezone.now() - timedelta(hours=3))
    registration = RegistrationFactory(session=session, status="inscrit")
    client.force_login(trainer)
    client.post(reverse("support:attendance", args=[session.pk]), {"present": [registration.pk]})
    registration.refresh_from_db()
    assert registration.attended is True
    client.force_login(registration.user)
    response = client.post(
        reverse("support:feedback", args=[registration.pk]), {"score": "4", "comment": "Bien"}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.score == 4


def test_module_order_form_says_collectivite_cannot_order_and_flow(client):
    team = login(client, Role.INCUBATOR)
    module = ExpertModuleFactory(status="devis", supplier=SupplierFactory())
    page = client.get(reverse("support:module-step", args=[module.pk, "commande"]))
    assert "Une collectivité ne peut pas commander" in page.text
    bad = client.post(
        reverse("support:module-step", args=[module.pk, "commande"]),
        {
            "order_reference": "BC",
            "amount_excl_vat": "-10",
            "amount_incl_vat": "-12",
            "days": "2",
            "ordered_on": "2026-01-10",
            "due_on": "2026-02-10",
        },
    )
    assert "Le montant HT doit être positif" in bad.text
    module.refresh_from_db()
    assert module.status == "devis"
    client.post(
        reverse("support:module-step", args=[module.pk, "commande"]),
        {
            "order_reference": "BC",
            "amount_excl_vat": "1000",
            "amount_incl_vat": "1200",
            "days": "2",
            "ordered_on": "2026-01-10",
            "due_on": "2026-02-10",
        },
    )
    client.post(reverse("support:module-mark", args=[module.pk, "en-cours"]))
    oversize = SimpleUploadedFile("x.pdf", b"%PDF-" + b"0" * (21 * 1024 * 1024) + b"%%EOF")
    response = client.post(
        reverse("support:deliverable-add", args=[module.pk]), {"title": "R", "file": oversize}
    )
    assert "trop volumineux" in response.text
    client.post(reverse("support:module-mark", args=[module.pk, "livre"]))
    attest = client.post(reverse("support:module-step", args=[module.pk, "service-fait"]), {})
    assert attest.status_code == 302, attest.text[-3000:]
    module.refresh_from_db()
    assert module.status == "service-fait" and module.attested_by == team
    assert Expense.objects.get(project=module.project).amount == Decimal("1200")
    history = client.get(reverse("support:project", args=[module.project.slug]))
    assert "1\u202f200\u00a0€ TTC au budget" in history.text


def test_knowledge_html_refused_and_search(client):
    login(client, Role.COACH)
    response = client.post(
        reverse("support:page-create"),
        {"title": "Piège", "theme": "design", "body": "<script>alert(1)</script>"},
    )
    assert "balises HTML" in response.text
    assert not KnowledgePage.objects.exists()
    client.post(
        reverse("support:page-create"),
        {
            "title": "Réussir l'accessibilité",
            "theme": "accessibilite",
            "body": "RGAA",
            "is_public": "on",
        },
    )
    client.logout()
    found = client.get(reverse("support:knowledge"), {"q": "reussir ACCESSIBILITE"})
    assert "Réussir l&#x27;accessibilité" in found.text


def test_internal_page_hidden_from_porteur(client):
    page = KnowledgePageFactory(is_public=False)
    login(client, Role.SERVICE_OWNER)
    assert client.get(reverse("support:page", args=[page.slug])).status_code == 404


def test_request_and_triage(client):
    agent = login(client, Role.AGENT)
    client.post(reverse("support:request-create"), {"theme": "impact", "message": "Aide svp"})
    team = UserFactory(role=Role.INCUBATOR)
    client.force_login(team)
    item = agent.support_requests.get()
    response = client.post(
        reverse("support:request-triage", args=[item.pk]), {"decision": "refusee", "answer": ""}
    )
    assert "raison du refus" in response.text
    client.post(
        reverse("support:request-triage", args=[item.pk]),
        {"decision": "refusee", "answer": "Hors périmètre"},
    )
    client.force_login(agent)
    assert "Hors périmètre" in client.get(reverse("support:requests")).text


def test_coach_view_constant_queries(client, django_assert_max_num_queries):
    coach = login(client, Role.COACH)
    now = timezone.now()
    assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get(reverse("support:coach")),
        lambda: [SessionFactory(trainer=coach, start=now + timedelta(hours=n)) for n in range(4)],
        budget=12,
    )


def test_format_delete_with_confirmation(client):
    login(client, Role.INCUBATOR)
    support_format = SupportFormatFactory()
    url = reverse("support:format-delete", args=[support_format.pk])
    assert "Confirmer" in client.get(url).text
    response = client.post(url, follow=True)
    assert "Le format est supprimé." in response.text


def test_team_reach_export(client):
    login(client, Role.INCUBATOR)
    held = SessionFactory(start=timezone.now() - timedelta(days=1))
    RegistrationFactory(session=held, status="inscrit", attended=True, score=5)
    response = client.get(reverse("support:reach-export", args=["csv"]))
    assert "Mesure d'impact" in response.content.decode()
    assert client.get(reverse("support:team")).status_code == 200
    assert client.get(reverse("support:modules-export", args=["xlsx"])).status_code == 200


def test_modules_export_is_dated_and_names_its_money_unit(client):
    from io import BytesIO

    from openpyxl import load_workbook

    login(client, Role.INCUBATOR)
    response = client.get(reverse("support:modules-export", args=["xlsx"]))
    day = timezone.localdate().isoformat()
    assert f'filename="modules-expertise-{day}.xlsx"' in response["Content-Disposition"]
    headers = [cell.value for cell in next(load_workbook(BytesIO(response.content)).active.rows)]
    assert "Montant HT (€)" in headers and "Reliquat TTC (€)" in headers


def test_espace_block_constant_queries(django_assert_max_num_queries):
    person = UserFactory(role=Role.SERVICE_OWNER)
    empty = espace_block(person)  # a service owner can always ask for help from their space
    assert empty.lines == [] and empty.links[0][0] == "Demander un accompagnement"
    assert espace_block(UserFactory(role=Role.COACH)) is None
    RegistrationFactory(user=person)
    # Registrations, requests, and the person's projects (none here: no follow-up or module read).
    with django_assert_max_num_queries(3):
        block = espace_block(person)
    assert block.lines[0].label == "Mes inscriptions à venir" and block.lines[0].count == 1
    team = UserFactory(role=Role.INCUBATOR)
    with django_assert_max_num_queries(8):
        espace_block(team)


def test_every_page_answers_for_the_team(client):
    team = login(client, Role.INCUBATOR)
    session = SessionFactory(trainer=team)
    registration = RegistrationFactory(session=session, user=team)
    module = ExpertModuleFactory()
    page = KnowledgePageFactory(is_public=True)
    follow_up = FollowUpFactory(coach=team)
    urls = [
        reverse("support:format", args=[session.format_id]),
        reverse("support:format-edit", args=[session.format_id]),
        reverse("support:format-history", args=[session.format_id]),
        reverse("support:format-create"),
        reverse("support:session", args=[session.pk]),
        reverse("support:session-edit", args=[session.pk]),
        reverse("support:session-delete", args=[session.pk]),
        reverse("support:session-history", args=[session.pk]),
        reverse("support:register-other", args=[session.pk]),
        reverse("support:registration-cancel", args=[registration.pk]),
        reverse("support:modules"),
        reverse("support:module", args=[module.pk]),
        reverse("support:module-create"),
        reverse("support:module-step", args=[module.pk, "devis"]),
        reverse("support:module-history", args=[module.pk]),
        reverse("support:requests"),
        reverse("support:request-create"),
        reverse("support:follow-up-create"),
        reverse("support:follow-up", args=[follow_up.pk]),
        reverse("support:note-add", args=[follow_up.pk]),
        reverse("support:project", args=[module.project.slug]),
        reverse("support:knowledge"),
        reverse("support:page", args=[page.slug]),
        reverse("support:page-edit", args=[page.slug]),
        reverse("support:page-delete", args=[page.slug]),
        reverse("support:page-history", args=[page.slug]),
        reverse("support:page-create"),
        reverse("support:mine"),
        reverse("support:coach"),
        reverse("support:team"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_follow_up_note_with_indicator_and_html_refused(client):
    coach = login(client, Role.COACH)
    follow_up = FollowUpFactory(coach=coach)
    url = reverse("support:note-add", args=[follow_up.pk])
    bad = client.post(url, {"date": "2026-11-02", "notes": "<b>gras</b>"})
    assert "balises HTML" in bad.text
    client.post(url, {"date": "2026-11-02", "notes": "**Point** mensuel", "next_step": "Mesurer"})
    page = client.get(reverse("support:follow-up", args=[follow_up.pk]))
    assert "<strong>Point</strong>" in page.text and "Mesurer" in page.text
    client.force_login(UserFactory(role=Role.SERVICE_OWNER))
    assert client.get(reverse("support:follow-up", args=[follow_up.pk])).status_code == 404


def test_bad_export_format_and_huge_amount_are_french_not_500(client):
    login(client, Role.INCUBATOR)
    assert client.get(reverse("support:reach-export", args=["exe"])).status_code == 404
    assert client.get(reverse("support:modules-export", args=["pdf"])).status_code == 404
    module = ExpertModuleFactory(status="devis", supplier=SupplierFactory())
    response = client.post(
        reverse("support:module-step", args=[module.pk, "commande"]),
        {
            "order_reference": "BC",
            "amount_excl_vat": "1" * 20,
            "amount_incl_vat": "1",
            "days": "2",
            "ordered_on": "2026-01-10",
            "due_on": "2026-02-10",
        },
    )
    assert response.status_code == 200 and "chiffres" in response.text


def test_modules_list_filtered_with_constant_queries(client, django_assert_max_num_queries):
    login(client, Role.INCUBATOR)
    ExpertModuleFactory(status="devis")
    ExpertModuleFactory(status="identifie")
    response = client.get(reverse("support:modules"), {"status": "devis"})
    assert len(response.context["modules"]) == 1
    assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get(reverse("support:modules")),
        lambda: [ExpertModuleFactory(supplier=SupplierFactory()) for _ in range(4)],
        budget=12,
    )


def test_knowledge_page_linked_to_a_session_shows_on_it(client):
    login(client, Role.INCUBATOR)
    session = SessionFactory()
    client.post(
        reverse("support:page-create"),
        {"title": "Support de l'atelier", "theme": "impact", "body": "Diapos",
         "is_public": "on", "sessions": [session.pk]},
    )  # fmt: skip
    page = client.get(reverse("support:session", args=[session.pk]))
    assert "Support de l&#x27;atelier" in page.text


def test_the_session_page_says_how_many_answers_make_the_average(client):
    held = SessionFactory(start=timezone.now() - timedelta(days=2))
    RegistrationFactory(session=held, attended=True, score=4)
    RegistrationFactory(session=held, attended=True, score=5)
    RegistrationFactory(session=held, attended=True)  # no answer
    login(client, Role.INCUBATOR)
    page = client.get(reverse("support:session", args=[held.pk])).content.decode()
    assert "4,5 / 5 (2 réponses)" in page


def test_quarters_read_the_same_in_every_statistics_table():
    from datetime import date

    from fabrique.core.dates import quarter

    assert [quarter(date(2026, m, 1)) for m in (1, 4, 9, 12)] == [
        "2026 T1", "2026 T2", "2026 T3", "2026 T4",
    ]  # fmt: skip
    assert sorted(["2027 T1", "2026 T4"]) == ["2026 T4", "2027 T1"]


def test_an_absent_person_is_told_at_once_that_the_feedback_form_is_not_for_them(client):
    held = SessionFactory(start=timezone.now() - timedelta(days=2))
    absent = RegistrationFactory(session=held, attended=False)
    client.force_login(absent.user)
    response = client.get(reverse("support:feedback", args=[absent.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("support:mine")
    assert "Seules les personnes présentes à la session donnent leur avis." in response.text


def test_modules_filter_lists_only_the_suppliers_of_modules_one_may_see(client):
    ExpertModuleFactory(supplier=SupplierFactory(name="Cabinet Secret"))
    login(client, Role.AGENT)
    page = client.get(reverse("support:modules")).content.decode()
    assert "Cabinet Secret" not in page
    login(client, Role.INCUBATOR)
    assert "Cabinet Secret" in client.get(reverse("support:modules")).content.decode()


def test_order_form_shows_every_mistake_at_the_first_sending(client):
    from fabrique.support.vocabulary import ModuleStatus

    login(client, Role.INCUBATOR)
    module = ExpertModuleFactory(status=ModuleStatus.QUOTE, supplier=SupplierFactory())
    response = client.post(
        reverse("support:module-step", args=[module.pk, "commande"]),
        {
            "order_reference": "",
            "amount_excl_vat": "1000",
            "amount_incl_vat": "1300",
            "days": "2",
            "ordered_on": "2026-02-10",
            "due_on": "2026-01-10",
        },
    )
    text = unescape(response.content.decode())
    assert "Ce champ est obligatoire." in text
    assert "ne correspond pas au montant HT" in text
    assert "La livraison prévue doit suivre la commande." in text
    module.refresh_from_db()
    assert module.status == ModuleStatus.QUOTE


def test_the_board_and_the_session_page_write_the_average_score_alike(client):
    """Tester: « 3,0 / 5 » on the trainer's board, « Note moyenne : 3 / 5 » on the session."""
    trainer = UserFactory(role=Role.COACH)
    held = SessionFactory(trainer=trainer, start=timezone.now() - timedelta(days=2))
    RegistrationFactory(session=held, attended=True, score=2)
    RegistrationFactory(session=held, attended=True, score=4)
    client.force_login(trainer)
    board = client.get(reverse("support:coach")).content.decode()
    page = client.get(reverse("support:session", args=[held.pk])).content.decode()
    assert "3 / 5 (2 réponses)" in board and "3 / 5 (2 réponses)" in page
    assert "3,0" not in board


def test_my_registrations_and_a_format_list_upcoming_sessions_soonest_first(client):
    """Tester: « Mes inscriptions » and « Sessions de ce format » began with the furthest date."""
    user = login(client, Role.AGENT)
    support_format = SupportFormatFactory()
    now = timezone.now()
    days = [40, 3, -30, 15, -2]  # upcoming soonest first, then past latest first
    sessions = {
        day: SessionFactory(format=support_format, start=now + timedelta(days=day)) for day in days
    }
    for session in sessions.values():
        RegistrationFactory(session=session, user=user)
    expected = [sessions[day].pk for day in (3, 15, 40, -2, -30)]

    def order(url):
        html = client.get(url).content.decode()
        found = re.findall(r'href="/accompagnement/sessions/(\d+)/"', html)
        return [int(pk) for pk in dict.fromkeys(found)]

    assert order(reverse("support:mine")) == expected
    assert order(reverse("support:format", args=[support_format.pk])) == expected
