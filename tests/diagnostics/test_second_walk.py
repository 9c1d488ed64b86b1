"""Left alone by a first walk of the sur-mesure missions, fixed on a second one: a request not
accepted (or declined) documented like a running mission, dates of interviews, time and
trainings outside the mission, a training of nobody, « 0 décisions », an interview form with
no one to choose, a 300-character title that widens the tables, a rank past the last need,
the EPCI said twice and the report's context in two orders."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.core.dates import done_day_problem
from fabrique.diagnostics import rules, services
from fabrique.diagnostics.exports import deliverable_odt, deliverable_pdf
from fabrique.diagnostics.services import discovery
from fabrique.investigations.rules import day_date_problem
from tests.documents import odt_text, pdf_text
from tests.factories import CommuneFactory, EPCIFactory, UserFactory

pytestmark = pytest.mark.django_db

SCORES = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}
TODAY = date(2026, 10, 15)


@pytest.fixture
def team():
    return UserFactory(role=Role.INCUBATOR)


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH)


@pytest.fixture
def commune():
    epci = EPCIFactory(name="CC des Monts", population=9_000)
    return CommuneFactory(insee="01004", name="Petiteville", population=1200, epci=epci)


@pytest.fixture
def request_(commune):
    return services.mission_request(collectivite=commune, hopes="Un site internet")


@pytest.fixture
def mission(request_, coach):
    return services.mission_accept(
        mission=request_, consultant=coach, start=date(2026, 9, 1), start_confirmed=True
    )


def _need(mission, title="Site", **kwargs):
    return services.need_save(mission=mission, title=title, theme="site-internet",
                              scores=SCORES, **kwargs)  # fmt: skip


# --- A request not accepted, or declined, is not documented ----------------------------------


def _document_everything(mission):
    """Every write that documents a mission, each expected to be refused."""
    return [
        lambda: discovery.person_save(mission=mission, role="agent"),
        lambda: discovery.tool_save(mission=mission, name="Tableur", kind="logiciel"),
        lambda: discovery.training_save(mission=mission, day=date(2026, 9, 2), topic="autre",
                                        audience="Agents", attendance=3),
        lambda: _need(mission),
        lambda: services.deliverable_generate(mission=mission, by=None),
    ]  # fmt: skip


@pytest.mark.parametrize("declined", [False, True])
def test_a_request_not_accepted_or_declined_receives_no_people_tools_needs_or_report(
    request_, declined
):
    if declined:
        services.mission_decline(mission=request_, reason="Hors programme")
    for write in _document_everything(request_):
        with pytest.raises(ValidationError) as error:
            write()
        expected = "a été refusée" if declined else "n'est pas encore acceptée"
        assert expected in " ".join(error.value.messages)
    assert not request_.people.exists() and not request_.needs.exists()
    assert not request_.tools.exists() and not request_.deliverables.exists()


@pytest.mark.parametrize("status", ["hors-criteres", "refusee"])
def test_the_team_sees_no_button_to_document_a_request_or_a_declined_mission(client, team, status):
    large = CommuneFactory(population=50_000)
    mission = services.mission_request(collectivite=large, hopes="Refaire le site")
    assert mission.status == "hors-criteres"
    if status == "refusee":
        services.mission_decline(mission=mission, reason="Trop grande")
    client.force_login(team)
    page = client.get(mission.get_absolute_url()).text
    for button in ("Ajouter une personne", "Ajouter un outil", "Ajouter un besoin",
                   "Ajouter une formation", "Produire le rapport"):  # fmt: skip
        assert button not in page
    # Typed by its URL, the page goes back to the mission and says why nothing is saved.
    response = client.post(
        reverse("diagnostics:need-add", args=[mission.pk]),
        {"title": "Site", "theme": "site-internet",
         **{f"score_{key}": value for key, value in SCORES.items()}},
        follow=True,
    )  # fmt: skip
    assert "se saisissent une fois la mission confiée" in response.text or (
        "a été refusée" in response.text
    )
    assert not mission.needs.exists()


def test_an_accepted_mission_keeps_its_buttons(client, team, mission):
    client.force_login(team)
    page = client.get(mission.get_absolute_url()).text
    assert "Ajouter une personne" in page and "Ajouter un besoin" in page


# --- Dates: from the mission's start to today, for time, interviews and trainings ----------


def test_one_rule_for_a_day_already_done_shared_with_the_investigations():
    start = date(2026, 9, 1)
    assert done_day_problem(date(2026, 9, 5), start, TODAY, start_of="de la mission",
                            recorded="x") == ""  # fmt: skip
    assert "avant le début de la mission (01/09/2026)" in rules.day_problem(
        date(2026, 8, 31), start, TODAY, "interview"
    )
    assert "à venir : une formation se saisit une fois donnée" in rules.day_problem(
        date(2026, 10, 16), start, TODAY, "training"
    )
    assert "avant le début de l'investigation" in day_date_problem(date(2026, 8, 1), start, TODAY)
    assert "à venir" in day_date_problem(date(2026, 11, 1), start, TODAY)


def test_an_interview_before_the_start_or_in_the_future_is_refused(mission):
    person = discovery.person_save(mission=mission, role="elu")
    for day in (date(2026, 8, 20), date(2026, 10, 20)):
        with pytest.raises(ValidationError) as error:
            discovery.interview_save(mission=mission, day=day, mode="visio", people=[person],
                                     today=TODAY)  # fmt: skip
        assert "day" in error.value.error_dict
    discovery.interview_save(mission=mission, day=date(2026, 9, 2), mode="visio",
                             people=[person], today=TODAY)  # fmt: skip


def test_a_training_in_the_future_is_refused(mission):
    with pytest.raises(ValidationError) as error:
        discovery.training_save(mission=mission, day=date(2026, 10, 20), topic="autre",
                                audience="Élus", attendance=4, today=TODAY)  # fmt: skip
    assert "à venir" in error.value.message_dict["day"][0]


def test_time_in_the_future_is_refused(mission, coach):
    with pytest.raises(ValidationError) as error:
        services.time_log(mission=mission, person=coach, day=date(2026, 10, 20), half_days=1,
                          kind="analyse", today=TODAY)  # fmt: skip
    assert "à venir : le temps se saisit une fois passé" in error.value.message_dict["day"][0]
    services.time_log(mission=mission, person=coach, day=date(2026, 10, 15), half_days=1,
                      kind="analyse", today=TODAY)  # fmt: skip


# --- A training has participants; French plurals ---------------------------------------------


def test_a_training_of_zero_participants_is_refused_in_the_form_and_the_service(
    client, mission, coach
):
    with pytest.raises(ValidationError) as error:
        discovery.training_save(mission=mission, day=date(2026, 9, 2), topic="autre",
                                audience="Élus", attendance=0)  # fmt: skip
    assert error.value.message_dict["attendance"] == [
        "Indiquez le nombre de participant·es : au moins 1."
    ]
    client.force_login(coach)
    response = client.post(
        reverse("diagnostics:training-add", args=[mission.pk]),
        {"day": "2026-09-02", "topic": "autre", "audience": "Élus", "attendance": "0"},
    )
    assert "au moins 1" in response.text and not mission.trainings.exists()
    # Both problems at once: the date to come and nobody there.
    later = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client.post(
        reverse("diagnostics:training-add", args=[mission.pk]),
        {"day": later, "topic": "autre", "audience": "Élus", "attendance": "0"},
    )
    assert "au moins 1" in response.text and "est à venir" in response.text


@pytest.mark.parametrize(("count", "text"), [
    (0, "0 décision"), (1, "1 décision"), (2, "2 décisions")
])  # fmt: skip
def test_french_plural_takes_the_singular_under_two(count, text):
    template = Template("{% load french %}{{ n }} décision{{ n|pluriel }}")
    assert template.render(Context({"n": count})) == text


def test_the_pages_of_the_missions_do_not_use_djangos_english_plural():
    folder = Path(settings.BASE_DIR) / "fabrique" / "templates" / "diagnostics"
    offenders = [p.name for p in folder.glob("*.html") if "|pluralize" in p.read_text()]
    assert offenders == []


# --- The interview form with no one met yet -------------------------------------------------


def test_the_interview_form_says_to_add_a_person_first(client, mission, coach):
    client.force_login(coach)
    page = client.get(reverse("diagnostics:interview-add", args=[mission.pk])).text
    assert "ajoutez d&#x27;abord une personne" in page or "ajoutez d'abord une personne" in page
    assert reverse("diagnostics:person-add", args=[mission.pk]) in page


# --- A rank placed by hand is one of the mission's ranks -------------------------------------


def test_a_rank_past_the_last_need_is_refused(client, mission, coach):
    needs = [_need(mission, title=f"Besoin {i}") for i in range(3)]
    with pytest.raises(ValidationError) as error:
        services.need_place(need=needs[0], position=99, justification="Urgent")
    assert error.value.message_dict["position"] == [
        "Le rang choisi va de 1 à 3, le nombre de besoins de la mission : 99 n'existe pas."
    ]
    services.need_place(need=needs[0], position=3, justification="Moins urgent")
    client.force_login(coach)
    response = client.post(
        reverse("diagnostics:need-edit", args=[needs[1].pk]),
        {"title": "Renommé", "theme": "site-internet",
         **{f"score_{key}": value for key, value in SCORES.items()},
         "rang-position": "0", "rang-justification": "Pourquoi pas"},
    )  # fmt: skip
    assert "Le rang choisi va de 1 à 3" in response.text
    needs[1].refresh_from_db()
    assert needs[1].title == "Besoin 1" and needs[1].manual_position is None


# --- A long title without spaces stays inside the page and the PDF ---------------------------


def test_a_title_without_spaces_breaks_inside_the_table(client, mission, coach):
    title = "A" * 300
    _need(mission, title=title)
    client.force_login(coach)
    page = client.get(mission.get_absolute_url()).text
    assert '<td class="fabrique-break">' in page
    # In the PDF the word is cut on several lines instead of running past the page.
    assert title not in pdf_text(deliverable_pdf(mission))


# --- The pre-diagnostic of an EPCI; the same context in the PDF and the ODT ------------------


def test_the_prediagnostic_of_an_epci_names_it_once(client, team):
    epci = EPCIFactory(name="CC du Haut-Pays", population=8_000)
    CommuneFactory(epci=epci)
    mission = services.mission_request(
        collectivite=epci, hopes="Des démarches en ligne", today=date(2026, 9, 1)
    )
    services.mission_accept(mission=mission, consultant=team, start=date(2026, 9, 1))
    mission.refresh_from_db()
    assert mission.prediagnostic.data["epci"] is None
    client.force_login(team)
    page = client.get(mission.get_absolute_url()).text
    assert "<li>EPCI : CC du Haut-Pays" not in page


def test_the_pdf_and_the_odt_give_the_context_in_the_same_order(mission):
    _need(mission)
    pdf = pdf_text(deliverable_pdf(mission))
    odt = odt_text(deliverable_odt(mission))
    markers = ["Population : 1", "Références des données", "est éligible",
               "Ce que la collectivité espère", "OPSN du département"]  # fmt: skip
    for text in (pdf, odt):
        positions = [text.index(marker) for marker in markers]
        assert positions == sorted(positions), text[:600]


def test_a_declined_request_takes_no_questionnaire_answers(client, request_, team):
    services.mission_decline(mission=request_, reason="Hors programme")
    with pytest.raises(ValidationError) as error:
        discovery.questionnaire_answer(mission=request_, raw={"site": "non"})
    assert "ne se remplit plus" in " ".join(error.value.messages)
    client.force_login(team)
    page = client.get(request_.get_absolute_url()).text
    assert "Répondre au questionnaire" not in page
    assert "Calculer le pré-diagnostic" not in page
    assert "La demande a été refusée : la mission ne reçoit ni personnes" in page


def test_a_person_without_a_name_is_called_by_the_role_once(client, mission, coach):
    discovery.person_save(mission=mission, role="habitant")
    discovery.person_save(mission=mission, role="agent", service="Secrétariat")
    discovery.person_save(mission=mission, role="elu", name="Le maire")
    client.force_login(coach)
    page = client.get(mission.get_absolute_url()).text
    assert "Habitant·e — Habitant·e" not in page
    assert "Agent (Secrétariat) — Agent" not in page
    assert "Le maire — Élu·e" in page
