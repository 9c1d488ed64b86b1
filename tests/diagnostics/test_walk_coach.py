"""What a consultant stumbled on while walking a mission in the browser (walk of 06/12): the
mission page offers only the steps the mission can take next and a follow-up form only once
its day has come; the deliverable writes dates and populations the French way and names a
nearby solution once."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.catalogue.models import SolutionUse
from fabrique.diagnostics import rules, services
from fabrique.diagnostics.exports import deliverable_odt, deliverable_pdf
from fabrique.diagnostics.services import discovery
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.catalogue.factories import SolutionFactory
from tests.documents import odt_text, pdf_text
from tests.factories import CommuneFactory, EPCIFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH)


@pytest.fixture
def mission(coach):
    epci = EPCIFactory(name="CC des Monts", population=12_345)
    commune = CommuneFactory(name="Petiteville", population=1200, epci=epci)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )
    return services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))


def step_options(response) -> list[str]:
    form = response.context["step_form"]
    return [value for value, _label in form.fields["to"].choices]


def test_step_form_lists_only_the_next_possible_steps(client, coach, mission):
    client.force_login(coach)
    response = client.get(reverse("diagnostics:mission", args=[mission.pk]))
    assert step_options(response) == [MissionStatus.IN_PROGRESS, MissionStatus.ABANDONED]
    html = response.content.decode()
    assert '<option value="demandee"' not in html
    assert "Changer d'étape" in html

    services.mission_move(mission=mission, to=MissionStatus.IN_PROGRESS)
    response = client.get(reverse("diagnostics:mission", args=[mission.pk]))
    # Delivering is marking a deliverable final, never picked here (it would be refused).
    assert step_options(response) == [MissionStatus.ABANDONED]


def test_only_the_team_is_offered_to_decline_a_request(client, coach):
    team = UserFactory(role=Role.INCUBATOR)
    commune = CommuneFactory(name="Bourg", population=900)
    request = services.mission_request(collectivite=commune, hopes="Un site")
    client.force_login(team)
    response = client.get(reverse("diagnostics:mission", args=[request.pk]))
    assert MissionStatus.DECLINED in step_options(response)


def test_no_step_block_once_the_mission_is_closed(client, coach, mission):
    Mission = type(mission)
    Mission.objects.filter(pk=mission.pk).update(status=MissionStatus.CLOSED)
    client.force_login(coach)
    response = client.get(reverse("diagnostics:mission", args=[mission.pk]))
    assert step_options(response) == []
    assert "Changer d'étape" not in response.content.decode()


def test_deliverable_dates_populations_and_nearby_solutions_read_the_french_way(client, mission):
    neighbour = CommuneFactory(epci=mission.commune.epci, departement=mission.commune.departement)
    SolutionUse.objects.create(solution=SolutionFactory(name="Tableur libre"), commune=neighbour)
    discovery.prediagnostic_refresh(mission=mission)
    discovery.training_save(mission=mission, day=date(2026, 9, 8), topic="donnees-ouvertes",
                            audience="Élu·es", attendance=9)  # fmt: skip
    for text in (pdf_text(deliverable_pdf(mission)), odt_text(deliverable_odt(mission))):
        flat = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
        assert "08/09/2026" in flat and "2026-09-08" not in flat
        assert "1 200 habitants" in flat and "12 345 habitants" in flat
        assert flat.count("Tableur libre") == 1

    client.force_login(mission.consultant)
    page = client.get(reverse("diagnostics:mission", args=[mission.pk])).content.decode()
    assert "1\u202f200 habitant·es" in page and "12\u202f345 habitant·es" in page


def test_follow_up_buttons_appear_only_once_the_milestone_has_come(client, coach, mission):
    today = timezone.localdate()
    type(mission).objects.filter(pk=mission.pk).update(
        status=MissionStatus.DELIVERED, delivered_on=today - timedelta(days=100)
    )
    client.force_login(coach)
    html = client.get(reverse("diagnostics:mission", args=[mission.pk])).content.decode()
    assert "Relever le suivi à 3 mois" in html
    assert "Relever le suivi à 6 mois" not in html

    type(mission).objects.filter(pk=mission.pk).update(delivered_on=today)
    html = client.get(reverse("diagnostics:mission", args=[mission.pk])).content.decode()
    assert "Relever le suivi" not in html
    due = f"{rules.follow_up_due_on(today, 3):%d/%m/%Y}"
    assert f"Le suivi à 3 mois pourra être relevé à partir du {due}" in html
    form_page = client.get(reverse("diagnostics:followup-record", args=[mission.pk, 3]))
    assert f"ne pourra être enregistré qu'à partir du {due}" in unescape(form_page.content.decode())


def test_a_catalogue_solution_and_a_different_typed_name_are_refused(client, coach, mission):
    need = services.need_save(mission=mission, title="Cantine en ligne", theme="demarches-en-ligne",
                              scores={"importance": 3, "population": 2, "urgence": 1,
                                      "faisabilite": 3, "cout": 1})  # fmt: skip
    solution = SolutionFactory(name="Moodle")
    client.force_login(coach)
    url = reverse("diagnostics:candidate-add", args=[need.pk])
    response = client.post(url, {"solution": solution.pk, "name": "Autre offre"})
    assert response.status_code == 200
    assert "gardez l'un ou l'autre" in unescape(response.content.decode())
    assert not need.candidates.exists()

    response = client.post(url, {"solution": solution.pk, "name": "moodle"})
    assert response.status_code == 302
    assert need.candidates.get().name == "Moodle"


def test_time_is_corrected_only_while_the_mission_runs(client, coach, mission):
    entry = services.time_log(mission=mission, person=coach, day=date(2026, 9, 2), half_days=2,
                              kind="analyse")  # fmt: skip
    client.force_login(coach)
    page = reverse("diagnostics:mission", args=[mission.pk])
    assert reverse("diagnostics:time-delete", args=[entry.pk]) in client.get(page).text

    type(mission).objects.filter(pk=mission.pk).update(status=MissionStatus.DELIVERED)
    html = client.get(page).text
    assert reverse("diagnostics:time-delete", args=[entry.pk]) not in html
    assert reverse("diagnostics:time-edit", args=[entry.pk]) not in html
    response = client.post(reverse("diagnostics:time-delete", args=[entry.pk]), follow=True)
    assert "ne se corrige que sur une mission acceptée ou en cours" in unescape(response.text)
    assert type(entry).objects.filter(pk=entry.pk).exists()


def test_the_ten_days_warning_is_for_a_mission_still_running(client, coach, mission):
    services.mission_move(mission=mission, to=MissionStatus.IN_PROGRESS)
    for offset in range(10):
        services.time_log(mission=mission, person=coach, day=date(2026, 9, 2 + offset),
                          half_days=2, kind="entretiens")  # fmt: skip
    client.force_login(coach)
    url = reverse("diagnostics:mission", args=[mission.pk])
    assert "10 jours atteints" in unescape(client.get(url).content.decode())
    scores = dict.fromkeys(("importance", "population", "urgence", "faisabilite", "cout"), 1)
    services.need_save(mission=mission, title="Site internet", theme="site-internet",
                       scores=scores)  # fmt: skip
    deliverable = services.deliverable_generate(mission=mission, by=coach)
    services.deliverable_finalize(deliverable=deliverable)
    page = unescape(client.get(url).content.decode())
    assert "10 jours atteints" not in page and "Jours : 10 / 10" in page


def test_the_prediagnostic_page_names_a_nearby_solution_once(client, mission):
    """A solution used in the EPCI is also counted in the département: the page listed it twice,
    « 1 utilisation dans l'EPCI » then « 1 utilisation dans le département »."""
    neighbour = CommuneFactory(epci=mission.commune.epci, departement=mission.commune.departement)
    SolutionUse.objects.create(solution=SolutionFactory(name="Tableur libre"), commune=neighbour)
    discovery.prediagnostic_refresh(mission=mission)
    client.force_login(mission.consultant)
    page = client.get(reverse("diagnostics:mission", args=[mission.pk])).content.decode()
    section = " ".join(unescape(page.split('id="prediagnostic"')[1].split("<h2")[0]).split())
    assert section.count("Tableur libre") == 1
    assert "1 utilisation dans l'EPCI, 1 dans le département" in section


def test_nearby_once_merges_the_epci_and_departement_rows():
    rows = rules.nearby_once([
        {"name": "A", "slug": "a", "count": 2, "scope": "epci", "used_here": False},
        {"name": "B", "slug": "b", "count": 3, "scope": "departement", "used_here": True},
        {"name": "A", "slug": "a", "count": 5, "scope": "departement", "used_here": False},
    ])  # fmt: skip
    assert [(r["name"], r["text"]) for r in rows] == [
        ("A", "2 utilisations dans l'EPCI, 5 dans le département"),
        ("B", "3 utilisations dans le département (la collectivité l'utilise aussi)"),
    ]


def test_the_mission_page_asks_no_unusual_date_confirmation_before_any_date(client, mission):
    """The time form of the side panel drew « Je confirme cette date inhabituelle » as bare
    text under « Note »: the box appears only once a date needs confirming."""
    client.force_login(mission.consultant)
    page = client.get(reverse("diagnostics:mission", args=[mission.pk])).content.decode()
    assert "Saisir le temps" in page
    assert "Je confirme cette date inhabituelle" not in page
