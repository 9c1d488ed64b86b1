"""What an agent meets when filing a problem in the browser (walk of the agent's role)."""

from html import unescape
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations import services
from fabrique.investigations.models import Problem
from fabrique.investigations.vocabulary import ProblemStatus
from tests.factories import CommuneFactory, MembershipFactory, UserFactory
from tests.portfolio.factories import CommitteeFactory

from .factories import CallFactory, ClosedCallFactory, InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client):
    agent = UserFactory(role=Role.AGENT)
    membership = MembershipFactory(user=agent, commune=CommuneFactory(name="Saint-Testeur"))
    client.force_login(agent)
    client.membership = membership
    return client


def _problem(agent_client, upload, button):
    return agent_client.post(
        reverse("investigations:problem_create"),
        {
            "title": "Salle des fêtes réservée en double",
            "statement": "Les associations réservent la salle sur un cahier.",
            "collectivites": [str(agent_client.membership.pk)],
            "attachment": upload,
            button: "1",
        },
    )


def test_a_disguised_attachment_is_refused_at_the_deja_vu_step(agent_client):
    response = _problem(agent_client, SimpleUploadedFile("note.pdf", b"MZ pas un PDF"), "verifier")
    page = response.content.decode()
    assert response.status_code == 200
    assert "note.pdf : Seuls les documents" in page
    assert "rien n'a été enregistré" in page
    assert not Problem.objects.exists()


def test_the_deja_vu_step_keeps_the_attachment_for_saving(agent_client):
    """Issue 14 review, defect 2: the file chosen once is kept through « déjà vu ailleurs »
    (for this session only), saved with the problem, then removed from the waiting place."""
    from django.core.files.storage import default_storage

    from fabrique.core import pending_uploads

    pdf = SimpleUploadedFile("compte-rendu.pdf", b"%PDF-1.4\n%%EOF\n")
    response = _problem(agent_client, pdf, "verifier")
    page = unescape(response.content.decode())
    assert "Déjà vu ailleurs" in page
    assert "« compte-rendu.pdf » est gardée pour ce dépôt" in page
    assert "choisissez-la de nouveau" not in page
    assert not Problem.objects.exists()
    token = response.context["pending"]
    assert f'name="piece_gardee" value="{token}"' in page
    # Another session cannot take it.
    other = UserFactory(role=Role.AGENT)
    from django.test import Client

    stranger = Client()
    stranger.force_login(other)
    assert "compte-rendu.pdf" not in unescape(
        stranger.post(
            reverse("investigations:problem_create"), {"piece_gardee": token, "verifier": "1"}
        ).content.decode()
    )
    # « Envoyer quand même » without choosing the file again: it is saved, checked again.
    saved = agent_client.post(
        reverse("investigations:problem_create"),
        {
            "title": "Salle des fêtes réservée en double",
            "statement": "Les associations réservent la salle sur un cahier.",
            "collectivites": [str(agent_client.membership.pk)],
            "piece_gardee": token,
            "confirmer": "1",
        },
    )
    problem = Problem.objects.get()
    assert saved.status_code == 302
    attachment = problem.attachments.get()
    assert attachment.name == "compte-rendu.pdf" and attachment.content_type == "application/pdf"
    assert attachment.file.read() == b"%PDF-1.4\n%%EOF\n"
    assert default_storage.listdir(pending_uploads.DIRECTORY)[1] == []
    assert agent_client.session.get(pending_uploads.SESSION_KEY) == {}


def test_a_kept_attachment_is_checked_again_and_stale_ones_are_removed(agent_client):
    from datetime import timedelta

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from fabrique.core import pending_uploads

    response = _problem(agent_client, SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), "verifier")
    token = response.context["pending"]
    path = agent_client.session[pending_uploads.SESSION_KEY][token]["path"]
    # Changed behind our back: refused on saving, as a file sent with the form would be.
    default_storage.delete(path)
    default_storage.save(path, SimpleUploadedFile("a.pdf", b"MZ pas un PDF"))
    refused = agent_client.post(
        reverse("investigations:problem_create"),
        {
            "title": "Salle",
            "statement": "Cahier.",
            "collectivites": [str(agent_client.membership.pk)],
            "piece_gardee": token,
            "confirmer": "1",
        },
    )
    assert "a.pdf : Seuls les documents" in unescape(refused.content.decode())
    assert not Problem.objects.exists()
    assert pending_uploads.purge_stale(now=timezone.now() + timedelta(days=1)) == 1
    assert default_storage.listdir(pending_uploads.DIRECTORY)[1] == []


def test_without_attachment_the_deja_vu_step_says_nothing_about_files(agent_client):
    page = _problem(agent_client, b"", "verifier").content.decode()
    assert "Déjà vu ailleurs" in page
    assert "choisissez-la de nouveau" not in page


def test_an_open_call_tells_an_anonymous_visitor_how_to_submit_a_problem(client):
    call = CallFactory()
    page = client.get(reverse("investigations:call", args=[call.pk])).content.decode()
    target = quote(f"{reverse('investigations:problem_create')}?appel={call.pk}", safe="")
    assert f'href="{reverse("accounts:login")}?next={target}"' in page
    assert "Se connecter pour déposer un problème" in page
    assert f'href="{reverse("accounts:account-request")}"' in page
    login = client.get(f"{reverse('accounts:login')}?next={target}").content.decode()
    assert f'value="{reverse("investigations:problem_create")}?appel={call.pk}"' in login


def test_a_closed_call_shows_no_submission_invitation(client):
    call = ClosedCallFactory()
    page = client.get(reverse("investigations:call", args=[call.pk])).content.decode()
    assert "Se connecter pour déposer un problème" not in page


def test_the_call_list_of_the_problem_form_says_hors_appel_rather_than_dashes(agent_client):
    CallFactory()
    page = agent_client.get(reverse("investigations:problem_create")).content.decode()
    assert '<option value="" selected>Hors appel</option>' in page
    assert "---------" not in page


def test_the_agent_is_not_sent_to_a_committee_page_they_cannot_open(client, agent_client):
    problem = ProblemFactory(communes=[agent_client.membership.commune])
    committee = CommitteeFactory()
    investigation = InvestigationFactory(problem=problem, committee=committee)
    url = reverse("investigations:investigation", args=[investigation.pk])
    response = agent_client.get(url)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Comité de go/no-go" in page and str(committee) in page
    assert committee.get_absolute_url() not in page
    assert agent_client.get(committee.get_absolute_url()).status_code == 403
    agent_client.force_login(UserFactory(role=Role.INCUBATOR))
    assert f'href="{committee.get_absolute_url()}"' in agent_client.get(url).content.decode()


def test_an_absurd_number_of_sufferers_is_refused_in_french(agent_client):
    # 99,999,999,999,999 does not fit PostgreSQL's integer: a 500 there before this check.
    response = agent_client.post(
        reverse("investigations:problem_create"),
        {
            "title": "Cantine",
            "statement": "Les fiches se perdent.",
            "collectivites": [str(agent_client.membership.pk)],
            "sufferers_count": "99999999999999",
            "confirmer": "1",
        },
    )
    assert response.status_code == 200
    assert "inférieure ou égale à 70" in unescape(response.content.decode())
    assert not Problem.objects.exists()


def test_the_services_refuse_more_sufferers_than_the_population_of_france(agent_client):
    problem = ProblemFactory(communes=[agent_client.membership.commune])
    with pytest.raises(ValidationError, match="dépasse la population de la France"):
        services.problem_update(problem=problem, sufferers_count=80_000_000)
    problem.refresh_from_db()
    assert problem.sufferers_count != 80_000_000


def test_mon_espace_links_the_agents_selected_problems_to_the_filtered_list(agent_client):
    problem = ProblemFactory(
        communes=[agent_client.membership.commune], status=ProblemStatus.SELECTED
    )
    ProblemFactory(communes=[agent_client.membership.commune], title="Autre problème")
    url = f"{reverse('investigations:problems')}?status=retenu"
    assert f'href="{url}"' in agent_client.get("/mon-espace/").content.decode()
    listed = agent_client.get(url).content.decode()
    assert problem.title in listed and "Autre problème" not in listed


def test_a_problem_pasted_far_too_long_is_refused_on_submit_and_on_edit(agent_client):
    """Walk of the agent: a statement of 120,000 characters was saved as is."""
    response = agent_client.post(
        reverse("investigations:problem_create"),
        {
            "title": "Trop long",
            "statement": "y" * 10_001,
            "collectivites": [str(agent_client.membership.pk)],
            "confirmer": "1",
        },
    )
    page = unescape(response.content.decode())
    assert "Texte trop long (10\u202f001 caractères) : 10\u202f000 au plus." in page
    assert not Problem.objects.exists()
    problem = ProblemFactory()
    with pytest.raises(ValidationError, match="Texte trop long"):
        services.problem_update(problem=problem, tried="z" * 10_001)
