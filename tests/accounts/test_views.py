from io import StringIO

import pytest
from django.core.management import call_command

from fabrique.accounts.models import Membership, Role, User
from fabrique.accounts.services import DEMO_ACCOUNTS, DEMO_PASSWORD

from ..factories import TEST_PASSWORD, UserFactory
from ..query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_login_by_email_then_dashboard(client):
    UserFactory(email="camille@exemple.gouv.fr", role=Role.INCUBATOR)
    response = client.post(
        "/connexion/", {"username": "Camille@Exemple.gouv.fr ", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mon-espace/"
    page = client.get("/mon-espace/").content.decode()
    assert "Équipe incubateur" in page


def test_wrong_password_says_what_to_fix_in_french(client):
    UserFactory(email="camille@exemple.gouv.fr")
    response = client.post("/connexion/", {"username": "camille@exemple.gouv.fr", "password": "x"})
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()


def test_private_pages_require_login(client):
    response = client.get("/mon-espace/")
    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/mon-espace/"


@pytest.mark.parametrize("url", ["/", "/territoires/", "/connexion/", "/accessibilite/"])
def test_public_pages_need_no_login(client, url):
    assert client.get(url).status_code == 200


def test_logout_is_a_post(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/deconnexion/")
    assert response.status_code == 302
    assert client.get("/mon-espace/").status_code == 302


def test_dashboard_lists_the_agent_collectivites(client, territories):
    user = UserFactory(role=Role.AGENT)
    from fabrique.territories.models import Commune

    commune = Commune.objects.get(insee="42248")
    Membership.objects.create(user=user, commune=commune)
    Membership.objects.create(user=user, epci=commune.epci)
    client.force_login(user)
    html = client.get("/mon-espace/").content.decode()
    assert "Saint-Just-en-Chevalet" in html
    assert "Pays d&#x27;Urfé" in html


def test_load_demo_creates_one_account_per_role_and_is_idempotent(territories):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Mot de passe : " + DEMO_PASSWORD in out.getvalue()
    call_command("load_demo", stdout=StringIO())
    assert User.objects.count() == len(DEMO_ACCOUNTS) == len(Role)
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    agent = User.objects.get(role=Role.AGENT)
    assert agent.check_password(DEMO_PASSWORD)
    assert {str(m.collectivite) for m in agent.memberships.all()} == {
        "Saint-Just-en-Chevalet (42248)",
        "Communauté de communes du Pays d'Urfé",
    }
    admin = User.objects.get(role=Role.ADMIN)
    assert admin.is_staff and admin.is_superuser


def test_dashboard_query_count_does_not_grow(client, territories, django_assert_max_num_queries):
    """2 then 20 memberships (the fixture's communes, then EPCI)."""
    from fabrique.territories.models import EPCI, Commune

    user = UserFactory(role=Role.AGENT)
    territories = [*Commune.objects.order_by("insee")[:10], *EPCI.objects.order_by("siren")[:10]]

    def grow(rows):
        done = user.memberships.count()
        for territory in territories[done:][:rows]:
            kind = "commune" if isinstance(territory, Commune) else "epci"
            Membership.objects.create(user=user, **{kind: territory})

    grow(2)
    client.force_login(user)
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get("/mon-espace/"), lambda: grow(18),
        budget=16,
    )  # fmt: skip
    assert response.status_code == 200 and user.memberships.count() == 20
