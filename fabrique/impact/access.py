"""Who may see and change what in impact measurement: per object kind, one function that loads
and checks (`x_for_user_or_404`), built on the rules below (`can_*`).

- The incubator team (administrators, équipe incubateur) sees and changes everything.
- A project's team — the coaches and service owners who are `TeamMember.user` on that very
  project — sees all its indicators, records values, manages its tokens and deployment: the
  rule of the project's details (`portfolio.access.can_view_project_details`), not a copy.
- Everyone, logged in or not, sees the public indicators on the statistics page and the API.
- A project token pushes measurements for its project only, until it is revoked.

The loaders answer like the pages always did: 404 for an unknown project, 403 when the rule
refuses, then 404 for a record that is not the project's (a record of another project is never
shown, whoever asks).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework.exceptions import NotAuthenticated

from fabrique.accounts.access import PROJECT_TEAM_ROLES, is_active_user, is_incubator_staff
from fabrique.portfolio.access import can_view_project_details
from fabrique.portfolio.models import Project

from .models import Deployment, Indicator, Measurement, MeasurementImport, ProjectToken

# --- Rules -----------------------------------------------------------------------------------


def can_view_indicators(user, project: Project) -> bool:
    """Every indicator of a project, published or not, with its history: staff and its team."""
    return can_view_project_details(user, project)


def can_edit_indicators(user, project: Project) -> bool:
    """Define, change and delete indicators, add the starter set: staff and the project's team."""
    return can_view_project_details(user, project)


def can_record_measurements(user, project: Project) -> bool:
    """Type or import values: staff and the project's team."""
    return can_edit_indicators(user, project)


def can_record_values(user, indicator: Indicator) -> bool:
    """Type or correct a value of one indicator: the values of a computed indicator are
    Fabrique's, nobody types them."""
    return can_record_measurements(user, indicator.project) and not indicator.computed


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


# --- Load and check in one call --------------------------------------------------------------

# What a page of a project needs, and the rule that grants it.
PROJECT_NEEDS: dict[str, Callable[..., bool]] = {
    "stats": can_view_stats,
    "view": can_view_indicators,
    "edit": can_edit_indicators,
    "record": can_record_measurements,
    "tokens": can_manage_tokens,
    "deployment": can_manage_deployment,
}


def project_for_user_or_404(user, slug: str, *, need: str = "view") -> Project:
    """The project of an impact page: 404 when unknown, 403 unless `need` is granted: "stats"
    (the public statistics: published indicators only), "view" (every indicator), "edit"
    (indicators), "record" (values, imports), "tokens", "deployment"."""
    project = get_object_or_404(Project, slug=slug)
    if not PROJECT_NEEDS[need](user, project):
        raise PermissionDenied
    return project


def indicator_for_user_or_404(user, slug: str, pk: int, *, need: str = "view") -> Indicator:
    """An indicator of the project of the URL, `need` checked on the project as above; "record"
    also refuses a computed indicator (403)."""
    project = project_for_user_or_404(user, slug, need=need)
    indicator = get_object_or_404(
        Indicator.objects.select_related("project"), project=project, pk=pk
    )
    if need == "record" and not can_record_values(user, indicator):
        raise PermissionDenied
    return indicator


def measurement_for_edit_or_404(user, *, slug: str, indicator_pk: int, pk: int) -> Measurement:
    """A typed value to correct: it must belong to the indicator and project of the URL (else
    404), the user may record values for that project, and the indicator is not computed."""
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator__project"),
        pk=pk, indicator_id=indicator_pk, indicator__project__slug=slug,
    )  # fmt: skip
    if not can_record_values(user, measurement.indicator):
        raise PermissionDenied
    return measurement


def measurement_import_for_user_or_404(user, slug: str, pk: int) -> MeasurementImport:
    """An import waiting for confirmation: the user's own, for a project whose values they
    record; 404 once confirmed or expired (or someone else's)."""
    project = project_for_user_or_404(user, slug, need="record")
    pending = MeasurementImport.objects.filter(pk=pk, project=project, created_by=user).first()
    if pending is None:
        raise Http404("Aperçu introuvable ou expiré.")
    pending.project = project
    return pending


def token_for_user_or_404(user, slug: str, pk: int) -> ProjectToken:
    """A token of the project of the URL, for whoever manages that project's tokens."""
    project = project_for_user_or_404(user, slug, need="tokens")
    token = get_object_or_404(ProjectToken, pk=pk, project=project)
    token.project = project
    return token


def deployment_for_user_or_404(user, slug: str, pk: int) -> Deployment:
    """A collectivité that uses the project's service, for whoever manages its deployment."""
    project = project_for_user_or_404(user, slug, need="deployment")
    deployment = get_object_or_404(
        Deployment.objects.select_related("commune", "epci"), pk=pk, project=project
    )
    deployment.project = project
    return deployment


# --- The API ---------------------------------------------------------------------------------


def indicators_for_api_or_404(user, slug: str, *, token=None) -> QuerySet[Indicator]:
    """The indicators of a project that the API lists: the published ones, or all of them for
    the incubator team, the project's team and the project's own token; 404 when the project
    is unknown."""
    project = get_object_or_404(Project, slug=slug)
    everything = can_view_indicators(user, project) or can_push_measurements(token, project)
    indicators = project.indicators.all()
    return indicators if everything else indicators.filter(is_public=True)


def project_for_push_or_404(token, slug: str) -> Project:
    """The project a script pushes values to: 404 when unknown, 401 without a project token,
    403 (French message) when the token is another project's."""
    if token is not None and token.project.slug == slug:
        project = token.project  # already read with the token
    else:
        project = get_object_or_404(Project, slug=slug)
    if token is None:
        raise NotAuthenticated(
            "Jeton du projet requis : en-tête « Authorization: Token <jeton du projet> »."
        )
    if not can_push_measurements(token, project):
        raise PermissionDenied(
            f"Ce jeton n'est pas celui du projet « {project.slug} » : il ne peut écrire que dans "
            "son propre projet."
        )
    return project
