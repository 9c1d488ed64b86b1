"""Issue 12, layout defects seen in the browser, each pinned on the rendered HTML."""

import re
from datetime import date

import pytest

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import CommitteeFactory, PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    return client


def test_the_project_list_shows_each_project_once(team):
    project = ProjectFactory(name="Cantine ouverte")
    PhaseFactory(project=project, start=date(2025, 1, 1))
    html = team.get("/projets/").content.decode()
    visible = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    visible = re.sub(r"<svg.*?</svg>", "", visible, flags=re.S)
    assert visible.count(">Cantine ouverte</a>") == 1
    assert "Données de la frise" in html  # the chart's data stays available, folded


def test_dashboard_list_headings_are_not_repeated_by_their_caption(team):
    project = ProjectFactory()
    PhaseFactory(project=project, start=date(2024, 1, 1))
    CommitteeFactory(projects=[project], date=date(2024, 2, 1))
    html = team.get("/portefeuille/").content.decode()
    assert '<caption class="fr-sr-only">Comités en retard</caption>' in html


def test_only_one_menu_item_is_current_on_mon_espace(team):
    html = team.get("/mon-espace/").content.decode()
    nav = html[html.index('id="navigation"') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.count('aria-current="page"') == 1
    assert re.search(r'aria-current="page">\s*Mon espace', nav)


def test_region_and_departement_filters_are_lists_of_real_territories(team, territories):
    html = team.get("/projets/").content.decode()
    assert '<select name="region"' in html and '<select name="departement"' in html
    assert ">Loire</option>" in html or "Loire" in html
    assert team.get("/projets/", {"departement": "42"}).status_code == 200


@pytest.mark.parametrize("role", [Role.COACH, Role.SERVICE_OWNER])
def test_coaches_and_service_teams_get_the_impact_menu(client, role):
    client.force_login(UserFactory(role=role))
    html = client.get("/mon-espace/").content.decode()
    assert 'href="/portefeuille/impact/"' in html
    assert client.get("/portefeuille/impact/").status_code == 200


def test_the_teams_menu_fits_on_one_line(team):
    """Seen in the demo at 1280 px: « Sur-mesure » on two lines and « Recrutement » cut off.
    The steering pages (portefeuille, comités, synergies, impact) are one entry."""
    html = team.get("/mon-espace/").content.decode()
    navigation = html.split('id="navigation"')[1].split("</nav>")[0]
    top_level = navigation.count('<li class="fr-nav__item">')
    assert top_level <= 11, top_level
    assert 'aria-controls="menu-pilotage"' in navigation
    for name in ("Portefeuille", "Comités", "Synergies", "Impact"):
        assert f">{name}</a>" in navigation


def _current_entries(html: str) -> list[str]:
    """The menu entries marked current (the section's button, the page's link)."""
    nav = html[html.index('id="navigation"') :]
    nav = nav[: nav.index("</nav>")]
    found = re.findall(r'aria-current="(?:page|true)"[^>]*>\s*([^<]+?)\s*<', nav)
    return found


def test_the_menu_marks_the_section_of_every_page_of_the_portfolio(team):
    project = ProjectFactory(name="Cantine ouverte")
    committee = CommitteeFactory(projects=[project], date=date(2026, 2, 1))
    assert _current_entries(team.get(f"/comites/{committee.pk}/").content.decode()) == [
        "Pilotage", "Comités"
    ]  # fmt: skip
    assert _current_entries(team.get(f"/comites/{committee.pk}/modifier/").content.decode()) == [
        "Pilotage", "Comités"
    ]  # fmt: skip
    assert _current_entries(team.get("/portefeuille/").content.decode()) == [
        "Pilotage", "Portefeuille"
    ]  # fmt: skip
    edit = team.get(f"/projets/{project.slug}/modifier/").content.decode()
    assert _current_entries(edit) == ["Projets"]


def test_attestation_headings_are_not_repeated_by_their_caption(team):
    from .factories import ServiceFaitFactory

    period = ServiceFaitFactory()
    html = team.get("/portefeuille/attestations/").content.decode()
    assert '<caption class="fr-sr-only">En retard</caption>' in html
    assert f'<span class="fr-sr-only"> de {period}</span>' in html
