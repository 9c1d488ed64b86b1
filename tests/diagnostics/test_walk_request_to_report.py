"""Found while walking a mission from the request to the report read by the élu, as the agent,
the team and the consultant (an EPCI, a large city, the days ledger, the deliverable)."""

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from fabrique.diagnostics.exports import deliverable_odt, deliverable_pdf
from fabrique.territories.models import Departement
from tests.documents import odt_text, pdf_text
from tests.factories import CommuneFactory, DepartementFactory, EPCIFactory, UserFactory

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


@pytest.fixture
def epci_mission():
    coach = UserFactory(role=Role.COACH, first_name="Sacha", last_name="Bernard")
    epci = EPCIFactory(name="Communauté de communes du Pays d'Urfé", population=5212)
    loire = DepartementFactory(code="42", name="Loire")
    CommuneFactory(epci=epci, departement=loire, population=1500)
    mission = services.mission_request(collectivite=epci, hopes="Un site", today=date(2026, 9, 1))
    mission = services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    services.need_save(mission=mission, title="Site", theme="site-internet",
                       scores={"importance": 3, "population": 2, "urgence": 1,
                               "faisabilite": 3, "cout": 1})  # fmt: skip
    return mission


def test_the_report_of_an_epci_names_its_departement_author_and_days_in_french(epci_mission):
    coach = epci_mission.consultant
    for day in (1, 2, 3):
        services.time_log(mission=epci_mission, person=coach, day=date(2026, 9, day),
                          half_days=2, kind="analyse")  # fmt: skip
    services.time_log(mission=epci_mission, person=coach, day=date(2026, 9, 4), half_days=1,
                      kind="redaction")  # fmt: skip
    region = Departement.objects.get(code="42").region.name
    pdf = _flat(pdf_text(deliverable_pdf(epci_mission)))
    odt = _flat(odt_text(deliverable_odt(epci_mission)))
    for text in (pdf, odt):
        assert f"Département : Loire (région {region})." in text
        assert "par Sacha Bernard." in text
        assert "3,5 jours utilisés sur 10." in text
        assert "3.5" not in text


def test_a_consultant_logs_one_day_at_most_per_date_whatever_the_mission(epci_mission, client):
    coach = epci_mission.consultant
    other = services.mission_accept(
        mission=services.mission_request(collectivite=CommuneFactory(population=800),
                                         hopes="Une messagerie", today=date(2026, 9, 1)),
        consultant=coach, start=date(2026, 9, 1),
    )  # fmt: skip
    services.time_log(mission=epci_mission, person=coach, day=date(2026, 9, 7), half_days=1,
                      kind="entretiens")  # fmt: skip
    client.force_login(coach)
    url = reverse("diagnostics:time-add", args=[other.pk])
    data = {"day": "2026-09-07", "half_days": "2", "kind": "analyse", "note": "Analyse"}
    page = unescape(client.post(url, data).content.decode())
    assert "Sacha Bernard a déjà 0,5 jour le 07/09/2026 : une journée au plus par date" in page
    assert other.time_entries.count() == 0
    assert "2 jours</option>" not in page  # a day at most per entry
    with pytest.raises(ValidationError):
        services.time_log(mission=other, person=coach, day=date(2026, 9, 8), half_days=4,
                          kind="analyse")  # fmt: skip
    done = client.post(url, {**data, "half_days": "1"}, follow=True)
    assert "Temps enregistré." in done.content.decode()
    assert services.days_used(other) == Decimal("0.5")


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_request_says_once_what_comes_next_to_whoever_filed_it(client):
    from tests.factories import MembershipFactory

    lyon = CommuneFactory(insee="69123", name="Lyon", population=516_092)
    small = CommuneFactory(insee="42001", name="Aboën", population=439)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("diagnostics:request")
    shown = _messages(client.post(url, {"collectivite": "69123", "hopes": "Un site"}, follow=True))
    assert shown == [
        "Demande enregistrée « hors critères » : acceptez-la à titre exceptionnel ou refusez-la "
        "avec un motif."
    ]
    shown = _messages(client.post(url, {"collectivite": "42001", "hopes": "Un site"}, follow=True))
    assert shown == [
        "Demande enregistrée pour Aboën (42001) : acceptez-la en confiant la mission à un·e "
        "consultant·e, ou refusez-la avec un motif."
    ]
    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, commune=lyon)
    MembershipFactory(user=agent, commune=small)
    client.force_login(agent)
    # The team's requests are still open: the agent confirms this is another request.
    again = {"hopes": "Un site", "confirm_second": "on"}
    shown = _messages(client.post(url, {"collectivite": "69123", **again}, follow=True))
    assert shown[-1] == (
        "Demande enregistrée « hors critères » : l'équipe de l'incubateur l'examine et vous répond."
    )
    assert not any("vous répond." in message for message in shown[:-1])
    shown = _messages(client.post(url, {"collectivite": "42001", **again}, follow=True))
    assert shown[-1] == "Demande enregistrée : l'équipe de l'incubateur vous répond."


def test_needs_of_the_same_title_found_elsewhere_say_where_they_were_found(client, epci_mission):
    from fabrique.diagnostics.services import discovery
    from fabrique.synergies.selectors import forget_text_index

    team = UserFactory(role=Role.INCUBATOR)
    scores = dict.fromkeys(("importance", "population", "urgence", "faisabilite", "cout"), 1)
    for name in ("Aboën", "Noirétable"):
        other = services.mission_accept(
            mission=services.mission_request(
                collectivite=CommuneFactory(name=name, departement=DepartementFactory(code="42")),
                hopes="Une messagerie", today=date(2026, 9, 1)),
            consultant=epci_mission.consultant, start=date(2026, 9, 1),
        )  # fmt: skip
        services.need_save(mission=other, title="Messagerie sur le domaine de la commune",
                           theme="messagerie", scores=scores)  # fmt: skip
    epci_mission.hopes = "Une messagerie sur le domaine de la commune"
    epci_mission.save()
    forget_text_index()
    discovery.prediagnostic_refresh(mission=epci_mission, by=team)
    client.force_login(team)
    page = _flat(unescape(client.get(epci_mission.get_absolute_url()).content.decode()))
    assert "Messagerie sur le domaine de la commune</a> — Aboën (42)" in page
    assert "Messagerie sur le domaine de la commune</a> — Noirétable (42)" in page


def test_the_agent_reads_where_the_report_will_be_and_which_mission_was_delivered_when(
    client, epci_mission
):
    from tests.factories import MembershipFactory

    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, epci=epci_mission.epci)
    coach = epci_mission.consultant
    services.time_log(mission=epci_mission, person=coach, day=date(2026, 9, 2), half_days=2,
                      kind="analyse")  # fmt: skip
    draft = services.deliverable_generate(mission=epci_mission, by=coach)
    client.force_login(agent)
    page = _flat(unescape(client.get(epci_mission.get_absolute_url()).content.decode()))
    section = page.split('id="livrable">Livrable</h2>')[1].split("</ul>")[0]
    assert "Le rapport n'est pas encore livré : sa version finale se téléchargera ici." in section
    assert reverse("diagnostics:deliverable-file", args=[draft.pk, "pdf"]) not in page
    services.deliverable_finalize(deliverable=draft, today=date(2026, 10, 20))
    home = _flat(unescape(client.get("/mon-espace/").content.decode()))
    assert re.search(r"livrable final à télécharger</a> <span[^>]*>— mission livrée le 20/10/2026",
                     home)  # fmt: skip


def test_a_new_rule_on_the_date_of_one_kept_by_missions_asks_for_another_date(epci_mission):
    kept = epci_mission.rule
    with pytest.raises(ValidationError) as error:
        services.eligibility_rule_save(valid_from=kept.valid_from, commune_threshold=5000,
                                       epci_threshold=20000)  # fmt: skip
    message = " ".join(error.value.messages)
    assert "des missions la gardent : choisissez une autre date d'entrée en vigueur." in message
    assert "modifiez-la" not in message


def test_a_request_is_never_accepted_without_a_consultant_from_the_step_box(client):
    from fabrique.diagnostics.vocabulary import MissionStatus

    lyon = CommuneFactory(insee="69123", name="Lyon", population=516_092)
    mission = services.mission_request(collectivite=lyon, hopes="Un site", today=date(2026, 9, 1))
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(mission.get_absolute_url()).content.decode()
    step_box = page.split('name="to"')[1].split("</select>")[0]
    assert 'value="acceptee"' not in step_box and 'value="refusee"' in step_box
    response = client.post(reverse("diagnostics:step", args=[mission.pk]),
                           {"to": "acceptee", "reason": ""}, follow=True)  # fmt: skip
    assert "utilisez « Accepter la demande »" in unescape(response.content.decode())
    mission.refresh_from_db()
    assert mission.status == MissionStatus.OUT_OF_CRITERIA and mission.consultant is None
