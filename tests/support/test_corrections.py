"""Corrections in the support offer (issue 12, item 1): whatever a user adds, they edit and
delete it, with the creation rules, the same access, a confirmation page, the history and a
DSFR success message."""

from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support import rules, services
from fabrique.support.models import (
    ExpertModule,
    FollowUp,
    FollowUpNote,
    ModuleDeliverable,
    SupportRequest,
)
from fabrique.support.vocabulary import ModuleStatus, RequestStatus, Theme
from tests.factories import UserFactory
from tests.impact.factories import IndicatorFactory
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory

from .factories import ExpertModuleFactory, FollowUpFactory, SupplierFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db
CONFIRM = "Vous allez supprimer"


@pytest.fixture
def coach(client):
    user = UserFactory(role=Role.COACH)
    client.force_login(user)
    return user


@pytest.fixture
def follow_up(coach):
    item = FollowUpFactory(coach=coach, title="Coaching impact")
    services.follow_up_note_add(follow_up=item, date=date(2026, 9, 1), notes="Premier point")
    return item


def history_types(obj_or_model, pk):
    return list(
        obj_or_model.history.filter(id=pk)
        .order_by("history_date")
        .values_list("history_type", "history_user_id")
    )


# --- Follow-ups --------------------------------------------------------------------------------


def test_coach_edits_a_follow_up_with_a_message_and_a_history_entry(client, coach, follow_up):
    url = reverse("support:follow-up-edit", args=[follow_up.pk])
    assert "Coaching impact" in client.get(url).text
    response = client.post(
        url, {"theme": Theme.DESIGN, "title": "Coaching conception", "next_due": "2026-10-01"},
        follow=True,
    )  # fmt: skip
    assert "Le suivi est modifié." in response.text
    follow_up.refresh_from_db()
    assert (follow_up.title, follow_up.theme) == ("Coaching conception", Theme.DESIGN)
    assert follow_up.next_due == date(2026, 10, 1)
    assert history_types(FollowUp, follow_up.pk)[-1] == ("~", coach.pk)


def test_a_follow_up_edit_with_an_implausible_date_saves_nothing(client, coach, follow_up):
    response = client.post(
        reverse("support:follow-up-edit", args=[follow_up.pk]),
        {"theme": Theme.DESIGN, "title": "Autre objet", "next_due": "0001-01-01"},
    )
    assert response.status_code == 200
    assert "Je confirme cette date inhabituelle" in response.text
    follow_up.refresh_from_db()
    assert follow_up.title == "Coaching impact"


def test_deleting_a_follow_up_asks_then_deletes_its_notes_kept_in_history(client, coach, follow_up):
    url = reverse("support:follow-up-delete", args=[follow_up.pk])
    page = client.get(url)
    assert CONFIRM in page.text and "Ses notes (1)" in page.text
    assert FollowUp.objects.filter(pk=follow_up.pk).exists()
    response = client.post(url, follow=True)
    assert "Suppression faite" in response.text
    assert not FollowUp.objects.filter(pk=follow_up.pk).exists()
    assert not FollowUpNote.objects.exists()
    assert history_types(FollowUp, follow_up.pk)[-1] == ("-", coach.pk)
    assert FollowUpNote.history.filter(history_type="-").count() == 1


def test_follow_up_corrections_are_refused_to_others(client, follow_up):
    member = UserFactory(role=Role.SERVICE_OWNER)
    TeamMemberFactory(project=follow_up.project, user=member)
    client.force_login(member)  # sees the follow-up of their project, cannot change it
    assert client.get(reverse("support:follow-up-edit", args=[follow_up.pk])).status_code == 403
    assert client.post(reverse("support:follow-up-delete", args=[follow_up.pk])).status_code == 403
    client.force_login(UserFactory(role=Role.COACH))  # another coach: not even visible
    assert client.post(reverse("support:follow-up-delete", args=[follow_up.pk])).status_code == 404
    assert FollowUp.objects.filter(pk=follow_up.pk).exists()


# --- Notes -------------------------------------------------------------------------------------


def test_coach_edits_a_note_with_the_creation_rules(client, coach, follow_up):
    note = follow_up.notes.get()
    url = reverse("support:note-edit", args=[note.pk])
    assert "Premier point" in client.get(url).text
    refused = client.post(url, {"date": "2026-09-01", "notes": "<script>x</script>"})
    assert rules.HTML_REFUSED.split(":")[0] in refused.text
    note.refresh_from_db()
    assert note.notes == "Premier point"
    indicator = IndicatorFactory(project=follow_up.project)
    response = client.post(
        url,
        {"date": "2026-09-02", "notes": "Point **corrigé**", "indicators": [indicator.pk],
         "next_step": "Revoir le tableau", "next_due": "2026-10-15"},
        follow=True,
    )  # fmt: skip
    assert "La note est modifiée." in response.text
    note.refresh_from_db()
    follow_up.refresh_from_db()
    assert (note.notes, note.date, note.next_step) == (
        "Point **corrigé**", date(2026, 9, 2), "Revoir le tableau",
    )  # fmt: skip
    assert list(note.indicators.all()) == [indicator]
    assert follow_up.next_due == date(2026, 10, 15)
    assert history_types(FollowUpNote, note.pk)[-1] == ("~", coach.pk)


def test_a_note_cannot_discuss_another_projects_indicators(coach, follow_up):
    note = follow_up.notes.get()
    foreign = IndicatorFactory(project=ProjectFactory())
    with pytest.raises(ValidationError):
        services.follow_up_note_save(
            follow_up=follow_up, note=note, date=note.date, notes="Texte", indicators=[foreign]
        )
    assert not note.indicators.exists()


def test_deleting_a_note_asks_confirmation(client, coach, follow_up):
    note = follow_up.notes.get()
    url = reverse("support:note-delete", args=[note.pk])
    assert CONFIRM in client.get(url).text
    response = client.post(url, follow=True)
    assert "Suppression faite" in response.text
    assert not FollowUpNote.objects.filter(pk=note.pk).exists()
    assert history_types(FollowUpNote, note.pk)[-1] == ("-", coach.pk)
    client.force_login(UserFactory(role=Role.COACH))
    other = services.follow_up_note_add(follow_up=follow_up, date=date(2026, 9, 3), notes="N")
    assert client.post(reverse("support:note-delete", args=[other.pk])).status_code == 404


# --- Expert modules ----------------------------------------------------------------------------


@pytest.fixture
def team(client):
    user = UserFactory(role=Role.INCUBATOR)
    client.force_login(user)
    return user


def module_data(module, **changes):
    data = {
        "project": module.project_id, "expertise": module.expertise, "theme": module.theme,
        "reason": module.reason, "expected_deliverables": module.expected_deliverables,
    }  # fmt: skip
    return {**data, **changes}


def test_team_corrects_an_identified_need_then_a_quote(client, team):
    module = ExpertModuleFactory()
    url = reverse("support:module-edit", args=[module.pk])
    refused = client.post(url, module_data(module, expertise="   "))
    assert refused.status_code == 200
    response = client.post(url, module_data(module, expertise="Audit RGAA"), follow=True)
    assert "Le module est modifié." in response.text
    module.refresh_from_db()
    assert module.expertise == "Audit RGAA"
    supplier, other = SupplierFactory(), SupplierFactory()
    services.module_quote(
        module=module, supplier=supplier, statement_of_need="Audit", days_per_profile="3 j"
    )
    page = client.get(url)
    assert "Expression de besoin" in page.text  # the quote is corrected with the need
    client.post(
        url,
        module_data(module, supplier=other.pk, statement_of_need="Audit complet",
                    days_per_profile="5 j auditeur"),
    )  # fmt: skip
    module.refresh_from_db()
    assert (module.supplier, module.days_per_profile) == (other, "5 j auditeur")
    assert module.status == ModuleStatus.QUOTE
    assert history_types(ExpertModule, module.pk)[-1] == ("~", team.pk)


def test_an_ordered_module_is_frozen_and_the_page_says_why(client, team):
    module = ExpertModuleFactory(status=ModuleStatus.ORDERED, amount_incl_vat=Decimal("1200"))
    page = client.get(reverse("support:module", args=[module.pk]))
    assert rules.MODULE_FROZEN[:40] in page.text
    assert reverse("support:module-delete", args=[module.pk]) not in page.text
    response = client.post(
        reverse("support:module-edit", args=[module.pk]),
        module_data(module, expertise="Autre chose"),
        follow=True,
    )
    assert rules.MODULE_FROZEN[:40] in response.text
    response = client.post(reverse("support:module-delete", args=[module.pk]), follow=True)
    assert rules.MODULE_FROZEN[:40] in response.text
    module.refresh_from_db()
    assert module.expertise != "Autre chose"
    with pytest.raises(ValidationError):
        services.module_delete(module=module, by=team)


def test_deleting_a_module_not_ordered_asks_confirmation(client, team):
    module = ExpertModuleFactory(status=ModuleStatus.QUOTE)
    url = reverse("support:module-delete", args=[module.pk])
    assert CONFIRM in client.get(url).text
    response = client.post(url, follow=True)
    assert "Suppression faite" in response.text
    assert not ExpertModule.objects.filter(pk=module.pk).exists()
    assert history_types(ExpertModule, module.pk)[-1] == ("-", team.pk)


def test_module_corrections_are_for_the_team_only(client):
    follower = UserFactory(role=Role.COACH)
    module = ExpertModuleFactory(follower=follower)
    client.force_login(follower)
    assert client.get(reverse("support:module-edit", args=[module.pk])).status_code == 403
    assert client.post(reverse("support:module-delete", args=[module.pk])).status_code == 403
    assert ExpertModule.objects.filter(pk=module.pk).exists()


def deliverable_of(module):
    return ModuleDeliverable.objects.create(
        module=module, title="Rapport", content_type="application/pdf",
        file=ContentFile(b"%PDF-1.4 rapport", name="rapport.pdf"),
    )  # fmt: skip


def test_follower_deletes_a_deliverable_before_the_service_fait(
    client, django_capture_on_commit_callbacks
):
    follower = UserFactory(role=Role.COACH)
    module = ExpertModuleFactory(follower=follower, status=ModuleStatus.DELIVERED)
    deliverable = deliverable_of(module)
    storage, name = deliverable.file.storage, deliverable.file.name
    client.force_login(follower)
    url = reverse("support:deliverable-delete", args=[deliverable.pk])
    assert CONFIRM in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Suppression faite" in response.text
    assert not ModuleDeliverable.objects.filter(pk=deliverable.pk).exists()
    assert not storage.exists(name)
    assert history_types(ModuleDeliverable, deliverable.pk)[-1] == ("-", follower.pk)


def test_an_attested_modules_deliverables_stay(client, team):
    module = ExpertModuleFactory(status=ModuleStatus.SERVICE_FAIT)
    deliverable = deliverable_of(module)
    page = client.get(reverse("support:module", args=[module.pk]))
    assert reverse("support:deliverable-delete", args=[deliverable.pk]) not in page.text
    response = client.post(
        reverse("support:deliverable-delete", args=[deliverable.pk]), follow=True
    )
    assert rules.DELIVERABLE_FROZEN in response.text
    assert ModuleDeliverable.objects.filter(pk=deliverable.pk).exists()
    client.force_login(UserFactory(role=Role.AGENT))
    other = deliverable_of(ExpertModuleFactory(status=ModuleStatus.IN_PROGRESS))
    assert client.post(reverse("support:deliverable-delete", args=[other.pk])).status_code == 404


# --- Requests ----------------------------------------------------------------------------------


@pytest.fixture
def agent(client):
    user = UserFactory(role=Role.AGENT)
    client.force_login(user)
    return user


def test_requester_corrects_a_request_until_it_is_answered(client, agent):
    item = SupportRequestFactory(requester=agent, message="Aide")
    listing = client.get(reverse("support:requests"))
    assert reverse("support:request-edit", args=[item.pk]) in listing.text
    url = reverse("support:request-edit", args=[item.pk])
    refused = client.post(url, {"theme": Theme.OPEN_DATA, "message": "   "})
    assert refused.status_code == 200
    item.refresh_from_db()
    assert item.message == "Aide"
    response = client.post(url, {"theme": Theme.OPEN_DATA, "message": "Ouvrir nos données"},
                           follow=True)  # fmt: skip
    assert "Votre demande est modifiée." in response.text
    item.refresh_from_db()
    assert (item.theme, item.message) == (Theme.OPEN_DATA, "Ouvrir nos données")
    assert history_types(SupportRequest, item.pk)[-1] == ("~", agent.pk)
    services.request_triage(
        request=item, decision=RequestStatus.DECLINED, by=UserFactory(role=Role.INCUBATOR),
        answer="Hors de notre offre",
    )  # fmt: skip
    response = client.post(url, {"theme": Theme.IMPACT, "message": "Autre"}, follow=True)
    assert "a déjà répondu à cette demande" in response.text
    response = client.post(reverse("support:request-delete", args=[item.pk]), follow=True)
    assert "a déjà répondu à cette demande" in response.text
    item.refresh_from_db()
    assert item.message == "Ouvrir nos données"


def test_requester_withdraws_a_request_after_confirmation(client, agent):
    item = SupportRequestFactory(requester=agent)
    url = reverse("support:request-delete", args=[item.pk])
    assert CONFIRM in client.get(url).text
    response = client.post(url, follow=True)
    assert "Suppression faite" in response.text
    assert not SupportRequest.objects.filter(pk=item.pk).exists()
    assert history_types(SupportRequest, item.pk)[-1] == ("-", agent.pk)


def test_only_the_requester_corrects_a_request(client):
    item = SupportRequestFactory(requester=UserFactory(role=Role.AGENT))
    client.force_login(UserFactory(role=Role.AGENT))
    assert client.post(reverse("support:request-delete", args=[item.pk])).status_code == 404
    client.force_login(UserFactory(role=Role.INCUBATOR))  # the team answers, it does not edit
    assert client.get(reverse("support:request-edit", args=[item.pk])).status_code == 403
    assert SupportRequest.objects.filter(pk=item.pk).exists()


def test_the_correction_rules_follow_the_modules_steps():
    open_steps = {ModuleStatus.IDENTIFIED, ModuleStatus.QUOTE}
    attested = {ModuleStatus.SERVICE_FAIT, ModuleStatus.CLOSED}
    for status in ModuleStatus.values:
        assert (rules.module_change_problem(status) == "") == (status in open_steps)
        assert (rules.deliverable_delete_problem(status) == "") == (status not in attested)
    assert rules.request_change_problem(RequestStatus.NEW) == ""
    assert all(
        rules.request_change_problem(status) == rules.REQUEST_ANSWERED
        for status in RequestStatus.values
        if status != RequestStatus.NEW
    )


def test_the_follow_up_history_shows_who_changed_it(client, coach, follow_up):
    services.follow_up_save(follow_up=follow_up, theme=Theme.IMPACT, title="Objet corrigé")
    page = client.get(reverse("support:follow-up-history", args=[follow_up.pk]))
    assert page.status_code == 200 and "Objet corrigé" in page.text
    client.force_login(UserFactory(role=Role.SERVICE_OWNER))
    assert client.get(reverse("support:follow-up-history", args=[follow_up.pk])).status_code == 404


def test_deleting_the_answer_of_a_request_sends_it_back_to_the_team(team):
    """A request answered by a module or a follow-up is « nouvelle » again when that answer is
    deleted: the team triages it anew, nothing points at a deleted record."""
    project = ProjectFactory()
    asked = SupportRequestFactory(project=project, theme=Theme.OPEN_DATA, message="Aide")
    services.request_triage(request=asked, decision=RequestStatus.MODULE, by=team)
    services.module_delete(module=asked.module, by=team)
    asked.refresh_from_db()
    assert asked.status == RequestStatus.NEW and asked.module is None
    assert asked.history.first().history_user == team
    services.request_triage(request=asked, decision=RequestStatus.FOLLOW_UP, by=team, coach=team)
    services.follow_up_delete(follow_up=asked.follow_up, by=team)
    asked.refresh_from_db()
    assert asked.status == RequestStatus.NEW and asked.follow_up is None


# --- Sessions ----------------------------------------------------------------------------------


def test_deleting_a_session_with_people_registered_tells_them(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    from .factories import RegistrationFactory, SessionFactory

    team = UserFactory(role=Role.INCUBATOR)
    client.force_login(team)
    session = SessionFactory(trainer=team)
    agent = UserFactory(role=Role.AGENT, email="agent.inscrit@exemple.gouv.fr")
    RegistrationFactory(session=session, user=agent)
    title = session.format.title
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("support:session-delete", args=[session.pk]), follow=True)
    assert response.status_code == 200
    assert "supprimée" in response.text
    assert [mail.to for mail in mailoutbox] == [["agent.inscrit@exemple.gouv.fr"]]
    assert mailoutbox[0].subject == f"Session annulée : {title}"
    assert "Cette session est annulée" in mailoutbox[0].body
    assert "/accompagnement/sessions/" not in mailoutbox[0].body  # its page is gone


def test_the_team_board_says_it_counts_every_session_of_the_offer(client):
    from .factories import SessionFactory

    team, coach = UserFactory(role=Role.INCUBATOR), UserFactory(role=Role.COACH)
    SessionFactory(trainer=coach, start=timezone.now() + timedelta(minutes=5))
    client.force_login(team)
    board = unescape(client.get(reverse("support:coach")).text)
    assert "Sessions de l'offre ce mois-ci" in board and "Mes sessions" not in board
    assert "aux sessions de l'offre" in board
    client.force_login(coach)
    board = client.get(reverse("support:coach")).text
    assert "Mes sessions ce mois-ci" in board and "à mes sessions" in board


# --- Attachments of the knowledge base ----------------------------------------------------------


def _page_with_attachment():
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = services.page_save(
        title="Mesurer l'impact", theme="impact", body="Guide", is_public=True,
        attachment=SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n%%EOF\n"),
        attachment_title="Guide imprimable",
    )  # fmt: skip
    return page, page.attachments.get()


def test_a_page_attachment_is_deleted_after_confirmation_and_kept_in_history(
    client, coach, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page, attachment = _page_with_attachment()
    url = reverse("support:attachment-delete", args=[attachment.pk])
    assert f'href="{url}"' in client.get(reverse("support:page", args=[page.slug])).content.decode()
    confirm = unescape(client.get(url).content.decode())
    assert "Supprimer la pièce jointe « Guide imprimable »" in confirm
    assert page.attachments.exists()
    done = unescape(client.post(url, follow=True).content.decode())
    assert "La pièce jointe « Guide imprimable » est supprimée." in done
    assert not page.attachments.exists()
    assert [t for t, _ in history_types(type(attachment), attachment.pk)] == ["+", "-"]


@pytest.mark.parametrize("role", [Role.AGENT, Role.SERVICE_OWNER])
def test_a_page_attachment_is_not_deleted_by_readers(client, role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page, attachment = _page_with_attachment()
    client.force_login(UserFactory(role=role))
    url = reverse("support:attachment-delete", args=[attachment.pk])
    assert (
        f'href="{url}"'
        not in client.get(reverse("support:page", args=[page.slug])).content.decode()
    )
    assert client.post(url).status_code == 403
    assert page.attachments.exists()
