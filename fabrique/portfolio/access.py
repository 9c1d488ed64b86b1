"""Who may see and change what in the portfolio: one function per object kind."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from fabrique.accounts.access import PROJECT_TEAM_ROLES, is_active_user, is_incubator_staff
from fabrique.core.views_helpers import require

from .models import Committee, CommitteeDocument, Decision, Project, ServiceFait, TeamMember


def is_on_team(user, project: Project) -> bool:
    return (
        bool(user and user.is_authenticated)
        and TeamMember.objects.filter(project=project, user=user).exists()
    )


def can_view_project(user, project: Project) -> bool:
    """The public part of a project page (name, mission, phase, partners, links): everyone."""
    return True


PROJECT_NEEDS = ("view", "edit")


def project_for_user_or_404(user, slug: str, *, need: str = "view") -> Project:
    """A project, loaded and checked in one call: 404 when unknown, 403 when the rule of `need`
    refuses it. `need`: "view", its page with what the page shows (the public part is open to
    all: `can_view_project`; the page asks `can_view_project_details` for the rest); "edit", to
    change it or its records (`can_edit_project`)."""
    if need not in PROJECT_NEEDS:
        raise ValueError(f"need={need!r} : seuls 'view' et 'edit' sont prévus pour un projet.")
    if need == "edit":
        project = get_object_or_404(Project, slug=slug)
        require(can_edit_project(user, project))
        return project
    project = get_object_or_404(Project.objects.for_page(), slug=slug)
    require(can_view_project(user, project))
    return project


def can_view_project_details(user, project: Project) -> bool:
    """Team, budget, committees and maturity: the incubator team, and the coaches and service
    teams who work on that very project."""
    if is_incubator_staff(user):
        return True
    return is_active_user(user) and user.role in PROJECT_TEAM_ROLES and is_on_team(user, project)


def can_view_support_history(user, project: Project) -> bool:
    """The support a project received (requests, follow-ups, modules, sessions, shown by the
    support app): whoever sees the project's details, and every member of its team."""
    return can_view_project_details(user, project) or is_on_team(user, project)


def visible_projects(user):
    """The projects whose details `user` may see, as a queryset: the rule of
    `can_view_project_details` for many projects at once."""
    if is_incubator_staff(user):
        return Project.objects.all()
    if not (is_active_user(user) and user.role in PROJECT_TEAM_ROLES):
        return Project.objects.none()
    return Project.objects.filter(team__user=user).distinct()


def can_edit_project(user, project: Project | None = None) -> bool:
    """Create and change projects, phases, teams, budgets and reviews: the incubator team."""
    return is_incubator_staff(user)


def can_view_portfolio(user) -> bool:
    """The portfolio dashboard, committees and attestations: the incubator team."""
    return is_incubator_staff(user)


def can_manage_committee(user) -> bool:
    """Create, change and delete committees, record decisions, attach documents: the team."""
    return is_incubator_staff(user)


def can_view_committee(user, committee: Committee) -> bool:
    """A committee page: the team, and — read-only, their projects' decisions only — the
    coaches and service teams of a project on its agenda."""
    if can_manage_committee(user):
        return True
    return (
        is_active_user(user)
        and user.role in PROJECT_TEAM_ROLES
        and TeamMember.objects.filter(user=user, project__committees=committee).exists()
    )


def committee_for_user_or_404(user, pk: int, *, need: str = "view") -> Committee:
    """A committee with what its page shows; 404 when unknown, 403 unless `need` ("view" or
    "manage") is allowed."""
    committee = get_object_or_404(
        Committee.objects.prefetch_related(
            "projects",
            "documents",
            Prefetch("decisions", queryset=Decision.objects.select_related("project")),
        ),
        pk=pk,
    )
    allowed = (
        can_manage_committee(user) if need == "manage" else can_view_committee(user, committee)
    )
    require(allowed)
    return committee


def can_attest_service_fait(user) -> bool:
    return is_incubator_staff(user)


# --- Load and check in one call -----------------------------------------------------------


def project_record_for_edit_or_404(user, model, *, slug: str, pk: int):
    """A record of a project (phase, team member, funding line, expense, review, partner, service
    fait) to correct: it must belong to the project of the URL, and the user may edit that
    project. Records of another project answer 404, whatever the user."""
    lookup = "member__project" if model is ServiceFait else "project"
    record = get_object_or_404(
        model.objects.select_related(lookup), pk=pk, **{f"{lookup}__slug": slug}
    )
    project = record.member.project if model is ServiceFait else record.project
    require(can_edit_project(user, project))
    return record


def team_member_for_user_or_404(user, pk: int, *, need: str = "edit") -> TeamMember:
    """A team member with their project, to add a period of service fait: 404 when unknown,
    403 unless the user may edit that project (`need` "edit", the only one)."""
    _expect(need, "edit")
    member = get_object_or_404(TeamMember.objects.select_related("project"), pk=pk)
    require(can_edit_project(user, member.project))
    return member


def service_fait_for_user_or_404(user, pk: int, *, need: str = "attest") -> ServiceFait:
    """A period of service fait to attest, with its member and project: 403 to those who may
    not attest (before looking the period up), 404 when unknown."""
    _expect(need, "attest")
    require(can_attest_service_fait(user))
    return get_object_or_404(ServiceFait.objects.select_related("member__project"), pk=pk)


def decision_for_user_or_404(user, pk: int, *, need: str = "manage") -> Decision:
    """A committee decision with its committee and project, to delete it: 403 to those who
    may not manage committees (before looking it up), 404 when unknown."""
    _expect(need, "manage")
    require(can_manage_committee(user))
    return get_object_or_404(Decision.objects.select_related("committee", "project"), pk=pk)


def committee_document_for_user_or_404(user, pk: int, *, need: str = "view") -> CommitteeDocument:
    """A committee document, served (`need="view"`) and removed (`need="manage"`) only by the
    team that manages committees: 403 to anyone else (before looking it up), 404 when unknown."""
    if need not in {"view", "manage"}:
        raise ValueError(f"need={need!r} : seuls 'view' et 'manage' sont prévus pour cet objet.")
    require(can_manage_committee(user))
    return get_object_or_404(CommitteeDocument, pk=pk)


def _expect(need: str, allowed: str) -> None:
    if need != allowed:
        raise ValueError(f"need={need!r} : seul {allowed!r} est prévu pour cet objet.")
