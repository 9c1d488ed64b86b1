"""Every recruitment page and API endpoint, for every role (and an inactive account)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio.models import TeamMember
from fabrique.recruitment.vocabulary import OfferStatus
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import ApplicationFactory, JobOfferFactory

pytestmark = pytest.mark.django_db
ROLES = ["anonyme", "admin", "incubateur", "coach", "agent", "porteur", "membre", "inactif"]


@pytest.fixture
def world():
    project = ProjectFactory()
    member = UserFactory(role=Role.SERVICE_OWNER, email="membre@example.org")
    TeamMember.objects.create(
        project=project, user=member, full_name="Membre", role="intrapreneur",
        start=date.today() - timedelta(days=90),
    )  # fmt: skip
    project_offer = JobOfferFactory(slug="offre-projet", project=project)
    return {
        "public": JobOfferFactory(slug="offre-publique"),
        "draft": JobOfferFactory(slug="brouillon", status=OfferStatus.DRAFT),
        "project_offer": project_offer,
        "project_application": ApplicationFactory(offer=project_offer),
        "other_application": ApplicationFactory(),
        "users": {
            "admin": UserFactory(role=Role.ADMIN),
            "incubateur": UserFactory(role=Role.INCUBATOR),
            "coach": UserFactory(role=Role.COACH),
            "agent": UserFactory(role=Role.AGENT),
            "porteur": UserFactory(role=Role.SERVICE_OWNER),
            "membre": member,
            "inactif": UserFactory(role=Role.INCUBATOR, is_active=False),
        },
    }


TEAM = {"admin", "incubateur"}

# (URL name, args from the world, roles answered 200); others get 403, 404 or the login page.
PAGES = [
    ("recruitment:board", [], set(ROLES)),
    ("recruitment:offer", ["public"], set(ROLES)),
    ("recruitment:offer", ["draft"], TEAM),
    ("recruitment:offer", ["project_offer"], set(ROLES)),
    ("recruitment:offer-markdown", ["public"], set(ROLES)),
    ("recruitment:feed", [], set(ROLES)),
    ("recruitment:json", [], set(ROLES)),
    ("recruitment:manage", [], TEAM | {"membre"}),
    ("recruitment:offer-create", [], TEAM),
    ("recruitment:offer-edit", ["public"], TEAM),
    ("recruitment:offer-edit", ["project_offer"], TEAM | {"membre"}),
    ("recruitment:offer-delete", ["public"], TEAM),
    ("recruitment:pipeline", ["project_offer"], TEAM | {"membre"}),
    ("recruitment:pipeline", ["public"], TEAM),
    ("recruitment:applications", [], TEAM | {"membre"}),
    ("recruitment:application", ["project_application"], TEAM | {"membre"}),
    ("recruitment:application", ["other_application"], TEAM),
    ("recruitment:application-delete", ["other_application"], TEAM),
    ("recruitment:statistics", [], TEAM),
    ("api:job-list", [], set(ROLES)),
    ("api:job-detail", ["public"], set(ROLES)),
    ("api:job-detail", ["draft"], TEAM),
    ("api:job-front-matter", ["public"], set(ROLES)),
    ("api:job-applications", ["project_offer"], TEAM | {"membre"}),
    ("api:application-list", [], TEAM | {"membre", "coach", "agent", "porteur"}),
    ("api:application-detail", ["other_application"], TEAM),
]


def _arg(world, name):
    value = world[name]
    return value.slug if hasattr(value, "slug") else value.pk


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, role):
    if role != "anonyme":
        client.force_login(world["users"][role])
    failures = []
    for name, args, allowed in PAGES:
        url = reverse(name, args=[_arg(world, arg) for arg in args])
        status = client.get(url).status_code
        if (status == 200) != (role in allowed):
            failures.append(f"{url}: {status}")
        if status >= 500:
            failures.append(f"{url}: erreur {status}")
    assert failures == []


def test_applicants_list_is_empty_for_people_without_offers(client, world):
    client.force_login(world["users"]["coach"])
    assert client.get(reverse("api:application-list")).json()["count"] == 0


def test_api_lists_published_offers_to_everyone_and_all_to_the_team(client, world):
    public = client.get(reverse("api:job-list")).json()
    assert public["count"] == 3 and "brouillon" not in {o["slug"] for o in public["results"]}
    client.force_login(world["users"]["incubateur"])
    team = client.get(reverse("api:job-list"), {"status": "brouillon"}).json()
    assert [offer["slug"] for offer in team["results"]] == ["brouillon"]
    bad = client.get(reverse("api:job-list"), {"contract": "sorcier"})
    assert bad.status_code == 400
