"""The Synergies page, decisions through the page, « Similaires ailleurs » on project pages."""

import pytest

from fabrique.accounts.models import Role
from fabrique.synergies import services
from fabrique.synergies.models import SynergyDecision, SynergyPair
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/synergies/"


@pytest.fixture
def computed(corpus):
    services.recompute()
    return corpus


@pytest.mark.parametrize("role", [Role.ADMIN, Role.INCUBATOR])
def test_staff_sees_groups_with_their_explanation(client, users, computed, role):
    client.force_login(users[role])
    html = client.get(URL).content.decode()
    assert "<h1>Synergies</h1>" in html
    assert "Groupe 1" in html and "Pourquoi" in html
    assert "Cours d&#x27;école végétalisées" in html
    assert 'class="fr-tag fr-tag--sm">cour' in html or "cour d&#x27;école" in html
    assert 'href="/synergies/"' in html  # the header link


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
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
    everything = client.get(URL).context["page"].paginator.count
    assert everything >= 3
    projects = client.get(URL, {"kind": "projet"}).context["page"].paginator.count
    assert projects == 1
    in_22 = client.get(URL, {"departement": "22"}).context["page"]
    assert in_22.paginator.count == 1  # the covoiturage group (Île-de-Bréhat)
    assert "covoiturage" in " ".join(in_22.object_list[0].reasons)
    brittany = client.get(URL, {"region": "53"}).context["page"].paginator.count
    assert 1 <= brittany < everything
    assert client.get(URL, {"kind": "nimporte"}).context["filters"]["kind"] == ""


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
    client.force_login(users[Role.INCUBATOR])
    client.get(URL)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for number in range(12):  # many more projects, hence more groups
        ProjectFactory(name=f"Éclairage public LED {number}", slug=f"led-{number}")
        ProjectFactory(name=f"Aire de covoiturage {number}", slug=f"covoit-{number}")
    services.recompute()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_project_page_shows_similar_elsewhere_to_detail_viewers(client, users, computed):
    cour = computed["cour"]
    client.force_login(users[Role.INCUBATOR])
    html = client.get(cour.get_absolute_url()).content.decode()
    assert "Similaires ailleurs" in html
    assert "cour d&#x27;école" in html.lower()
    assert "\u00a0%" in html  # scores as percentages
    client.logout()
    assert "Similaires ailleurs" not in client.get(cour.get_absolute_url()).content.decode()


def test_solutions_of_the_catalogue_are_suggested(client, users, computed):
    from fabrique.synergies.sources import solution_model

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
