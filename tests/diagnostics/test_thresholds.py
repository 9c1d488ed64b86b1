"""Issue 13, item 1: the eligibility thresholds are dated settings the team changes from its
pages; a mission keeps the rule it was requested under; every page that says « éligible »
(territories, home, API, Mon espace) follows the rule in force — one rule, not two."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from fabrique.diagnostics.models import EligibilityRule
from fabrique.territories import rules as territory_rules
from tests.factories import CommuneFactory, EPCIFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("diagnostics:thresholds")
ADD = reverse("diagnostics:threshold-add")


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


def test_raising_the_commune_threshold_changes_every_page_that_says_eligible(team):
    commune = CommuneFactory(name="Moyenneville", population=4_200)
    epci = EPCIFactory(population=18_000)
    assert not commune.is_eligible and not epci.is_eligible
    page = team.get(commune.get_absolute_url()).content.decode()
    assert "Non éligible à l'accompagnement sur-mesure" in unescape(page)
    today = date.today().isoformat()
    response = team.post(ADD, {"valid_from": today, "commune_threshold": "5000",
                               "epci_threshold": "20000"}, follow=True)  # fmt: skip
    assert "Règle d'éligibilité enregistrée" in unescape(response.content.decode())
    assert commune.is_eligible and epci.is_eligible  # this process follows at once
    page = team.get(commune.get_absolute_url()).content.decode()
    assert "Éligible à l'accompagnement sur-mesure" in unescape(page)
    api = team.get("/api/v1/communes/", {"eligible": "true"}).json()
    assert commune.insee in [row["insee"] for row in api["results"]]
    home = " ".join(team.get("/").content.decode().split())
    assert "de moins de 5 000 habitants" in home and "de moins de 20 000 habitants" in home
    listing = " ".join(team.get(LIST).content.decode().split())
    assert "communes de moins de 5" in listing and "en vigueur" in listing


def test_a_rule_a_mission_was_requested_under_is_kept_as_it_is(team):
    mission = services.mission_request(collectivite=CommuneFactory(population=900), hopes="x")
    rule = mission.rule
    response = team.post(reverse("diagnostics:threshold-edit", args=[rule.pk]), {
        "valid_from": rule.valid_from.isoformat(), "commune_threshold": "9000",
        "epci_threshold": "15000",
    })  # fmt: skip
    assert "Cette règle a servi à 1 mission," in response.content.decode()
    rule.refresh_from_db()
    assert rule.commune_threshold == 3_500
    response = team.post(reverse("diagnostics:threshold-delete", args=[rule.pk]), follow=True)
    assert "ne peut pas être supprimée" in response.content.decode()
    assert EligibilityRule.objects.filter(pk=rule.pk).exists()


def test_an_unused_future_rule_is_corrected_then_deleted(team):
    later = date.today() + timedelta(days=30)
    rule = services.eligibility_rule_save(
        valid_from=later, commune_threshold=4_000, epci_threshold=16_000
    )
    assert territory_rules.thresholds().commune == 3_500  # not in force yet
    assert "à venir" in team.get(LIST).content.decode()
    team.post(reverse("diagnostics:threshold-edit", args=[rule.pk]), {
        "valid_from": later.isoformat(), "commune_threshold": "4500",
        "epci_threshold": "16000",
    })  # fmt: skip
    rule.refresh_from_db()
    assert rule.commune_threshold == 4_500
    team.post(reverse("diagnostics:threshold-delete", args=[rule.pk]))
    assert not EligibilityRule.objects.filter(pk=rule.pk).exists()


def test_bad_thresholds_are_refused_in_french_and_nothing_is_saved(team):
    today = date.today().isoformat()
    response = team.post(ADD, {"valid_from": today, "commune_threshold": "0",
                               "epci_threshold": "15000"})  # fmt: skip
    assert response.status_code == 200 and not EligibilityRule.objects.exists()
    services.eligibility_rule_save(
        valid_from=date.today(), commune_threshold=3_500, epci_threshold=15_000
    )
    response = team.post(ADD, {"valid_from": today, "commune_threshold": "4000",
                               "epci_threshold": "15000"})  # fmt: skip
    assert "Une règle entre déjà en vigueur à cette date" in response.content.decode()
    assert EligibilityRule.objects.count() == 1


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_only_the_team_changes_the_thresholds(client, role):
    rule = services.eligibility_rule_save(
        valid_from=date.today() + timedelta(days=5), commune_threshold=4_000, epci_threshold=16_000
    )
    client.force_login(UserFactory(role=role))
    for url in (LIST, ADD, reverse("diagnostics:threshold-edit", args=[rule.pk]),
                reverse("diagnostics:threshold-delete", args=[rule.pk])):  # fmt: skip
        assert client.get(url).status_code == 403
    assert client.post(reverse("diagnostics:threshold-delete", args=[rule.pk])).status_code == 403
    assert EligibilityRule.objects.filter(pk=rule.pk).exists()
