"""Who may see and change what in impact measurement: one function per object kind.

- The incubator team (administrators, équipe incubateur) sees and changes everything.
- A project's team — the coaches and service owners who are `TeamMember.user` on that very
  project — sees all its indicators, records values, manages its tokens and deployment.
- Everyone, logged in or not, sees the public indicators on the statistics page and the API.
- A project token pushes measurements for its project only, until it is revoked.
"""

from django.shortcuts import get_object_or_404

from fabrique.accounts.access import PROJECT_TEAM_ROLES, is_active_user, is_incubator_staff
from fabrique.core.views_helpers import require
from fabrique.portfolio.access import is_on_team
from fabrique.portfolio.models import Project

from .models import Measurement


def is_project_team(user, project: Project) -> bool:
    """A coach or service owner on the project's team."""
    return is_active_user(user) and user.role in PROJECT_TEAM_ROLES and is_on_team(user, project)


def can_view_indicators(user, project: Project) -> bool:
    """Every indicator of a project, published or not, with its history: staff and its team."""
    return is_incubator_staff(user) or is_project_team(user, project)


def can_view_indicator(user, indicator) -> bool:
    """One indicator: everyone when it is public, otherwise staff and the project's team."""
    return indicator.is_public or can_view_indicators(user, indicator.project)


def can_edit_indicators(user, project: Project) -> bool:
    """Define, change and delete indicators, add the starter set: staff and the project's team."""
    return is_incubator_staff(user) or is_project_team(user, project)


def can_record_measurements(user, project: Project) -> bool:
    """Type or import values: staff and the project's team."""
    return can_edit_indicators(user, project)


def can_manage_tokens(user, project: Project) -> bool:
    """Create and revoke the project's API tokens: staff and the project's team."""
    return can_edit_indicators(user, project)


def can_manage_deployment(user, project: Project) -> bool:
    """Declare the target and the collectivités that use the service: staff and the team."""
    return can_edit_indicators(user, project)


def can_view_stats(user, project: Project) -> bool:
    """The public statistics page and its CSV/JSON: everyone (public indicators only)."""
    return True


def can_view_impact_portfolio(user) -> bool:
    """The impact view of the portfolio: staff (every project), coaches and service owners
    (the projects they work on)."""
    return is_incubator_staff(user) or (is_active_user(user) and user.role in PROJECT_TEAM_ROLES)


def can_push_measurements(token, project: Project) -> bool:
    """A project token pushes values for its own project, while it is not revoked."""
    return token is not None and token.revoked_at is None and token.project_id == project.pk


def measurement_for_edit_or_404(user, *, slug: str, indicator_pk: int, pk: int) -> Measurement:
    """A typed value to correct: it must belong to the indicator and project of the URL (else
    404), the user may record values for that project, and the indicator is not computed."""
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator__project"),
        pk=pk, indicator_id=indicator_pk, indicator__project__slug=slug,
    )  # fmt: skip
    indicator = measurement.indicator
    require(can_record_measurements(user, indicator.project) and not indicator.computed)
    return measurement
