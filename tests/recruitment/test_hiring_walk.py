"""What the hiring team and the applicants read along a recruitment, walked as the incubator's
chargé·e de projets: the offer page of a draft, a refused move in the pipeline, duplicate
applicants, filling an offer into the project's team, statistics, the feed."""

import csv
import io
from datetime import date, timedelta
from html import unescape

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.portfolio.models import TeamMember
from fabrique.recruitment import services
from fabrique.recruitment.rules import not_accepting_reason, stage_problem
from fabrique.recruitment.vocabulary import Contract, OfferStatus, Stage
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import ApplicationFactory, JobOfferFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 6)


def page(client, url) -> str:
    return " ".join(unescape(client.get(url).content.decode()).split())


@pytest.fixture
def staff(client):
    user = UserFactory(role=Role.INCUBATOR)
    client.force_login(user)
    return user


# --- an offer that takes no application says why --------------------------------------------


def test_why_an_offer_takes_no_application():
    later = TODAY + timedelta(days=10)
    assert not_accepting_reason(OfferStatus.PUBLISHED, TODAY, None, TODAY) == ""
    assert "brouillon" in not_accepting_reason(OfferStatus.DRAFT, TODAY, None, TODAY)
    assert not_accepting_reason(OfferStatus.PUBLISHED, later, None, TODAY) == (
        "Les candidatures à cette offre ouvrent le 16/12/2026."
    )
    assert "pourvue" in not_accepting_reason(OfferStatus.FILLED, TODAY, None, TODAY)
    past = not_accepting_reason(OfferStatus.PUBLISHED, date(2026, 1, 1), date(2026, 2, 1), TODAY)
    assert past == "Cette offre est fermée : elle n'accepte plus de candidatures."


def test_a_draft_offer_page_does_not_say_it_was_published_or_closed(client, staff):
    draft = JobOfferFactory(status=OfferStatus.DRAFT, opens_on=timezone.localdate())
    html = page(client, draft.get_absolute_url())
    assert "n'accepte plus" not in html and "Publiée le" not in html
    assert "Cette offre est un brouillon" in html and "Ouverture prévue le" in html


def test_an_offer_opening_later_tells_when_applications_open(client):
    opens = timezone.localdate() + timedelta(days=3)
    offer = JobOfferFactory(opens_on=opens, closes_on=opens + timedelta(days=30))
    html = page(client, offer.get_absolute_url())
    assert f"Les candidatures à cette offre ouvrent le {opens:%d/%m/%Y}." in html
    assert "n'accepte plus" not in html


# --- the pipeline says what to do when a move is refused --------------------------------------


def test_a_refused_move_says_what_to_do_instead():
    assert stage_problem(Stage.INTERVIEW, Stage.OFFER) == ""
    assert "déjà à l'étape « Reçue »" in stage_problem(Stage.RECEIVED, Stage.RECEIVED)
    reopen = stage_problem(Stage.REJECTED, Stage.INTERVIEW)
    assert "« Reçue » ou « Présélection »" in reopen


def test_moving_a_refused_application_to_interview_explains_how(client, staff):
    application = ApplicationFactory(stage=Stage.REJECTED, rejection_reason="Profil")
    response = client.post(
        application.get_absolute_url(), {"action": "move", "stage": Stage.INTERVIEW}
    )
    html = unescape(response.content.decode())
    assert "n'est pas possible" not in html
    assert "se rouvre d'abord à l'étape « Reçue » ou « Présélection »" in html
    with pytest.raises(ValidationError):
        services.application_move(application=application, stage=Stage.REJECTED, by=staff)


def test_the_refusal_message_says_the_email_was_sent(client, staff):
    application = ApplicationFactory(email="lea@example.org")
    response = client.post(
        application.get_absolute_url(),
        {"action": "move", "stage": Stage.REJECTED, "reason": "Autre profil", "send_email": "on"},
        follow=True,
    )
    assert "Le courriel de refus part à lea@example.org." in unescape(response.content.decode())


# --- duplicate applicants --------------------------------------------------------------------


def test_the_pipeline_tells_a_second_application_to_the_same_offer_apart(client, staff):
    offer = JobOfferFactory()
    ApplicationFactory(offer=offer, email="lea@example.org", name="Léa une")
    ApplicationFactory(offer=offer, email="lea@example.org", name="Léa deux")
    ApplicationFactory(email="lea@example.org")
    ApplicationFactory(email="lea@example.org")
    ApplicationFactory(offer=offer, email="seule@example.org", name="Seule")
    html = page(client, reverse("recruitment:pipeline", args=[offer.slug]))
    assert html.count("a déjà candidaté à cette offre ; a candidaté à 2 autres offres") == 2
    assert "d'autres offres" not in html


def test_a_project_team_does_not_learn_of_applications_to_other_teams(client):
    project = ProjectFactory()
    member = UserFactory(role=Role.SERVICE_OWNER)
    TeamMember.objects.create(
        project=project, user=member, full_name="M", role="intrapreneur", start=TODAY
    )
    offer = JobOfferFactory(project=project)
    ApplicationFactory(offer=offer, email="lea@example.org")
    ApplicationFactory(email="lea@example.org")  # to an offer of the incubator
    client.force_login(member)
    html = page(client, reverse("recruitment:pipeline", args=[offer.slug]))
    assert "candidaté à" not in html and "a déjà candidaté" not in html


def test_a_candidate_who_sends_again_is_seen_in_the_list_and_on_each_application(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    offer = JobOfferFactory(opens_on=timezone.localdate() - timedelta(days=3), closes_on=None)
    sent = {"offer": offer, "name": "Léa", "message": "Bonjour", "consent": True}
    with django_capture_on_commit_callbacks(execute=True):
        first = services.application_submit(email="Lea@Example.org", **sent)
    assert "Vous aviez déjà candidaté" not in mailoutbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        second = services.application_submit(email="lea@example.org", **sent)
    assert first.email == second.email == "lea@example.org"
    assert "Vous aviez déjà candidaté à cette offre" in mailoutbox[-1].body
    ApplicationFactory(offer=offer, email="seule@example.org", name="Seule")
    listed = page(client, reverse("recruitment:applications"))
    assert listed.count("a déjà candidaté à cette offre") == 2
    detail = page(client, second.get_absolute_url())
    assert "la personne a envoyé de nouveau sa candidature" in detail
    assert first.get_absolute_url() in detail and "d'autres offres" not in detail
    alone = page(client, reverse("recruitment:applications") + "?etape=recue")
    assert alone.count("a déjà candidaté à cette offre") == 2


# --- filling an offer into the project's team ------------------------------------------------


def test_a_freelance_hired_on_a_freelance_mission_joins_the_team_as_freelance(client, staff):
    project = ProjectFactory(name="Guichet solidaire")
    offer = JobOfferFactory(project=project, contract=Contract.FREELANCE)
    application = ApplicationFactory(offer=offer, name="Léa Martin", stage=Stage.OFFER)
    response = client.post(
        application.get_absolute_url(),
        {"action": "fill", "add_to_team": "on", "team_role": "deploiement"},
        follow=True,
    )
    member = TeamMember.objects.get(project=project)
    assert member.is_freelance  # paid on service fait, like the other freelancers
    assert member.history.first().history_user == staff
    html = unescape(response.content.decode())
    assert "Léa Martin rejoint l'équipe de Guichet solidaire" in html


def test_a_salaried_hire_joins_the_team_as_an_agent(staff):
    offer = JobOfferFactory(project=ProjectFactory(), contract=Contract.EMPLOYEE)
    application = ApplicationFactory(offer=offer)
    member = services.offer_fill(
        application=application, by=staff, add_to_team=True, team_role="developpeur"
    )
    assert member.is_freelance is False and member.role == "developpeur"


def test_an_incubator_offer_is_filled_without_a_project_team_to_join(client, staff):
    application = ApplicationFactory(offer=JobOfferFactory(project=None))
    html = page(client, application.get_absolute_url())
    assert "Ajouter la personne à l'équipe" not in html
    response = client.post(application.get_absolute_url(), {"action": "fill"}, follow=True)
    assert "L'offre est pourvue par cette candidature." in unescape(response.content.decode())
    application.offer.refresh_from_db()
    assert application.offer.status == OfferStatus.FILLED
    assert not TeamMember.objects.exists()


# --- the applicant's form ----------------------------------------------------------------------


def test_a_refusal_without_a_field_to_fix_does_not_ask_to_fix_fields(client):
    offer = JobOfferFactory()
    for index in range(3):
        ApplicationFactory(offer=offer, email="same@example.org", name=f"N{index}")
    response = client.post(
        offer.get_absolute_url(),
        {"name": "N", "email": "same@example.org", "message": "Bonjour", "consent": "on"},
    )
    html = " ".join(unescape(response.content.decode()).split())
    assert "Trop de candidatures" in html
    assert "corrigez les champs signalés" not in html
    assert "La candidature n'a pas été envoyée." in html


# --- statistics and feed -----------------------------------------------------------------------


def test_statistics_give_applications_per_offer(client, staff):
    first, second = JobOfferFactory(), JobOfferFactory()
    for _ in range(3):
        ApplicationFactory(offer=first)
    ApplicationFactory(offer=second)
    html = page(client, reverse("recruitment:statistics"))
    assert "Candidatures par offre" in html and "<td>2,0</td>" in html
    export = client.get(reverse("recruitment:statistics-export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Trimestre", "Offres publiées", "Candidatures", "Candidatures par offre"]
    assert rows[1][1:4] == ["2", "4", "2,0"]
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("recruitment:statistics-export", args=["xlsx"])).content)
    )
    assert list(workbook.active.iter_rows(values_only=True))[1][1:4] == (2, 4, 2.0)


def test_the_feed_dates_an_offer_from_its_opening_not_its_import(client):
    opened = timezone.localdate() - timedelta(days=20)
    JobOfferFactory(opens_on=opened, closes_on=opened + timedelta(days=60))
    feed = client.get(reverse("recruitment:feed")).content.decode()
    assert f"<published>{opened.isoformat()}T" in feed


def test_applications_caption_counts_what_is_listed_and_the_empty_list_says_where_they_come_from(
    client, staff
):
    """« Les 50 plus récentes : reçue » above a single row said neither how many there were nor
    where the stage filter stood; an empty stage said nothing of what to do."""
    offer = JobOfferFactory()
    ApplicationFactory(offer=offer, name="Seule")
    listed = " ".join(page(client, reverse("recruitment:applications") + "?etape=recue").split())
    assert "1 candidature à l'étape « reçue »" in listed
    assert "Les 50 plus récentes" not in listed
    empty = " ".join(page(client, reverse("recruitment:applications") + "?etape=refusee").split())
    assert "Aucune candidature à cette étape" in empty
    assert "0 candidature à l'étape" in empty  # French: no plural under 2
    assert reverse("recruitment:manage") in empty
