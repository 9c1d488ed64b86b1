"""What an agent meets in the browser with a sur-mesure request (walk of the agent's role):
a request not answered yet can be corrected or withdrawn; afterwards it cannot."""

import re
from datetime import date
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from fabrique.diagnostics.models import Candidate, Deliverable, Mission, Need
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.factories import CommuneFactory, MembershipFactory, UserFactory
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return CommuneFactory(insee="01004", name="Petiteville", population=1200)


@pytest.fixture
def agent(client, commune):
    user = UserFactory(role=Role.AGENT)
    MembershipFactory(user=user, commune=commune)
    client.force_login(user)
    return user


@pytest.fixture
def requested(commune, agent):
    return services.mission_request(
        collectivite=commune, hopes="Un site", contact_name="Maire", requested_by=agent
    )


def test_the_agent_corrects_the_request_from_the_mission_page(client, requested):
    page = client.get(requested.get_absolute_url()).content.decode()
    edit = reverse("diagnostics:request-edit", args=[requested.pk])
    assert edit in page and "Retirer la demande" in page
    form = client.get(edit).content.decode()
    assert "Un site" in form and 'name="collectivite"' not in form
    bad = client.post(edit, {"hopes": "   ", "contact_name": "Maire"})
    assert "rien n'a été enregistré" in bad.content.decode()
    response = client.post(
        edit,
        {"hopes": "Un site et une messagerie", "contact_name": "Secrétaire", "contact_email": ""},
        follow=True,
    )
    assert "Demande modifiée." in response.content.decode()
    requested.refresh_from_db()
    assert (requested.hopes, requested.contact_name) == ("Un site et une messagerie", "Secrétaire")
    assert requested.history.count() == 2


def test_the_agent_withdraws_the_request_after_a_confirmation_page(client, requested):
    url = reverse("diagnostics:request-withdraw", args=[requested.pk])
    confirm = client.get(url).content.decode()
    assert "Confirmer la suppression" in confirm and "Petiteville" in confirm
    response = client.post(url, follow=True)
    assert "Suppression faite : la demande d&#x27;accompagnement de Petiteville" in (
        response.content.decode()
    )
    assert not Mission.objects.exists()


def test_the_service_refuses_to_change_an_answered_request(requested):
    services.mission_decline(mission=requested, reason="Hors programme")
    with pytest.raises(ValidationError, match="ne peut plus être modifiée"):
        services.mission_request_update(mission=requested, hopes="Autre chose")
    with pytest.raises(ValidationError, match="ne peut plus être retirée"):
        services.mission_request_withdraw(mission=requested)


def test_an_accepted_mission_is_no_longer_a_request_to_change(client, requested):
    services.mission_accept(
        mission=requested, consultant=UserFactory(role=Role.COACH), start=date(2026, 9, 1),
        start_confirmed=True,
    )  # fmt: skip
    page = client.get(requested.get_absolute_url()).content.decode()
    assert "Modifier la demande" not in page
    response = client.post(
        reverse("diagnostics:request-withdraw", args=[requested.pk]), follow=True
    )
    assert "La demande a déjà reçu une réponse (mission « acceptée »)" in response.content.decode()
    assert Mission.objects.filter(pk=requested.pk).exists()


def test_a_consultant_or_another_agent_cannot_change_the_request(client, requested):
    client.force_login(UserFactory(role=Role.AGENT))
    assert client.get(reverse("diagnostics:request-edit", args=[requested.pk])).status_code == 404
    coach = UserFactory(role=Role.COACH)
    requested.consultant = coach
    requested.save()
    client.force_login(coach)
    url = reverse("diagnostics:request-withdraw", args=[requested.pk])
    assert client.post(url).status_code == 403
    assert Mission.objects.filter(pk=requested.pk).exists()


def _delivered(commune, agent):
    mission = services.mission_request(
        collectivite=commune, hopes="Messagerie", requested_by=agent, today=date(2026, 9, 1)
    )
    mission = services.mission_accept(
        mission=mission, consultant=UserFactory(role=Role.COACH), start=date(2026, 9, 1)
    )
    Deliverable.objects.create(mission=mission, version=1, is_final=True, pdf="a.pdf", odt="a.odt")
    Mission.objects.filter(pk=mission.pk).update(status=MissionStatus.DELIVERED)
    return mission


def test_mon_espace_shows_the_agent_what_to_do_on_each_request(client, commune, agent, requested):
    delivered = _delivered(commune, agent)
    html = unescape(client.get("/mon-espace/").content.decode())
    assert "Petiteville (01004) : demande en attente de l'équipe" in html
    answer = reverse("diagnostics:questionnaire-answer", args=[requested.pk])
    assert f'href="{answer}"' in html and "état des lieux à remplir" in html
    assert f'href="{delivered.get_absolute_url()}#livrable"' in html
    assert "livrable final à télécharger" in html
    assert reverse("diagnostics:request") in html


def test_the_agent_lines_of_mon_espace_run_constant_queries(
    client, commune, agent, requested, django_assert_max_num_queries
):
    assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get("/mon-espace/"),
        lambda: [_delivered(commune, agent) for _ in range(5)],
        budget=40,
    )


def test_one_day_left_is_written_in_the_singular(client, commune, agent):
    mission = _delivered(commune, agent)
    Mission.objects.filter(pk=mission.pk).update(status=MissionStatus.IN_PROGRESS)
    for day in range(9):
        services.time_log(
            mission=mission, person=mission.consultant, day=date(2026, 9, 1 + day), half_days=2,
            kind="analyse",
        )  # fmt: skip
    page = " ".join(client.get(mission.get_absolute_url()).content.decode().split())
    assert "il reste 1 jour.</p>" in page


def test_the_agent_reads_kept_funding_without_a_link_to_the_consultants_page(
    client, commune, agent
):
    mission = _delivered(commune, agent)
    need = Need.objects.create(mission=mission, title="Site", theme="site-internet")
    candidate = Candidate.objects.create(
        need=need, name="Site libre", recommended=True, choice_criteria="Coût"
    )
    leads = reverse("diagnostics:leads", args=[candidate.pk])
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "Site libre" in page and leads not in page
    assert client.get(leads).status_code == 403
    client.force_login(mission.consultant)
    assert f'href="{leads}"' in client.get(mission.get_absolute_url()).content.decode()


def test_tables_under_their_own_heading_do_not_repeat_it_as_a_visible_caption(client, requested):
    page = " ".join(client.get(requested.get_absolute_url()).content.decode().split())
    for caption in (
        "Ce que la collectivité utilise aujourd'hui",
        "Classement sur les critères de la grille de la mission",
    ):
        assert re.search(
            rf'<div class="fr-table fr-table--no-caption[^"]*"> <table> <caption>{caption}', page
        ), caption


def test_a_second_request_for_the_same_collectivite_is_asked_to_be_confirmed(
    client, commune, requested
):
    form = client.get(reverse("diagnostics:request")).content.decode()
    assert "Je confirme : c'est une autre demande" not in unescape(form)  # hidden until needed
    sent = {"collectivite": "01004", "hopes": "Une messagerie", "contact_name": ""}
    response = client.post(reverse("diagnostics:request"), sent)
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Une demande pour Petiteville (01004) est déjà ouverte depuis le" in page
    assert "(« demandée ») : si c'est la même" in page
    # The message leads to the first request, which the agent can open; nothing is saved yet,
    # and what was typed is still there.
    assert f'<a href="{requested.get_absolute_url()}">complétez-la</a> plutôt' in page
    assert Mission.objects.count() == 1
    assert "Une messagerie</textarea>" in page
    assert 'type="checkbox" name="confirm_second"' in page
    response = client.post(reverse("diagnostics:request"), {**sent, "confirm_second": "on"},
                           follow=True)  # fmt: skip
    assert Mission.objects.count() == 2
    assert "Demande enregistrée" in unescape(response.content.decode())
    other = CommuneFactory(insee="01005", name="Autreville", population=800)
    MembershipFactory(user=requested.requested_by, commune=other)
    client.post(reverse("diagnostics:request"), {"collectivite": "01005", "hopes": "Un site"})
    assert Mission.objects.filter(commune=other).count() == 1  # no question for another one


def test_a_collectivite_that_is_not_the_agents_is_refused_naming_theirs(client, agent):
    CommuneFactory(insee="69123", name="Lyon", population=520_000)
    response = client.post(reverse("diagnostics:request"), {"collectivite": "69123", "hopes": "x"})
    page = unescape(response.content.decode())
    assert "Lyon (69123) n'est pas l'une de vos collectivités" in page
    assert "que pour vos collectivités (Petiteville (01004))." in page
    assert not Mission.objects.exists()


def test_the_agent_picks_a_collectivite_from_a_list_without_being_told_to_type_it(
    client, agent, commune
):
    """The agent's collectivités are offered as a list: the hint « Nom, code Insee ou SIREN »
    (for the team's free field) would tell them to type into a select."""
    page = client.get(reverse("diagnostics:request")).content.decode()
    assert "<select" in page and "Petiteville (01004)" in page
    assert "Nom, code Insee ou SIREN" not in page


def test_the_second_request_message_reads_as_one_sentence(client, commune, requested):
    """Walk of the agent: DSFR lays an error out as a flex row, so the link « complétez-la » cut
    the sentence into three columns; the sentence is one element."""
    sent = {"collectivite": "01004", "hopes": "Une messagerie", "contact_name": ""}
    page = unescape(client.post(reverse("diagnostics:request"), sent).content.decode())
    assert re.search(r'<li class="fr-error-text">\s*<span>Une demande pour Petiteville', page)
    assert "cochez cette case et envoyez de nouveau.</span>" in page
