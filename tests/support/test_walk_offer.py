"""Walk of the support offer as the team, a coach, a porteur and an agent (seeds 000 and 003):
the stumbles found and fixed — each test fails on the code before its fix."""

from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from fabrique.accounts.models import Role
from fabrique.portfolio import services as portfolio_services
from fabrique.portfolio.models import Expense
from fabrique.support import exports, rules, selectors, services
from fabrique.support.models import Registration, SupportFormat
from fabrique.support.vocabulary import FormatKind, ModuleStatus, RegistrationStatus
from tests.factories import UserFactory
from tests.impact.factories import IndicatorFactory
from tests.portfolio.factories import TeamMemberFactory

from .factories import (
    ExpertModuleFactory,
    FollowUpFactory,
    SessionFactory,
    SupplierFactory,
    SupportFormatFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return UserFactory(role=Role.INCUBATOR)


@pytest.fixture
def team_client(client, team):
    client.force_login(team)
    return client


def _attested_module(team, *, ordered=Decimal("1200"), paid=Decimal("600")):
    module = ExpertModuleFactory(status=ModuleStatus.DELIVERED, supplier=SupplierFactory())
    module.amount_excl_vat, module.amount_incl_vat = ordered / Decimal("1.2"), ordered
    module.save()
    return services.module_attest(module=module, by=team, paid_incl_vat=paid)


# --- Formats -----------------------------------------------------------------------------------


def test_a_format_description_with_html_is_refused_in_french_and_nothing_saved(team_client):
    response = team_client.post(
        reverse("support:format-create"),
        {
            "kind": FormatKind.WORKSHOP,
            "title": "Atelier indicateurs",
            "theme": "impact",
            "audience": "equipes",
            "description": "Bonjour <script>alert(1)</script>",
        },
    )
    assert response.status_code == 200
    assert rules.HTML_REFUSED.split(":")[0] in response.text
    assert not SupportFormat.objects.filter(title="Atelier indicateurs").exists()


def test_a_follow_up_or_an_expert_format_is_on_request_not_zero_sessions(client):
    SupportFormatFactory(kind=FormatKind.COACHING, title="Suivi impact")
    SupportFormatFactory(kind=FormatKind.WORKSHOP, title="Atelier")
    page = client.get(reverse("support:offer")).text
    assert "Sur demande" in page and "0 sessions à venir" not in page
    assert "0 session à venir" in page


# --- Sessions and registrations ------------------------------------------------------------


def test_a_session_without_place_nor_link_is_not_said_in_visio(client):
    session = SessionFactory(place="", video_url="")
    page = client.get(reverse("support:session", args=[session.pk])).text
    assert "Lieu à préciser" in page and "En visio" not in page
    with_link = SessionFactory(place="", video_url="https://webconf.numerique.gouv.fr/x")
    assert "En visio" in client.get(reverse("support:session", args=[with_link.pk])).text


def test_coming_back_after_cancelling_goes_to_the_end_of_the_waiting_list(team):
    session = SessionFactory(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    services.registration_create(session=session, user=first, by=first)
    waiting = services.registration_create(session=session, user=second, by=second)
    services.registration_cancel(registration=waiting)
    services.registration_create(session=session, user=third, by=third)
    services.registration_create(session=session, user=second, by=second)  # back, later
    mine = Registration.objects.get(session=session, user=first)
    services.registration_cancel(registration=mine)
    statuses = dict(Registration.objects.filter(session=session).values_list("user", "status"))
    assert statuses[third.pk] == RegistrationStatus.REGISTERED
    assert statuses[second.pk] == RegistrationStatus.WAITING


def test_the_team_cancels_a_registration_from_the_session_page(team_client, team):
    session = SessionFactory(capacity=1)
    person, other = UserFactory(role=Role.SERVICE_OWNER), UserFactory(role=Role.AGENT)
    confirmed = services.registration_create(session=session, user=person, by=team)
    waiting = services.registration_create(session=session, user=other, by=team)
    page = team_client.get(reverse("support:session", args=[session.pk])).text
    assert reverse("support:registration-cancel", args=[confirmed.pk]) in page
    assert reverse("support:registration-cancel", args=[waiting.pk]) in page
    question = unescape(
        team_client.get(reverse("support:registration-cancel", args=[waiting.pk])).text
    )
    assert "quitte la liste d'attente" in question


def test_registering_someone_says_whether_confirmed_or_waiting(team_client, team):
    session = SessionFactory(capacity=1)
    UserFactory(email="porteur@exemple.fr", role=Role.SERVICE_OWNER, first_name="Lou")
    UserFactory(email="agent@exemple.fr", role=Role.AGENT, first_name="Dom")
    url = reverse("support:register-other", args=[session.pk])
    first = unescape(team_client.post(url, {"email": "porteur@exemple.fr"}, follow=True).text)
    assert "est inscrit·e (prévenu·e par courriel)" in first
    second = unescape(team_client.post(url, {"email": "agent@exemple.fr"}, follow=True).text)
    assert "est sur la liste d'attente" in second


def test_emails_name_the_session_link_to_it_and_confirm_a_cancellation(
    team, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=5)
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(session=session, user=person, by=team)
    message = mail.outbox[-1]
    assert message.subject == f"Inscription confirmée : {session.format.title}"
    assert reverse("support:session", args=[session.pk]) in message.body
    assert "de l'équipe de l'incubateur, vous a inscrit·e" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=registration)
    assert mail.outbox[-1].subject == f"Inscription annulée : {session.format.title}"
    assert mail.outbox[-1].to == [person.email]


def test_the_feed_marks_a_waiting_list_session_as_tentative(team):
    session = SessionFactory(capacity=1)
    other = SessionFactory(capacity=5)
    person = UserFactory()
    services.registration_create(session=session, user=UserFactory(), by=team)
    services.registration_create(session=session, user=person, by=person)
    services.registration_create(session=other, user=person, by=person)
    calendar = Calendar.from_ical(
        exports.calendar(selectors.person_sessions(person), name="Mes sessions")
    )
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    waiting = events[f"session-{session.pk}@fabrique"]
    assert str(waiting["STATUS"]) == "TENTATIVE"
    assert str(waiting["SUMMARY"]).startswith("Liste d'attente")
    assert str(events[f"session-{other.pk}@fabrique"]["STATUS"]) == "CONFIRMED"


def test_triage_offers_only_sessions_still_open(team_client):
    request = SupportRequestFactory()
    request.created_at = timezone.now() - timedelta(days=60)
    request.save()
    past = SessionFactory(
        format=SupportFormatFactory(title="Atelier passé"),
        start=timezone.now() - timedelta(days=10),
    )
    SessionFactory(format=SupportFormatFactory(title="Atelier à venir"))
    page = unescape(team_client.get(reverse("support:request-triage", args=[request.pk])).text)
    assert "Atelier à venir" in page and "Atelier passé" not in page
    assert past.start > request.created_at


# --- Follow-ups ----------------------------------------------------------------------------


def test_a_note_s_next_due_date_cannot_precede_the_note():
    follow_up = FollowUpFactory()
    with pytest.raises(ValidationError, match="prochaine échéance suit la note"):
        services.follow_up_note_add(
            follow_up=follow_up, date=date(2026, 12, 5), notes="Point", next_due=date(2026, 11, 1)
        )
    assert not follow_up.notes.exists()


def test_indicators_discussed_link_to_the_impact_module(client, team):
    coach = UserFactory(role=Role.COACH)
    follow_up = FollowUpFactory(coach=coach)
    TeamMemberFactory(project=follow_up.project, user=coach)
    indicator = IndicatorFactory(project=follow_up.project)
    services.follow_up_note_add(
        follow_up=follow_up, date=date(2026, 12, 5), notes="Point", indicators=[indicator]
    )
    client.force_login(coach)
    page = client.get(reverse("support:follow-up", args=[follow_up.pk])).text
    assert indicator.get_absolute_url() in page


# --- Expert modules ------------------------------------------------------------------------


def test_the_carried_remainder_is_french_and_linked_both_ways(team_client, team):
    module = _attested_module(team)
    services.module_close(module=module, evaluation="Arrêt anticipé", score=3)
    follow = services.module_carry_over(module=module)
    assert "reliquat de 600\u00a0€ TTC" in follow.expertise
    page = team_client.get(reverse("support:module", args=[module.pk])).text
    assert "Reliquat reporté sur" in page
    assert reverse("support:module", args=[follow.pk]) in page
    next_page = team_client.get(reverse("support:module", args=[follow.pk])).text
    assert "Reliquat reporté de" in next_page
    assert reverse("support:module", args=[module.pk]) in next_page


def test_an_attested_module_says_so_rather_than_lead_it_to_service_fait(team_client, team):
    module = _attested_module(team)
    page = team_client.get(reverse("support:module", args=[module.pk])).text
    assert rules.MODULE_ATTESTED[:40] in page and "menez-le jusqu'au service fait" not in page
    # the budget line is the amount attested, not the remainder
    assert "600\u00a0€ TTC (inscrit au budget du projet)" in page
    assert rules.module_change_problem(ModuleStatus.ORDERED) == rules.MODULE_FROZEN


def test_the_budget_does_not_correct_a_module_s_expense(client, team):
    module = _attested_module(team)
    expense = Expense.objects.get(pk=module.expense_id)
    assert "module d'expertise" in expense.origin
    with pytest.raises(ValidationError, match="se corrige là"):
        portfolio_services.expense_delete(expense=expense)
    with pytest.raises(ValidationError, match="se corrige là"):
        portfolio_services.expense_save(
            project=expense.project, date=expense.date, amount=Decimal(1), label="x",
            expense=expense,
        )  # fmt: skip
    client.force_login(team)
    args = [expense.project.slug, "depenses", expense.pk]
    page = client.get(reverse("portfolio:record-edit", args=args)).text
    assert "ne se corrige pas ici" in page
    assert Expense.objects.get(pk=expense.pk).amount == Decimal("600")


# --- Knowledge base ------------------------------------------------------------------------


def test_an_internal_page_is_not_said_published(team_client):
    response = team_client.post(
        reverse("support:page-create"),
        {"title": "Modèle interne", "theme": "impact", "body": "Texte"},
        follow=True,
    )
    assert "interne : équipe et coachs seulement" in response.text
    assert "La page est publiée" not in response.text
