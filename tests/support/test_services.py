from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar

from fabrique.accounts.models import Role
from fabrique.portfolio.models import Expense
from fabrique.support import exports, rules, selectors, services
from fabrique.support.models import KnowledgePage, Registration, Session
from fabrique.support.services import sessions as sessions_module
from fabrique.support.vocabulary import ModuleStatus, RegistrationStatus
from tests.factories import CommuneFactory, MembershipFactory, UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import (
    ExpertModuleFactory,
    KnowledgePageFactory,
    RegistrationFactory,
    SessionFactory,
    SupplierFactory,
    SupportFormatFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def team(db):
    return UserFactory(role=Role.INCUBATOR)


def test_registration_then_waiting_list_moves_up_on_cancel(
    team, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        a = services.registration_create(session=session, user=first, by=first)
        b = services.registration_create(session=session, user=second, by=team)
    assert (a.status, b.status) == (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    assert len(mail.outbox) == 2 and "liste d'attente" in mail.outbox[1].body
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=a)
    assert promoted == b
    b.refresh_from_db()
    assert b.status == RegistrationStatus.REGISTERED
    assert Session.objects.get(pk=session.pk).registered_count == 1
    assert "place s'est libérée" in mail.outbox[-1].subject


def test_registration_refused_twice_or_past(team):
    session = SessionFactory()
    person = UserFactory()
    services.registration_create(session=session, user=person, by=person)
    with pytest.raises(ValidationError, match="Vous êtes déjà inscrit·e"):
        services.registration_create(session=session, user=person, by=person)
    with pytest.raises(ValidationError, match="Cette personne est déjà inscrite"):
        services.registration_create(session=session, user=person, by=team)
    past = SessionFactory(start=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="déjà commencé"):
        services.registration_create(session=past, user=person, by=person)
    assert Registration.objects.count() == 1


def test_session_ending_before_start_refused():
    support_format = SupportFormatFactory()
    start = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        services.session_save(
            format=support_format, start=start, end=start - timedelta(hours=1), capacity=5
        )
    assert "fin de la session" in str(error.value)
    assert not Session.objects.exists()


def test_change_notifies_and_reminder_is_sent_once(django_capture_on_commit_callbacks):
    session = SessionFactory(start=timezone.now() + timedelta(hours=30))
    person = UserFactory()
    services.registration_create(session=session, user=person, by=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_save(
            session=session,
            start=timezone.now() + timedelta(hours=20),
            end=timezone.now() + timedelta(hours=22),
        )
    assert mail.outbox[0].subject == f"Session modifiée : {session.format.title}"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 0
    subjects = [m.subject.split(" : ")[0] for m in mail.outbox]
    assert subjects.count("Rappel, c'est demain") == 1


def test_attendance_and_feedback(django_capture_on_commit_callbacks):
    session = SessionFactory()
    present, absent = UserFactory(), UserFactory()
    r1 = services.registration_create(session=session, user=present, by=present)
    r2 = services.registration_create(session=session, user=absent, by=absent)
    with pytest.raises(ValidationError, match="après le début"):
        services.attendance_record(session=session, present_ids=[r1.pk])
    Session.objects.filter(pk=session.pk).update(start=timezone.now() - timedelta(hours=3))
    session.refresh_from_db()
    mail.outbox.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.attendance_record(session=session, present_ids=[r1.pk])
    assert [m.subject.split(" : ")[0] for m in mail.outbox] == ["Votre avis sur la session"]
    # A personal link to the feedback form, on the site's address (issue 15).
    assert f"{settings.SITE_URL}/accompagnement/inscriptions/{r1.pk}/avis/" in mail.outbox[0].body
    r1.refresh_from_db()
    r2.refresh_from_db()
    assert (r1.attended, r2.attended) == (True, False)
    with pytest.raises(ValidationError):
        services.feedback_submit(registration=r2, score=4)
    with pytest.raises(ValidationError):
        services.feedback_submit(registration=r1, score=9)
    services.feedback_submit(registration=r1, score=5, comment="Très utile")
    [row] = selectors.reach()["rows"]
    assert row["attendance"] == 50.0 and row["satisfaction"] == 5


def test_module_full_cycle_shows_in_budget(team):
    module = ExpertModuleFactory()
    supplier = SupplierFactory()
    with pytest.raises(ValidationError, match="après la livraison"):
        services.module_attest(module=module, by=team)
    services.module_quote(
        module=module, supplier=supplier, statement_of_need="Audit", days_per_profile="5 j"
    )
    agent = UserFactory(role=Role.AGENT)
    order = {
        "order_reference": "BC-1",
        "amount_excl_vat": Decimal("5000"),
        "amount_incl_vat": Decimal("6000"),
        "days": Decimal("5"),
        "ordered_on": timezone.localdate(),
        "due_on": timezone.localdate() + timedelta(days=30),
    }
    with pytest.raises(ValidationError, match="Une collectivité ne peut pas commander"):
        services.module_order(module=module, by=agent, **order)
    with pytest.raises(ValidationError, match="taux de TVA"):
        services.module_order(
            module=module, by=team, **{**order, "amount_incl_vat": Decimal("6100")}
        )
    with pytest.raises(ValidationError, match="positif"):
        services.module_order(module=module, by=team, **{**order, "amount_excl_vat": Decimal("-1")})
    module.refresh_from_db()
    assert module.status == ModuleStatus.QUOTE
    services.module_order(module=module, by=team, **order)
    services.module_mark(module=module, target=ModuleStatus.IN_PROGRESS)
    with pytest.raises(ValidationError, match="accepté"):
        services.module_deliverable_add(
            module=module, title="Rapport", upload=SimpleUploadedFile("r.pdf", b"<html>")
        )
    services.module_deliverable_add(
        module=module, title="Rapport", upload=SimpleUploadedFile("r.pdf", PDF)
    )
    services.module_mark(module=module, target=ModuleStatus.DELIVERED)
    services.module_attest(module=module, by=team, paid_incl_vat=Decimal("4800"))
    expense = Expense.objects.get(project=module.project)
    assert expense.amount == Decimal("4800")
    assert module.remainder == Decimal("1200")
    services.module_close(module=module, evaluation="Bon travail", score=4)
    follow = services.module_carry_over(module=module)
    assert follow.carried_from == module and "reliquat de 1\u202f200\u00a0€ TTC" in follow.expertise
    with pytest.raises(ValidationError):
        services.module_carry_over(module=module)
    board = selectors.modules_board()
    assert board["by_supplier"][0]["committed"] == Decimal("6000")


def test_vat_rule():
    assert rules.vat_consistent(Decimal("100"), Decimal("120"))
    assert rules.vat_consistent(Decimal("100"), Decimal("105.50"))
    assert not rules.vat_consistent(Decimal("100"), Decimal("130"))


def test_request_triage(team):
    item = SupportRequestFactory()
    with pytest.raises(ValidationError, match="raison"):
        services.request_triage(request=item, decision="refusee", by=team)
    session = SessionFactory()
    services.request_triage(request=item, decision="session", by=team, session=session)
    assert Registration.objects.get(user=item.requester).session == session
    with pytest.raises(ValidationError, match="déjà reçu"):
        services.request_triage(request=item, decision="refusee", by=team, answer="non")


def test_knowledge_html_refused_and_search_accent_insensitive(db):
    with pytest.raises(ValidationError, match="HTML"):
        services.page_save(title="X", theme="design", body="<script>x</script>", is_public=True)
    assert not KnowledgePage.objects.exists()
    page = services.page_save(
        title="Mesurer l'impact", theme="impact", body="Évaluer les bénéfices", is_public=True
    )
    internal = services.page_save(title="Interne", theme="impact", body="évaluer", is_public=False)
    anonymous = UserFactory.build(is_active=False)
    assert list(selectors.search_pages(anonymous, "EVALU")) == [page]
    team_user = UserFactory(role=Role.INCUBATOR)
    assert set(selectors.search_pages(team_user, "évaluer")) == {page, internal}
    assert list(selectors.search_pages(team_user, "benefices mesurer")) == [page]
    with pytest.raises(ValidationError):
        services.page_save(
            title="Pièce",
            theme="impact",
            body="x",
            is_public=True,
            attachment=SimpleUploadedFile("a.pdf", b"MZ\x90\x00 disguised"),
        )
    assert KnowledgePage.objects.count() == 2


def test_ics_parsed_back(db):
    sessions = [SessionFactory(video_url="https://visio.example/a"), SessionFactory()]
    data = exports.calendar(
        sessions,
        name="Mon agenda",
        url_for=lambda s: f"https://x/{s.pk}",
        video_link_ids={s.pk for s in sessions},
    )
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    assert str(events[0]["summary"]) == sessions[0].format.title
    assert events[0].decoded("dtstart") == sessions[0].start.replace(microsecond=0)
    assert "visio.example" in str(events[0]["description"])
    assert BytesIO(data).read().startswith(b"BEGIN:VCALENDAR")


def test_knowledge_page_factory_is_searchable_after_save(db):
    page = KnowledgePageFactory(title="Accessibilité")
    services.page_save(
        page=page, title=page.title, theme="accessibilite", body="RGAA", is_public=True
    )
    assert list(selectors.search_pages(UserFactory(role=Role.INCUBATOR), "accessibilite")) == [page]


def test_raising_capacity_moves_the_waiting_list_up():
    session = SessionFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    services.registration_create(session=session, user=first, by=first)
    waiting = services.registration_create(session=session, user=second, by=second)
    assert waiting.status == RegistrationStatus.WAITING
    services.session_save(session=session, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert Session.objects.get(pk=session.pk).registered_count == 2


def test_reach_counts_collectivites_of_agents():
    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, commune=CommuneFactory())
    held = SessionFactory(start=timezone.now() - timedelta(days=2))
    RegistrationFactory(session=held, user=agent, status="inscrit")
    RegistrationFactory(session=held, user=UserFactory(role=Role.AGENT), status="inscrit")
    [row] = selectors.reach()["rows"]
    assert (row["agents"], row["collectivites"]) == (2, 1)


def test_reach_leaves_out_sessions_to_come_and_people_marked_absent():
    past = timezone.now() - timedelta(days=2)
    held = SessionFactory(start=past)
    present, absent, not_taken, future = (ProjectFactory() for _ in range(4))
    RegistrationFactory(session=held, project=present, status="inscrit", attended=True)
    RegistrationFactory(session=held, project=absent, status="inscrit", attended=False)
    RegistrationFactory(
        session=SessionFactory(start=past, format=held.format), project=not_taken, status="inscrit"
    )
    RegistrationFactory(
        session=SessionFactory(start=past + timedelta(days=365), format=held.format),
        project=future, status="inscrit",
    )  # fmt: skip
    rows = selectors.reach()["rows"]
    # Attendance rate over the people whose attendance was taken: 1 present out of 2.
    assert [(row["projects"], row["attendance"]) for row in rows] == [(2, 50.0)]


def test_self_registrations_limited_per_hour_team_not(team, monkeypatch):
    monkeypatch.setattr(sessions_module, "MAX_REGISTRATIONS_PER_ACCOUNT_PER_HOUR", 2)
    person = UserFactory()
    for _ in range(2):
        services.registration_create(session=SessionFactory(), user=person, by=person)
    with pytest.raises(ValidationError, match="Trop d'inscriptions"):
        services.registration_create(session=SessionFactory(), user=person, by=person)
    assert Registration.objects.filter(user=person).count() == 2
    for _ in range(3):  # the team registers people without the limit
        services.registration_create(session=SessionFactory(), user=UserFactory(), by=team)
    assert Registration.objects.filter(registered_by=team).count() == 3
    # ... and those do not count against the team member's own registrations.
    services.registration_create(session=SessionFactory(), user=team, by=team)
    services.registration_create(session=SessionFactory(), user=team, by=team)
    assert Registration.objects.filter(user=team).count() == 2
