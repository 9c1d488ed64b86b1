"""The one place that calls the portfolio's services (their signatures are being changed to
keyword-only elsewhere: only this adapter follows)."""

from datetime import date

from fabrique.portfolio import services as portfolio
from fabrique.portfolio.models import Committee, Project, ProjectPartner, TeamMember
from fabrique.portfolio.vocabulary import CommitteeKind, Outcome, ProjectKind, TeamRole


def create_project(*, name: str, mission: str, description: str) -> Project:
    project = Project(
        name=name, kind=ProjectKind.STARTUP_TERRITOIRE, mission=mission, description=description
    )
    return portfolio.project_save(project)


def add_phase(*, project: Project, name: str, start: date, end: date | None = None) -> None:
    portfolio.phase_save(project, name=name, start=start, end=end)


def add_partner(*, project: Project, territory) -> None:
    field = ProjectPartner.field_for(territory)
    ProjectPartner.objects.get_or_create(project=project, **{field: territory})


def add_team_member(*, project: Project, user, role: str, start: date) -> None:
    if user is None or TeamMember.objects.filter(project=project, user=user).exists():
        return
    member = TeamMember(
        project=project,
        user=user,
        full_name=user.get_full_name() or user.email,
        role={"coach": TeamRole.COACH, "designer": TeamRole.DESIGNER}[role],
        start=start,
    )
    portfolio.team_member_save(member)


def go_no_go_committee(*, committee: Committee | None, on: date) -> Committee:
    if committee is None:
        committee = Committee(date=on, kind=CommitteeKind.GO_NO_GO)
        portfolio.committee_save(committee)
    return committee


def record_decision(*, committee: Committee, project: Project, go: bool, conditions: str) -> None:
    committee.projects.add(project)
    portfolio.decision_record(
        committee,
        project=project,
        outcome=Outcome.CONTINUE if go else Outcome.STOP,
        conditions=conditions,
    )
