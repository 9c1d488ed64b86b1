"""Defects a reviewer saw on the demo of issue 14 (public list, menu per role, attachment kept
through « déjà vu ailleurs », other collectivités of an agent, startup file dates)."""

import re

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations.vocabulary import Decision
from fabrique.portfolio.models import Project
from tests.factories import CommuneFactory, UserFactory
from tests.query_counts import assert_constant_queries

from .factories import InvestigationFactory, close_all_phases

pytestmark = pytest.mark.django_db


def test_anonymous_browses_public_investigations(client, django_assert_max_num_queries):
    """Defect 1: a public list (problem, collectivités, phase, outcome), linked from the menu
    and from the breadcrumb of a public page; private ones never listed; constant queries."""
    running = InvestigationFactory(
        is_public=True,
        problem__title="Cantine en ligne",
        problem__communes=[CommuneFactory(name="Saint-Testeur")],
    )
    go = close_all_phases(InvestigationFactory(is_public=True, problem__title="Navette"))
    go.decision = Decision.GO
    go.project = Project.objects.create(name="Navette", slug="navette", kind="startup-territoire")
    go.save()
    InvestigationFactory(problem__title="Secret d'équipe")
    url = reverse("investigations:public_list")
    page = client.get(url).content.decode()
    assert "Cantine en ligne" in page and "Saint-Testeur" in page
    assert "1. Réalité et ampleur du problème" in page and "En cours" in page
    assert "Navette" in page and "Go" in page and "Terminée" in page
    assert "Secret d'équipe" not in page
    assert reverse("investigations:public", args=[running.pk]) in page
    # The menu offers it to everyone, and a public page goes back to it.
    assert f'href="{url}"' in client.get(reverse("investigations:calls")).content.decode()
    public = client.get(reverse("investigations:public", args=[running.pk])).content.decode()
    crumbs = public[public.index("fr-breadcrumb") :]
    assert f'href="{url}"' in crumbs[: crumbs.index("</nav>")]
    assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get(url),
        lambda: [
            InvestigationFactory(is_public=True, problem__communes=[CommuneFactory()])
            for _ in range(5)
        ],
        budget=8,
    )


def test_public_list_is_paginated(client):
    for _ in range(51):
        InvestigationFactory(is_public=True)
    url = reverse("investigations:public_list")
    first = client.get(url).content.decode()
    assert "Investigations publiques (51)" in first
    assert len(re.findall(r"/investigations/\d+/publique/", first)) == 50
    second = client.get(url, {"page": 2}).content.decode()
    assert len(re.findall(r"/investigations/\d+/publique/", second)) == 1


def test_porteur_has_no_dead_problems_entry(client):
    """Defect 4: a porteur de service neither sees nor submits problems (issue 14, Access): no
    « Problèmes » menu entry, and the list refuses them instead of « Aucun problème. »."""
    problems = reverse("investigations:problems")
    client.force_login(UserFactory(role=Role.SERVICE_OWNER))
    assert f'href="{problems}"' not in client.get(reverse("investigations:calls")).content.decode()
    assert client.get(problems).status_code == 403
    for role in (Role.AGENT, Role.COACH, Role.INCUBATOR):
        client.force_login(UserFactory(role=role))
        page = client.get(reverse("investigations:calls")).content.decode()
        assert f'href="{problems}"' in page, role
        assert client.get(problems).status_code == 200, role


def test_an_agent_is_offered_only_their_own_collectivites(client):
    """Defect 3: the free « Autres collectivités (codes) » field refused any code an agent typed
    (they speak only for their collectivités, all offered as boxes); the team keeps it."""
    from tests.factories import MembershipFactory

    url = reverse("investigations:problem_create")
    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, commune=CommuneFactory(name="Saint-Testeur"))
    MembershipFactory(user=agent, commune=CommuneFactory(name="Montagne-sur-Loire"))
    client.force_login(agent)
    page = client.get(url).content.decode()
    assert 'name="codes"' not in page
    assert "Saint-Testeur" in page and "Montagne-sur-Loire" in page
    client.force_login(UserFactory(role=Role.AGENT))  # attached to no collectivité
    page = client.get(url).content.decode()
    assert 'name="codes"' not in page and "rattaché à aucune collectivité" in page
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert 'name="codes"' in client.get(url).content.decode()


def test_a_porteur_is_not_shown_an_empty_table_of_a_calls_problems(client):
    """Same kind as defect 4: « Problèmes déposés — Aucun problème visible. » on a call with
    problems, for a role that sees none; the team still sees them."""
    from .factories import ClosedCallFactory, ProblemFactory

    call = ClosedCallFactory()
    ProblemFactory(call=call, title="Cantine en papier")
    client.force_login(UserFactory(role=Role.SERVICE_OWNER))
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Problèmes déposés" not in page and "Aucun problème visible" not in page
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert "Cantine en papier" in client.get(call.get_absolute_url()).content.decode()


def test_an_agent_edits_their_problem_with_its_collectivite_ticked(client):
    """Without the codes field, an agent's own problem comes with its collectivité ticked, and
    saving it keeps it."""
    from tests.factories import MembershipFactory

    from .factories import ProblemFactory

    agent = UserFactory(role=Role.AGENT)
    commune = CommuneFactory(name="Saint-Testeur")
    membership = MembershipFactory(user=agent, commune=commune)
    MembershipFactory(user=agent, commune=CommuneFactory(name="Voisine"))
    problem = ProblemFactory(submitted_by=agent, communes=[commune], title="Cantine")
    client.force_login(agent)
    url = reverse("investigations:problem_edit", args=[problem.pk])
    page = client.get(url).content.decode()
    assert re.search(rf'value="{membership.pk}"[^>]*checked', page)
    saved = client.post(
        url,
        {"title": "Cantine en papier", "statement": problem.statement,
         "collectivites": [str(membership.pk)]},
    )  # fmt: skip
    assert saved.status_code == 302
    problem.refresh_from_db()
    assert problem.title == "Cantine en papier"
    assert [link.commune for link in problem.collectivites.all()] == [commune]
