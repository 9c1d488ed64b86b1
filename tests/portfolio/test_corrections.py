"""Issue 12: committees and decisions can be corrected (edit, delete with confirmation, kept in
the history), dates are checked for plausibility, and every write says it was done."""

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio import services
from fabrique.portfolio.models import Committee, Decision, FundingLine
from tests.factories import UserFactory

from .factories import CommitteeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


def committee_data(committee, **changes):
    return {
        "date": committee.date.isoformat(), "kind": committee.kind, "title": committee.title,
        "projects": [p.pk for p in committee.projects.all()], "attendees": "", "minutes": "",
        **changes,
    }  # fmt: skip


def test_a_committee_dated_year_1_is_refused_unless_confirmed(team):
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project], date=date(2026, 5, 4))
    url = reverse("portfolio:committee-edit", args=[committee.pk])
    response = team.post(url, committee_data(committee, date="0001-01-01"))
    assert "Date peu plausible (01/01/0001) : avant 2000." in unescape(response.content.decode())
    committee.refresh_from_db()
    assert committee.date == date(2026, 5, 4)
    response = team.post(url, committee_data(committee, date="2026-05-11"), follow=True)
    assert "Comité modifié." in unescape(response.content.decode())
    committee.refresh_from_db()
    assert committee.date == date(2026, 5, 11)
    assert committee.history.count() >= 2


def test_participants_on_separate_lines_stay_on_separate_lines(team):
    committee = CommitteeFactory(attendees="Alice Martin\nBruno Petit")
    html = team.get(committee.get_absolute_url()).content.decode()
    assert "Alice Martin<br>Bruno Petit" in html


def test_a_decision_is_deleted_after_confirmation_with_its_funding(team):
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project])
    decision = services.decision_record(
        committee=committee, project=project, outcome="accelerer", amount=Decimal(5000)
    )
    url = reverse("portfolio:decision-delete", args=[decision.pk])
    page = team.get(url).content.decode()
    assert "Confirmer la suppression" in page and "financement" in page
    response = team.post(url, follow=True)
    assert "Suppression faite" in unescape(response.content.decode())
    assert not Decision.objects.exists() and not FundingLine.objects.exists()


def test_a_committee_with_decisions_is_not_deleted(team):
    project = ProjectFactory()
    committee = CommitteeFactory(projects=[project])
    services.decision_record(committee=committee, project=project, outcome="continuer")
    response = team.post(reverse("portfolio:committee-delete", args=[committee.pk]), follow=True)
    assert "supprimez-les d'abord" in unescape(response.content.decode())
    assert Committee.objects.filter(pk=committee.pk).exists()
    Decision.objects.all().delete()
    team.post(reverse("portfolio:committee-delete", args=[committee.pk]))
    assert not Committee.objects.filter(pk=committee.pk).exists()
    assert Committee.history.filter(history_type="-").count() == 1


def test_the_confirmation_page_of_a_committee_with_decisions_says_what_to_do_first(team):
    """Seen in the walk: the page asked to confirm, then the deletion was refused."""
    project = ProjectFactory(name="Menu local")
    committee = CommitteeFactory(projects=[project])
    services.decision_record(committee=committee, project=project, outcome="arreter")
    page = " ".join(
        unescape(
            team.get(reverse("portfolio:committee-delete", args=[committee.pk])).content.decode()
        ).split()
    )
    assert "Suppression impossible pour l'instant" in page and "Confirmer la" not in page
    assert "Impossible de supprimer le comité" in page
    assert "(Menu local : Arrêter) : supprimez-les d'abord" in page
    assert "Supprimer</button>" not in page  # nothing to confirm: it would be refused


def test_a_second_decision_asks_to_confirm_then_says_it_was_recorded(team):
    project = ProjectFactory(name="Cantine")
    committee = CommitteeFactory(projects=[project])
    data = {"action": "decision", "project": project.pk, "outcome": "continuer", "amount": "0"}
    first = team.post(committee.get_absolute_url(), data, follow=True)
    assert "Décision enregistrée pour « Cantine »" in unescape(first.content.decode())
    second = team.post(committee.get_absolute_url(), {**data, "outcome": "arreter"})
    assert "déjà une décision pour « Cantine »" in unescape(second.content.decode())
    assert Decision.objects.get().outcome == "continuer"
    team.post(committee.get_absolute_url(), {**data, "outcome": "arreter", "replace": "on"})
    assert Decision.objects.get().outcome == "arreter"


def test_other_roles_cannot_delete(client):
    committee = CommitteeFactory()
    client.force_login(UserFactory(role=Role.AGENT))
    assert (
        client.post(reverse("portfolio:committee-delete", args=[committee.pk])).status_code == 403
    )
    assert Committee.objects.filter(pk=committee.pk).exists()


def _document(committee):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return services.committee_document_add(
        committee=committee, upload=SimpleUploadedFile("ordre-du-jour.pdf", b"%PDF-1.4\n%%EOF\n")
    )


def test_a_committee_document_attached_by_mistake_is_deleted_after_confirmation(
    team, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    committee = CommitteeFactory()
    document = _document(committee)
    page = unescape(team.get(committee.get_absolute_url()).content.decode())
    url = reverse("portfolio:committee-document-delete", args=[document.pk])
    assert f'href="{url}"' in page
    confirm = unescape(team.get(url).content.decode())
    assert "Confirmer la suppression" in confirm and "« ordre-du-jour.pdf »" in confirm
    assert committee.documents.exists()  # nothing deleted on GET
    done = unescape(team.post(url, follow=True).content.decode())
    assert "Suppression faite : le document « ordre-du-jour.pdf »" in done
    assert not committee.documents.exists()
    assert [h.history_type for h in document.history.order_by("history_date")] == ["+", "-"]


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_only_the_team_deletes_a_committee_document(client, role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = _document(CommitteeFactory())
    client.force_login(UserFactory(role=role))
    url = reverse("portfolio:committee-document-delete", args=[document.pk])
    assert client.post(url).status_code == 403
    assert document.committee.documents.exists()
