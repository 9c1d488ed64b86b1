"""Every permission decision of impact measurement, for every role."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from rest_framework.exceptions import NotAuthenticated

from fabrique.accounts.models import Role
from fabrique.impact import access, services
from fabrique.impact.models import Deployment, MeasurementImport
from fabrique.impact.vocabulary import Computation
from fabrique.portfolio.access import can_view_project_details
from tests.factories import CommuneFactory, UserFactory
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory

from .factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

STAFF = {Role.ADMIN, Role.INCUBATOR}


@pytest.fixture
def project(users):
    """A project whose team has the coach and the service owner of `users` (and the agent,
    whose role gives no right on impact)."""
    project = ProjectFactory()
    for role in (Role.COACH, Role.SERVICE_OWNER, Role.AGENT):
        TeamMemberFactory(project=project, user=users[role])
    return project


TEAM_CHECKS = [
    access.can_view_indicators,
    access.can_edit_indicators,
    access.can_record_measurements,
    access.can_manage_tokens,
    access.can_manage_deployment,
]


@pytest.mark.parametrize("check", TEAM_CHECKS)
@pytest.mark.parametrize("role", list(Role))
def test_staff_and_team_only(users, project, check, role):
    expected = role in STAFF or role in {Role.COACH, Role.SERVICE_OWNER}
    assert check(users[role], project) is expected
    assert check(AnonymousUser(), project) is False


@pytest.mark.parametrize("check", TEAM_CHECKS)
@pytest.mark.parametrize("role", list(Role))
def test_the_team_of_another_project_has_no_right(users, project, check, role):
    other = ProjectFactory()
    assert check(users[role], other) is (role in STAFF)


def test_inactive_team_member_has_no_right(project):
    user = UserFactory(role=Role.SERVICE_OWNER, is_active=False)
    TeamMemberFactory(project=project, user=user)
    assert not access.can_edit_indicators(user, project)


@pytest.mark.parametrize("check", TEAM_CHECKS)
@pytest.mark.parametrize("role", list(Role))
def test_the_team_rule_is_the_project_details_rule(users, project, check, role):
    """Issue 11, item 3: one rule for « the project's team », the portfolio's, not a copy."""
    assert check(users[role], project) is can_view_project_details(users[role], project)


@pytest.mark.parametrize("role", list(Role))
def test_public_indicators_and_stats_for_everyone(users, project, role):
    public = IndicatorFactory(project=project, is_public=True)
    hidden = IndicatorFactory(project=project, is_public=False)
    outsider = ProjectFactory()
    assert access.can_view_stats(users[role], project)
    assert access.can_view_stats(AnonymousUser(), project)
    team = role in STAFF or role in {Role.COACH, Role.SERVICE_OWNER}
    listed = set(access.indicators_for_api_or_404(users[role], project.slug))
    assert listed == ({public, hidden} if team else {public})
    assert set(access.indicators_for_api_or_404(AnonymousUser(), project.slug)) == {public}
    assert access.can_view_indicators(users[role], outsider) is (role in STAFF)


@pytest.mark.parametrize("role", list(Role))
def test_impact_portfolio(users, role):
    expected = role in STAFF or role in {Role.COACH, Role.SERVICE_OWNER}
    assert access.can_view_impact_portfolio(users[role]) is expected
    assert not access.can_view_impact_portfolio(AnonymousUser())


def test_project_token_pushes_for_its_project_until_revoked(project):
    token, _ = services.token_create(project=project)
    assert access.can_push_measurements(token, project)
    assert not access.can_push_measurements(token, ProjectFactory())
    assert not access.can_push_measurements(None, project)
    token.revoked_at = timezone.now()
    assert not access.can_push_measurements(token, project)


# --- Load and check in one call --------------------------------------------------------------


@pytest.mark.parametrize("need", sorted(set(access.PROJECT_NEEDS) - {"stats"}))
def test_project_loader_404_then_403(users, project, need):
    coach = users[Role.COACH]
    assert access.project_for_user_or_404(coach, project.slug, need=need) == project
    with pytest.raises(Http404):
        access.project_for_user_or_404(coach, "inconnu", need=need)
    with pytest.raises(PermissionDenied):
        access.project_for_user_or_404(coach, ProjectFactory().slug, need=need)
    with pytest.raises(PermissionDenied):
        access.project_for_user_or_404(AnonymousUser(), project.slug, need=need)


def test_public_statistics_load_any_project_for_anyone(users, project):
    """The public statistics (published indicators only) of any project, for anyone; an
    unknown project is a 404."""
    for user in (AnonymousUser(), users[Role.AGENT], users[Role.COACH]):
        assert access.project_for_user_or_404(user, project.slug, need="stats") == project
    with pytest.raises(Http404):
        access.project_for_user_or_404(AnonymousUser(), "inconnu", need="stats")


def test_indicator_loader_checks_the_project_then_the_indicator(users, project):
    coach, agent = users[Role.COACH], users[Role.AGENT]
    indicator = IndicatorFactory(project=project)
    other = IndicatorFactory()
    assert access.indicator_for_user_or_404(coach, project.slug, indicator.pk) == indicator
    with pytest.raises(PermissionDenied):  # the agent of the team has no right on impact
        access.indicator_for_user_or_404(agent, project.slug, indicator.pk, need="edit")
    with pytest.raises(Http404):  # another project's indicator through this project's URL
        access.indicator_for_user_or_404(coach, project.slug, other.pk, need="edit")
    with pytest.raises(PermissionDenied):  # its own URL: not this team's project
        access.indicator_for_user_or_404(coach, other.project.slug, other.pk)


def test_nobody_records_values_of_a_computed_indicator(users, project):
    admin = users[Role.ADMIN]
    computed = IndicatorFactory(project=project, computed=Computation.COST_PER_USE)
    typed = IndicatorFactory(project=project)
    assert access.indicator_for_user_or_404(admin, project.slug, computed.pk) == computed
    assert access.indicator_for_user_or_404(admin, project.slug, typed.pk, need="record")
    with pytest.raises(PermissionDenied):
        access.indicator_for_user_or_404(admin, project.slug, computed.pk, need="record")
    assert not access.can_record_values(admin, computed)
    value = MeasurementFactory(indicator=computed)
    with pytest.raises(PermissionDenied):
        access.measurement_for_edit_or_404(
            admin, slug=project.slug, indicator_pk=computed.pk, pk=value.pk
        )


def _token(project):
    return services.token_create(project=project)[0]


def _deployment(project):
    return Deployment.objects.create(
        project=project, commune=CommuneFactory(), since=date(2026, 1, 1)
    )


@pytest.mark.parametrize(
    ("make", "loader"),
    [
        (_token, access.token_for_user_or_404),
        (_deployment, access.deployment_for_user_or_404),
    ],
)
def test_record_loaders_of_a_project(users, project, make, loader):
    """A token or a deployment: the project's own through its URL; another project's is 404
    even for its team, the agent of the team is refused (403)."""
    coach = users[Role.COACH]
    mine, elsewhere = make(project), make(ProjectFactory())
    assert loader(coach, project.slug, mine.pk) == mine
    with pytest.raises(Http404):
        loader(users[Role.ADMIN], project.slug, elsewhere.pk)
    with pytest.raises(PermissionDenied):
        loader(users[Role.AGENT], project.slug, mine.pk)


def test_import_loader_gives_ones_own_pending_import_only(users, project):
    coach, owner = users[Role.COACH], users[Role.SERVICE_OWNER]
    pending = MeasurementImport.objects.create(
        project=project, created_by=coach, file_name="mesures.csv", rows=[]
    )
    assert access.measurement_import_for_user_or_404(coach, project.slug, pending.pk) == pending
    with pytest.raises(Http404, match="introuvable ou expiré"):
        access.measurement_import_for_user_or_404(owner, project.slug, pending.pk)
    with pytest.raises(PermissionDenied):
        access.measurement_import_for_user_or_404(users[Role.AGENT], project.slug, pending.pk)


def test_push_loader_404_then_401_then_403(project):
    token, _ = services.token_create(project=project)
    other, _ = services.token_create(project=ProjectFactory())
    assert access.project_for_push_or_404(token, project.slug) == project
    with pytest.raises(Http404):
        access.project_for_push_or_404(None, "inconnu")
    with pytest.raises(NotAuthenticated):
        access.project_for_push_or_404(None, project.slug)
    with pytest.raises(PermissionDenied, match="ne peut écrire que dans son propre projet"):
        access.project_for_push_or_404(other, project.slug)
    token.revoked_at = timezone.now()
    with pytest.raises(PermissionDenied):
        access.project_for_push_or_404(token, project.slug)


def test_every_rule_has_a_caller_in_the_application():
    """Issue 11, item 2: a rule that no page, API view or other rule calls changes nothing when
    it changes. Each `can_*` of `impact/access.py` is called somewhere in `fabrique/` (a call
    in the module itself counts, a definition does not)."""
    root = Path(access.__file__).resolve().parents[1]
    sources = {path: path.read_text(encoding="utf-8") for path in root.rglob("*.py")}
    sources.update({p: p.read_text(encoding="utf-8") for p in root.rglob("*.html")})
    rules = [
        name
        for name, value in vars(access).items()
        if name.startswith("can_") and getattr(value, "__module__", "") == access.__name__
    ]
    unused = [
        name
        for name in rules
        if not any(re.search(rf"(?<!def ){name}\b", text) for text in sources.values())
    ]
    assert rules and not unused, unused
