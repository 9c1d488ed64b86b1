"""What the demo coach stumbled on in a week in the browser (walk of 06/12, second round)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from fabrique.accounts.models import Role
from fabrique.support import services
from fabrique.support.models import Session
from fabrique.support.vocabulary import ModuleStatus
from tests.factories import UserFactory
from tests.portfolio.factories import TeamMemberFactory

from .factories import ExpertModuleFactory, FollowUpFactory, SessionFactory

pytestmark = pytest.mark.django_db


def held_session_with(*people):
    session = SessionFactory()
    registrations = [
        services.registration_create(session=session, user=person, by=person) for person in people
    ]
    Session.objects.filter(pk=session.pk).update(start=timezone.now() - timedelta(hours=3))
    session.refresh_from_db()
    return session, registrations


def feedback_mails():
    return [m for m in mail.outbox if m.subject.startswith("Votre avis sur la session")]


def test_satisfaction_form_is_not_sent_again_when_attendance_is_corrected(
    django_capture_on_commit_callbacks,
):
    """The trainer unticks someone by mistake, saves, ticks them again: the page promises the
    form « part une seule fois », yet a second email left."""
    session, [registration] = held_session_with(UserFactory())
    mail.outbox.clear()
    for present in ([registration.pk], [], [registration.pk]):
        with django_capture_on_commit_callbacks(execute=True):
            services.attendance_record(session=session, present_ids=present)
    assert len(feedback_mails()) == 1


def test_satisfaction_form_is_not_sent_to_someone_who_already_answered(
    django_capture_on_commit_callbacks,
):
    session, [registration] = held_session_with(UserFactory())
    registration.attended = True
    registration.score = 5
    registration.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(session=session, present_ids=[])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(session=session, present_ids=[registration.pk])
    assert feedback_mails() == []


def test_attendance_changes_are_kept_in_history(django_capture_on_commit_callbacks):
    session, [registration] = held_session_with(UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(session=session, present_ids=[registration.pk])
    assert registration.history.filter(attended=True).exists()


def test_mon_espace_names_the_follow_ups_i_coach_that_are_due(client):
    """« Mon tableau » lists my follow-ups due within 7 days, « Mon espace » said nothing of
    them when the project is not one I am a team member of (the demo coach's « Guichet
    solidaire »)."""
    coach = UserFactory(role=Role.COACH)
    due = FollowUpFactory(coach=coach, next_due=timezone.localdate() + timedelta(days=3))
    FollowUpFactory(coach=coach, next_due=timezone.localdate() + timedelta(days=30))
    FollowUpFactory(next_due=timezone.localdate())  # someone else's
    client.force_login(coach)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Suivi individuel à échéance (7 jours)" in html  # one: singular
    assert reverse("support:coach") + "#suivis" in html
    board = client.get(reverse("support:coach")).content.decode()
    assert 'id="suivis"' in board and escape(due.title) in board

    due.next_due = None
    due.save()
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "à échéance (7 jours)" not in html


def test_a_coach_following_a_delivered_module_is_not_told_to_attest_it(client):
    """Attesting the service fait is the team's (the attest page answers 404 to a coach): a
    coach following the module read « Module à attester » and found no button."""
    coach = UserFactory(role=Role.COACH)
    module = ExpertModuleFactory(follower=coach, status=ModuleStatus.DELIVERED)
    client.force_login(coach)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Module à attester" not in html
    assert "Module livré : service fait à attester par l&#x27;équipe" in html
    board = client.get(reverse("support:coach")).content.decode()
    assert "Modules livrés : service fait à attester par l'équipe" in board
    page = client.get(reverse("support:module", args=[module.pk])).content.decode()
    assert "l'équipe de l'incubateur atteste le service fait" in page
    team = UserFactory(role=Role.INCUBATOR)
    client.force_login(team)
    assert "Module à attester" in client.get(reverse("accounts:dashboard")).content.decode()


def test_mon_espace_links_to_a_project_support_history_in_french(client):
    """« Accompagnement de Actes en ligne » read wrong: « d'Actes en ligne »."""
    coach = UserFactory(role=Role.COACH)
    TeamMemberFactory(user=coach, project__name="Actes en ligne")
    TeamMemberFactory(user=coach, project__name="Menu local")
    client.force_login(coach)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Accompagnement d&#x27;Actes en ligne" in html
    assert "Accompagnement de Menu local" in html


@pytest.mark.parametrize(
    "role, offered",
    [(Role.COACH, False), (Role.INCUBATOR, True), (Role.AGENT, True), (Role.SERVICE_OWNER, True)],
)
def test_the_menu_offers_support_requests_only_to_who_asks_or_triages(client, role, offered):
    """A coach can neither ask for support nor triage the requests: « Demandes » in their menu
    led to a page that could only say « Aucune demande »."""
    client.force_login(UserFactory(role=role))
    html = client.get(reverse("support:offer")).content.decode()
    start = html.index('id="nav-support"')
    nav = html[start : html.index("</ul>", start)]
    assert (f'href="{reverse("support:requests")}"' in nav) is offered
