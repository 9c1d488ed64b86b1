"""The Synergies page, decisions through the page, « Similaires ailleurs » on project pages."""

import re
from html import unescape

import pytest
from django.utils.html import escape

from fabrique.accounts.models import Role
from fabrique.synergies import services
from fabrique.synergies.models import (
    RecomputeState,
    SynergyDecision,
    SynergyGroup,
    SynergyMember,
    SynergyPair,
)
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory
from tests.synergies.django_fixtures import unrelated_items

pytestmark = pytest.mark.django_db

URL = "/synergies/"
# The test corpus is mostly local initiatives: the page shows them when asked (`kind`).
EVERY_KIND = {"kind": ["projet", "initiative", "solution"]}


@pytest.fixture
def computed(corpus):
    services.recompute()
    return corpus


@pytest.mark.parametrize("role", [Role.ADMIN, Role.INCUBATOR])
def test_staff_sees_groups_with_their_explanation(client, users, computed, role):
    client.force_login(users[role])
    html = client.get(URL, EVERY_KIND).content.decode()
    assert "<h1>Synergies</h1>" in html
    assert "Groupe 1" in html and "Pourquoi" in html
    assert "Cours d&#x27;école végétalisées" in html
    assert "cour d&#x27;école" in html
    assert 'href="/synergies/"' in html  # the header link


@pytest.mark.parametrize("role", [Role.AGENT])
def test_other_roles_are_refused(client, users, computed, role):
    client.force_login(users[role])
    assert client.get(URL).status_code == 403
    pair = SynergyPair.objects.first()
    response = client.post(
        "/synergies/decision/", {"a": pair.a_key, "b": pair.b_key, "status": "ecartee"}
    )
    assert response.status_code == 403
    assert not SynergyDecision.objects.exists()
    assert 'href="/synergies/"' not in client.get("/").content.decode()


def test_anonymous_is_sent_to_login(client, computed):
    response = client.get(URL)
    assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_filters(client, users, computed):
    client.force_login(users[Role.INCUBATOR])
    # By default, the incubator's own items only: two projects that look nothing alike.
    default = client.get(URL)
    assert default.context["page"].paginator.count == 0
    assert default.context["filters"]["kinds"] == ["projet", "solution", "besoin", "probleme"]
    html = default.content.decode()
    assert re.search(r'value="initiative"\s*>', html)  # shown, not checked
    assert re.search(r'value="projet"\s*checked', html)
    everything = client.get(URL, EVERY_KIND).context["page"].paginator.count
    assert everything >= 3
    initiatives = client.get(URL, {"kind": "initiative"}).context["page"].paginator.count
    assert initiatives == everything  # each group has two initiatives or more
    in_22 = client.get(URL, {**EVERY_KIND, "departement": "22"}).context["page"]
    assert in_22.paginator.count == 1  # the covoiturage group (Île-de-Bréhat)
    assert "covoiturage" in " ".join(in_22.object_list[0].reasons)
    brittany = client.get(URL, {**EVERY_KIND, "region": "53"}).context["page"].paginator.count
    assert 1 <= brittany < everything
    ignored = client.get(URL, {"kind": "nimporte", "departement": "99999"})
    assert ignored.status_code == 200
    assert ignored.context["filters"]["kinds"] == default.context["filters"]["kinds"]


def test_dismiss_through_the_page(client, users, computed):
    client.force_login(users[Role.INCUBATOR])
    pair = SynergyPair.objects.order_by("-score", "pair_key").first()
    response = client.post(
        "/synergies/decision/",
        {"a": pair.a_key, "b": pair.b_key, "status": "ecartee", "next": "/synergies/?kind="},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/synergies/?kind="
    html = response.content.decode()
    assert "cette paire ne sera plus proposée" in html
    assert f'data-pair="{pair.pair_key}"' not in html


def test_decision_redirect_stays_on_site(client, users, computed):
    client.force_login(users[Role.INCUBATOR])
    pair = SynergyPair.objects.first()
    response = client.post(
        "/synergies/decision/",
        {"a": pair.a_key, "b": pair.b_key, "status": "confirmee", "next": "https://evil.example/"},
    )
    assert response["Location"] == URL
    response = client.post("/synergies/decision/", {"a": "x", "b": "y", "status": "confirmee"})
    assert response.status_code == 302
    assert SynergyDecision.objects.count() == 1


def test_query_count_does_not_grow_with_groups(
    client, users, computed, django_assert_max_num_queries
):
    from fabrique.synergies import views

    client.force_login(users[Role.INCUBATOR])
    client.get(URL, EVERY_KIND)
    with django_assert_max_num_queries(12) as few:
        assert client.get(URL, EVERY_KIND).context["page"].object_list
    unrelated_items(150)  # so that « éclairage public » stays rare enough to explain a pair
    for number in range(12):  # many more projects, hence more groups
        ProjectFactory(name=f"Éclairage public LED {number}", slug=f"led-{number}")
        ProjectFactory(name=f"Aire de covoiturage {number}", slug=f"covoit-{number}")
    services.recompute()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.context["page"].paginator.count >= 2  # now groups of projects, by default
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, EVERY_KIND)
    html = response.content.decode()
    assert 1 <= html.count('class="fr-mb-6w synergy-group"') <= views.PAGE_SIZE


def test_project_page_shows_similar_elsewhere_to_everyone(client, users, computed):
    cour = computed["cour"]
    client.force_login(users[Role.INCUBATOR])
    html = client.get(cour.get_absolute_url()).content.decode()
    assert "Similaires ailleurs" in html
    assert "cour d&#x27;école" in html.lower()
    assert "\u00a0%" in html  # scores as percentages
    client.logout()  # the public sees it too (tests/synergies/test_project_page.py: every role)
    assert "Similaires ailleurs" in client.get(cour.get_absolute_url()).content.decode()


def test_solutions_of_the_catalogue_are_suggested(client, users, computed):
    from fabrique.synergies.selectors.sources import solution_model

    model = solution_model()
    assert model is not None, "l'application catalogue est installée"
    fields = {f.name: f for f in model._meta.get_fields()}
    values = {"name": "Végétal'Cour", "slug": "vegetal-cour"}
    values["description"] = "Outil pour végétaliser et désimperméabiliser la cour d'école"
    if "origin" in fields:
        values["origin"] = fields["origin"].choices[0][0]
    model.objects.create(**values)
    services.recompute()
    client.force_login(users[Role.INCUBATOR])
    html = client.get(computed["cour"].get_absolute_url()).content.decode()
    assert "Solutions du catalogue qui pourraient répondre" in html
    assert "Végétal&#x27;Cour" in html


def _many_similar_projects(count: int) -> None:
    unrelated_items(10 * count)
    for number in range(count):
        ProjectFactory(name=f"Éclairage public LED tranche {number}", slug=f"led-tranche-{number}")
        ProjectFactory(name=f"Aire de covoiturage du bourg {number}", slug=f"covoit-bourg-{number}")
    services.recompute()


def test_page_stays_small_whatever_the_size_of_groups(client, users, computed):
    from fabrique.synergies import selectors, views
    from fabrique.synergies.models import SynergyGroup

    _many_similar_projects(20)
    client.force_login(users[Role.INCUBATOR])
    response = client.get(URL)
    page = response.context["page"]
    html = response.content.decode()
    largest = SynergyGroup.objects.order_by("-size").first()
    assert largest.size >= 15 and largest.pairs.count() > 100  # far more than a page shows
    assert 1 <= len(page.object_list) <= views.PAGE_SIZE
    assert html.count('class="fr-mb-6w synergy-group"') == len(page.object_list)
    for group in page.object_list:
        assert len(group.shown_pairs) <= selectors.PAIRS_SHOWN
        assert len(group.shown_members) <= selectors.MEMBERS_SHOWN
    assert html.count('class="synergy-pair"') <= views.PAGE_SIZE * selectors.PAIRS_SHOWN
    assert len(response.content) < 100_000  # the largest group alone has 150+ pairs
    assert f'href="/synergies/groupes/{largest.pk}/"' in html


def test_group_page_lists_every_member_and_every_pair_by_pages(
    client, users, computed, django_assert_max_num_queries
):
    from fabrique.synergies import views
    from fabrique.synergies.models import SynergyGroup

    client.force_login(users[Role.INCUBATOR])
    small = SynergyGroup.objects.filter(span__gte=2).order_by("position").first()
    client.get(f"/synergies/groupes/{small.pk}/")
    with django_assert_max_num_queries(12) as few:
        client.get(f"/synergies/groupes/{small.pk}/")
    _many_similar_projects(20)
    largest = SynergyGroup.objects.order_by("-size").first()
    url = f"/synergies/groupes/{largest.pk}/"
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    assert html.count('class="synergy-pair"') == min(
        largest.pairs.count(), views.GROUP_PAIRS_PAGE_SIZE
    )
    assert all(escape(member.label) in html for member in largest.members.all())
    assert response.context["page"].paginator.count == largest.pairs.count()
    client.force_login(users[Role.COACH])  # on no project of this group
    assert client.get(url).status_code == 404
    client.force_login(users[Role.INCUBATOR])
    assert client.get("/synergies/groupes/999999/").status_code == 404


def test_page_links_keep_the_filters(client, users, computed, monkeypatch):
    from fabrique.synergies import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    client.force_login(users[Role.INCUBATOR])
    html = client.get(URL, {"kind": ["initiative", "projet"]}).content.decode()
    assert 'class="fr-pagination"' in html
    assert 'href="?kind=initiative&amp;kind=projet&amp;page=2"' in html
    second = client.get(URL, {"kind": ["initiative", "projet"], "page": 2})
    assert second.context["page"].number == 2
    assert second.context["filters"]["kinds"] == ["initiative", "projet"]


@pytest.mark.parametrize("role", [Role.COACH, Role.SERVICE_OWNER])
def test_a_project_team_reads_the_groups_of_its_projects_only(client, users, computed, role):
    """Issue 12: the coach got 403 on Synergies; now, read-only, the groups of their projects."""
    member = SynergyMember.objects.filter(kind="projet").order_by("pk").first()
    own_group = member.group
    other = SynergyGroup.objects.exclude(
        members__kind="projet", members__object_id=member.object_id
    ).first()
    client.force_login(users[role])
    assert client.get(URL).status_code == 200
    assert 'href="/synergies/"' in client.get("/").content.decode()
    TeamMemberFactory(project_id=member.object_id, user=users[role])
    response = client.get(URL, EVERY_KIND)
    assert [group.pk for group in response.context["page"].object_list] == [own_group.pk]
    assert client.get(f"/synergies/groupes/{own_group.pk}/").status_code == 200
    if other is not None:
        assert client.get(f"/synergies/groupes/{other.pk}/").status_code == 404
    pair = own_group.pairs.first()
    response = client.post(
        "/synergies/decision/", {"a": pair.a_key, "b": pair.b_key, "status": "ecartee"}
    )
    assert response.status_code == 403
    assert 'action="/synergies/decision/"' not in client.get(URL, EVERY_KIND).content.decode()


@pytest.mark.parametrize("role", [Role.COACH, Role.SERVICE_OWNER])
def test_a_project_team_without_groups_reads_why_the_page_is_empty(client, users, computed, role):
    """A porteur whose projects are in no group: no team actions in the introduction, no
    platform-wide totals beside an empty list, and an empty state that says why."""
    client.force_login(users[role])
    html = unescape(client.get(URL).content.decode())
    assert "Les groupes où figurent vos projets" in html
    assert "Confirmez une paire" not in html
    assert "Aucun de vos projets n'est pour l'instant rapproché" in html
    assert "Aucun groupe ne correspond à ces filtres" not in html
    state = RecomputeState.objects.get(pk=1)
    assert f"{state.groups} groupes" not in html
    filtered = unescape(client.get(URL, {"region": "84"}).content.decode())
    assert "Aucun groupe ne correspond à ces filtres" in filtered
    client.force_login(users[Role.INCUBATOR])
    team = unescape(client.get(URL).content.decode())
    assert "Confirmez une paire" in team and f"{state.groups} groupes" in team


def test_group_heading_does_not_count_catalogue_solutions_as_collectivites(client, users, computed):
    """A group's span counts every distinct owner, and a catalogue solution is its own owner:
    « 4 collectivités ou projets » for four software packages was a wrong number."""
    client.force_login(users[Role.INCUBATOR])
    html = client.get(URL, EVERY_KIND).content.decode()
    assert "collectivités ou projets" not in html
    group = SynergyGroup.objects.filter(span__gte=2).order_by("position").first()
    assert f"venus de {group.span} collectivités, projets ou solutions" in html
    page = client.get(f"/synergies/groupes/{group.pk}/").content.decode()
    assert f"venus de {group.span} collectivités, projets ou solutions" in page
