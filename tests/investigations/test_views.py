"""Pages of the programme: the main journey, bad input, exports, constant queries."""

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.core import espace
from fabrique.investigations.models import Investigation, Problem
from fabrique.investigations.selectors import espace_block
from fabrique.investigations.vocabulary import ProblemStatus
from fabrique.portfolio.models import Project
from tests.factories import CommuneFactory, MembershipFactory, UserFactory
from tests.query_counts import assert_constant_queries

from .factories import (
    CallFactory,
    ClosedCallFactory,
    InvestigationFactory,
    ProblemFactory,
    close_all_phases,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    user = UserFactory(role=Role.INCUBATOR)
    client.force_login(user)
    return user


@pytest.fixture
def agent_client(client):
    agent = UserFactory(role=Role.AGENT)
    commune = CommuneFactory(name="Saint-Testeur")
    membership = MembershipFactory(user=agent, commune=commune)
    client.force_login(agent)
    client.membership = membership
    client.commune = commune
    return client


def test_agent_submits_a_problem_through_the_page(agent_client):
    call = CallFactory()
    url = reverse("investigations:problem_create")
    assert agent_client.get(url).status_code == 200
    response = agent_client.post(
        url,
        {
            "title": "Cantine",
            "statement": "Les familles ne savent pas inscrire leurs enfants.",
            "collectivites": [str(agent_client.membership.pk)],
            "call": call.pk,
            "enregistrer": "1",
        },
        follow=True,
    )
    problem = Problem.objects.get()
    assert response.redirect_chain[-1][0] == problem.get_absolute_url()
    assert "Problème « Cantine » déposé." in response.content.decode()
    assert problem.collectivites.get().commune == agent_client.commune


def test_a_problem_without_collectivite_shows_a_french_message(agent_client):
    response = agent_client.post(
        reverse("investigations:problem_create"),
        {"title": "Cantine", "statement": "Texte", "enregistrer": "1"},
    )
    assert response.status_code == 200
    assert "au moins une collectivité" in response.content.decode()
    assert not Problem.objects.exists()


def test_team_scores_selects_and_starts_an_investigation(client, team):
    problem = ProblemFactory(call=ClosedCallFactory(funded_count=1))
    scores = {f"score_{k}": 3 for k in problem.call.grid_keys}
    response = client.post(reverse("investigations:problem_review", args=[problem.pk]), scores)
    assert response.status_code == 302
    bad = client.post(
        reverse("investigations:problem_review", args=[problem.pk]),
        {**scores, "score_realite": 12},
    )
    assert "entre 0 et 5" in bad.content.decode()
    client.post(
        reverse("investigations:problem_select", args=[problem.pk]),
        {"selected": "1", "reason": "Problème partagé par beaucoup de communes"},
    )
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SELECTED
    coach = UserFactory(role=Role.COACH)
    response = client.post(
        reverse("investigations:investigation_start", args=[problem.pk]),
        {"coach": coach.pk, "start": "2026-01-05", "weeks": 10, "agents": "Mme A (2 j/sem.)"},
    )
    investigation = Investigation.objects.get()
    assert response.url == investigation.get_absolute_url()
    page = client.get(investigation.get_absolute_url()).content.decode()
    assert "Réalité et ampleur du problème" in page
    call_page = client.get(problem.call.get_absolute_url()).content.decode()
    assert "Écart type" in call_page


def test_agent_sees_the_outcome_but_not_reviewers_scores(agent_client):
    problem = ProblemFactory(
        communes=[agent_client.commune],
        call=ClosedCallFactory(),
        status=ProblemStatus.DECLINED,
        decision_reason="Un service existe déjà",
    )
    page = agent_client.get(problem.get_absolute_url()).content.decode()
    assert "Problème non retenu" in page and "Un service existe déjà" in page
    assert "Notes des relecteurs" not in page
    assert "Écart type" not in agent_client.get(problem.call.get_absolute_url()).content.decode()


def test_coach_runs_a_phase_and_the_team_says_go(client, team):
    coach = UserFactory(role=Role.COACH)
    investigation = InvestigationFactory(coach=coach)
    client.force_login(coach)
    edit = reverse("investigations:phase_edit", args=[investigation.pk, 1])
    client.post(edit, {"figures": "300 appels", "sources": "Mairie", "statement": "Réel"})
    close = reverse("investigations:phase_close", args=[investigation.pk, 2])
    out_of_order = client.post(close, {"summary": "fini"})
    assert "les phases se closent dans" in out_of_order.content.decode()
    response = client.post(
        reverse("investigations:phase_close", args=[investigation.pk, 1]),
        {"summary": "Le problème est réel."},
    )
    assert response.status_code == 302
    close_all_phases(investigation)
    url = reverse("investigations:decision", args=[investigation.pk])
    assert client.get(url).status_code == 403
    client.force_login(team)
    refused = client.post(url, {"decision": "go", "on": date.today().isoformat()})
    assert "donnez-lui un nom" in refused.content.decode()
    client.post(url, {"decision": "go", "on": date.today().isoformat(), "project_name": "Facile"})
    project = Project.objects.get()
    assert project.phases.order_by("-start").first().name == "construction"


def test_team_list_exports_and_runs_constant_queries(client, team, django_assert_max_num_queries):
    InvestigationFactory()
    url = reverse("investigations:investigations")
    assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get(url),
        lambda: [InvestigationFactory(problem__communes=[CommuneFactory()]) for _ in range(5)],
        budget=20,
    )
    for fmt in ("xlsx", "ods", "csv"):
        response = client.get(url, {"export": fmt})
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_coach_view_lists_days_left_and_missing_artefacts(client):
    coach = UserFactory(role=Role.COACH)
    InvestigationFactory(coach=coach, start=date.today() - timedelta(days=60))
    client.force_login(coach)
    page = client.get(reverse("investigations:mine")).content.decode()
    assert "<td>10 sur 10</td>" in page  # days left, whole days without « ,0 »
    assert "chiffres" in page
    assert "En retard" in page


def test_public_page_and_open_data(client):
    public = InvestigationFactory(is_public=True)
    private = InvestigationFactory()
    assert client.get(reverse("investigations:public", args=[public.pk])).status_code == 200
    assert client.get(reverse("investigations:public", args=[private.pk])).status_code == 404
    response = client.get(reverse("investigations:open_data", args=["json"]))
    data = json.loads(b"".join(response.streaming_content))
    # The same shape as the other open data lists (catalogue, sur-mesure): a list of rows…
    assert [row["id"] for row in data] == [public.pk]
    assert data[0]["debut"] == public.start.isoformat()
    # …described by its Table Schema.
    schema = client.get(reverse("investigations:open_data", args=["schema.json"])).json()
    assert [field["name"] for field in schema["fields"]] == list(data[0])
    assert client.get(reverse("investigations:open_data", args=["xlsx"])).status_code == 404
    response = client.get(reverse("investigations:open_data", args=["csv"]))
    csv_text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert public.problem.title in csv_text and private.problem.title not in csv_text


def test_anonymous_sees_open_calls_only(client):
    open_call, closed = CallFactory(), ClosedCallFactory()
    page = client.get(reverse("investigations:calls")).content.decode()
    assert open_call.title in page and closed.title not in page
    response = client.get(reverse("investigations:problems"))
    assert response.status_code == 302


def test_delete_asks_for_confirmation(client, team):
    """The confirmation page and the message of every other app (components/confirm_delete)."""
    problem = ProblemFactory(title="Cantine")
    url = reverse("investigations:problem_delete", args=[problem.pk])
    page = client.get(url)
    assert page.templates[0].name == "components/confirm_delete.html"
    text = unescape(page.content.decode())
    assert "Vous allez supprimer le problème « Cantine »." in text
    assert "La suppression reste visible dans l'historique." in text
    response = client.post(url, follow=True)
    assert "Suppression faite : le problème « Cantine »." in unescape(response.content.decode())
    assert not Problem.objects.exists()


def test_calls_and_investigations_use_the_shared_confirmation(client, team):
    call = CallFactory(title="Appel 2027")
    investigation = InvestigationFactory()
    for url, what in (
        (reverse("investigations:call_delete", args=[call.pk]), "l'appel « Appel 2027 »"),
        (
            reverse("investigations:investigation_delete", args=[investigation.pk]),
            f"l'investigation « {investigation} »",
        ),
    ):
        page = client.get(url)
        assert page.templates[0].name == "components/confirm_delete.html"
        assert f"Vous allez supprimer {what}." in unescape(page.content.decode())


def test_investigation_pdf(client, team):
    investigation = InvestigationFactory()
    response = client.get(reverse("investigations:pdf", args=[investigation.pk]))
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "role,title",
    [
        (Role.INCUBATOR, "Programme d'investigation"),
        (Role.COACH, "Mes investigations"),
        (Role.AGENT, "Nos problèmes publics"),
    ],
)
def test_mon_espace_block_per_role(client, role, title, django_assert_max_num_queries):
    user = UserFactory(role=role)
    InvestigationFactory(coach=user if role == Role.COACH else None)
    ProblemFactory(status=ProblemStatus.SUBMITTED)  # something for the team to examine
    with django_assert_max_num_queries(4):
        espace_block(user)  # this app's block alone: the others have their own tests
    assert title in [block.title for block in espace.blocks_for(user)]
    client.force_login(user)
    assert "Appels à problématiques" in client.get("/mon-espace/").content.decode()  # menu


def test_coach_block_lists_each_investigation_with_its_phase_and_days_left():
    coach = UserFactory(role=Role.COACH)
    on_time = InvestigationFactory(coach=coach, start=date.today())
    late = InvestigationFactory(designer=coach, start=date.today() - timedelta(days=40))
    InvestigationFactory()  # someone else's
    block = espace_block(coach)
    lines = {line.url: line for line in block.lines}
    assert set(lines) == {on_time.get_absolute_url(), late.get_absolute_url()}
    # One line per investigation, whatever the number of phases joined.
    assert lines[on_time.get_absolute_url()].label == (
        f"{on_time} : phase 1 (Réalité et ampleur du problème), "
        "10 jours restants sur vos 10 jours financés"
    )
    assert lines[on_time.get_absolute_url()].level == ""
    assert lines[late.get_absolute_url()].label.endswith(
        ", 6 jours restants sur vos 6 jours financés"
    )  # designer
    assert lines[late.get_absolute_url()].level == "warning"
    assert lines[late.get_absolute_url()].detail.startswith("en retard sur le calendrier")


def test_the_team_block_is_absent_when_nothing_is_to_examine_or_late():
    team = UserFactory(role=Role.INCUBATOR)
    # On time (in its first phase), its problem already selected.
    InvestigationFactory(start=date.today() - timedelta(days=7))
    assert espace_block(team) is None
    ProblemFactory(status=ProblemStatus.SUBMITTED)
    block = espace_block(team)
    assert [(line.label, line.count) for line in block.lines] == [("Problèmes à examiner", 1)]


def test_porteur_and_anonymous_have_no_block():
    assert espace_block(UserFactory(role=Role.SERVICE_OWNER)) is None
    assert espace_block(AnonymousUser()) is None


def test_call_and_problem_lists_run_constant_queries(client, team, django_assert_max_num_queries):
    call = ClosedCallFactory()
    ProblemFactory(call=call)

    def grow():
        for _ in range(5):
            ProblemFactory(call=call, communes=[CommuneFactory(), CommuneFactory()])

    for url in (call.get_absolute_url(), reverse("investigations:problems")):
        assert_constant_queries(
            django_assert_max_num_queries, lambda url=url: client.get(url), grow, budget=20
        )


def test_attachments_are_added_checked_downloaded_and_deleted(agent_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    problem = ProblemFactory(communes=[agent_client.commune])
    problem.submitted_by = agent_client.membership.user
    problem.save()
    add = reverse("investigations:attachment_add", args=[problem.pk])
    fake = SimpleUploadedFile("note.pdf", b"pas un PDF")
    refused = agent_client.post(add, {"file": fake})
    assert "Seuls les documents" in refused.content.decode()
    pdf = SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%%EOF\n")
    assert agent_client.post(add, {"file": pdf}).status_code == 302
    attachment = problem.attachments.get()
    download = agent_client.get(reverse("investigations:attachment", args=[attachment.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    delete = reverse("investigations:attachment_delete", args=[attachment.pk])
    page = unescape(agent_client.get(delete).content.decode())
    assert "Vous allez supprimer la pièce jointe « note.pdf »." in page
    assert agent_client.post(delete).status_code == 302
    assert not problem.attachments.exists()
    # Kept in the history, as the confirmation page says (who added it, who removed it).
    assert [h.history_type for h in attachment.history.order_by("history_date")] == ["+", "-"]


def test_open_data_page_links_the_investigations_files(client):
    page = client.get("/catalogue/donnees/").content.decode()
    assert reverse("investigations:open_data", args=["csv"]) in page
    assert reverse("investigations:open_data", args=["schema.json"]) in page
    schema = client.get(reverse("investigations:open_data", args=["schema.json"])).json()
    assert {field["name"] for field in schema["fields"]} >= {"decision", "projet"}


def test_problem_list_filters(client, team):
    ProblemFactory(title="Cantine", theme="Éducation")
    ProblemFactory(title="Voirie", theme="Voirie", status=ProblemStatus.SELECTED)
    page = client.get(reverse("investigations:problems"), {"status": "retenu"}).content.decode()
    assert "Voirie" in page.split("<tbody>")[1] and "Cantine" not in page.split("<tbody>")[1]
    page = client.get(reverse("investigations:problems"), {"q": "cant"}).content.decode()
    assert "Cantine" in page.split("<tbody>")[1]


def test_team_list_counts_problems_by_theme_and_region(client, team):
    InvestigationFactory()
    response = client.get(reverse("investigations:investigations"))
    html = unescape(response.content.decode())
    assert "<caption>Problèmes par thème</caption>" in html
    assert "<caption>Problèmes par région</caption>" in html
    assert "<td>Déchets</td>" in html


def test_problem_and_its_investigation_have_distinct_page_titles(client, team):
    """A problem and its investigation bear the same name: the <title> says which page is open.

    RGAA 8.6: two open tabs, the browser history and a screen reader's page announcement must
    tell the problem from its investigation (and the team's page from the public one).
    """
    investigation = InvestigationFactory(problem__title="Cantine en ligne", is_public=True)
    pages = {
        "problem": reverse("investigations:problem", args=[investigation.problem.pk]),
        "investigation": reverse("investigations:investigation", args=[investigation.pk]),
        "public": reverse("investigations:public", args=[investigation.pk]),
    }
    titles = {}
    for name, url in pages.items():
        html = unescape(client.get(url).content.decode())
        titles[name] = " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
    assert titles == {
        "problem": "Problème : Cantine en ligne — Fabrique",
        "investigation": "Investigation : Cantine en ligne — Fabrique",
        "public": "Investigation : Cantine en ligne (page publique) — Fabrique",
    }


def test_a_day_entry_is_named_with_a_french_decimal():
    from fabrique.investigations.models import DayEntry

    entry = DayEntry(full_name="Sacha Bernard", day=date(2026, 12, 4), days=Decimal("0.5"))
    assert str(entry) == "Sacha Bernard 04/12/2026 : 0,5 jour"


def test_a_call_closed_while_the_form_was_open_is_said_with_its_dates(agent_client):
    """Audit of issue 14, Bad input « a submission after a call closed », by the form: the
    closed call (no longer offered) was refused as « Sélectionnez un choix valide », which
    says nothing of what to fix; now the service's sentence, with the call's dates."""
    closed = ClosedCallFactory()
    response = agent_client.post(
        reverse("investigations:problem_create"),
        {
            "title": "Cantine",
            "statement": "Texte",
            "collectivites": [str(agent_client.membership.pk)],
            "call": closed.pk,
            "confirmer": "1",
        },
    )
    text = unescape(response.content.decode())
    assert response.status_code == 200
    assert f"L'appel « {closed} » n'est pas ouvert (du {closed.opens_on:%d/%m/%Y}" in text
    assert "choix valide" not in text
    assert not Problem.objects.exists()
    # At the « déjà vu ailleurs » step too: else the closed call, not offered again, was
    # dropped from the form and « Envoyer quand même » filed the problem outside any call.
    checked = agent_client.post(
        reverse("investigations:problem_create"),
        {
            "title": "Cantine",
            "statement": "Texte",
            "collectivites": [str(agent_client.membership.pk)],
            "call": closed.pk,
            "verifier": "1",
        },
    )
    assert f"L'appel « {closed} » n'est pas ouvert" in unescape(checked.content.decode())
    assert 'name="confirmer"' not in checked.content.decode()
    unknown = agent_client.post(
        reverse("investigations:problem_create"),
        {"title": "Cantine", "statement": "Texte", "call": "999999", "confirmer": "1"},
    )
    assert "Cet appel à problématiques n'existe pas" in unescape(unknown.content.decode())
