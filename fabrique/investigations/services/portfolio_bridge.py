"""The one place that calls the portfolio's and impact's services from an investigation: the
project opened by a go, its phases, partners, team, committee decision and first indicators."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from fabrique.impact import services as impact
from fabrique.impact.vocabulary import Level
from fabrique.portfolio import services as portfolio
from fabrique.portfolio.models import Committee, Decision, Project, ProjectPartner, TeamMember
from fabrique.portfolio.vocabulary import (
    CommitteeKind,
    Outcome,
    PhaseName,
    ProjectKind,
    TeamRole,
)


def create_project(*, name: str, mission: str, description: str) -> Project:
    return portfolio.project_save(
        name=name, kind=ProjectKind.STARTUP_TERRITOIRE, mission=mission, description=description
    )


def add_phase(*, project: Project, name: str, start: date, end: date | None = None) -> None:
    portfolio.phase_save(project=project, name=name, start=start, end=end)


def add_partner(*, project: Project, territory) -> None:
    field = ProjectPartner.field_for(territory)
    ProjectPartner.objects.get_or_create(project=project, **{field: territory})


def add_team_member(*, project: Project, user, role: str, start: date) -> None:
    if user is None or TeamMember.objects.filter(project=project, user=user).exists():
        return
    portfolio.team_member_save(
        project=project,
        user=user,
        full_name=user.get_full_name() or user.email,
        role={"coach": TeamRole.COACH, "designer": TeamRole.DESIGNER}[role],
        start=start,
    )


def add_agents(*, project: Project, agents: str, start: date) -> int:
    """The collectivité's agent team, typed one person a line, joins the project's team as
    intrapreneurs without an account (the portfolio's team takes a name alone); one already
    there under that name is left as it is. How many were added."""
    added = 0
    for line in agents.splitlines():
        name = line.strip(" -•*\t")[:200]
        if not name or TeamMember.objects.filter(project=project, full_name=name).exists():
            continue
        portfolio.team_member_save(
            project=project, full_name=name, role=TeamRole.INTRAPRENEUR, start=start
        )
        added += 1
    return added


def go_no_go_committee(*, committee: Committee | None, on: date) -> Committee:
    if committee is None:
        committee = portfolio.committee_save(date=on, kind=CommitteeKind.GO_NO_GO)
    return committee


def drop_committee_opened(*, committee: Committee, project: Project) -> bool:
    """Delete the go/no-go committee a decision opened, once that decision is taken back, when
    nothing else was recorded there: no decision, no other project on its agenda, no title,
    participants nor minutes (the documents the go carried go with it). True when deleted; a
    committee the team has filled in since stays, as they left it."""
    if (
        committee.decisions.exists()
        or committee.projects.exclude(pk=project.pk).exists()
        or committee.title.strip()
        or committee.attendees.strip()
        or committee.minutes.strip()
    ):
        return False
    portfolio.committee_delete(committee=committee)
    return True


def record_decision(*, committee: Committee, project: Project, go: bool, conditions: str) -> None:
    portfolio.committee_agenda_add(committee=committee, projects=[project])
    portfolio.decision_record(
        committee=committee,
        project=project,
        outcome=Outcome.GO if go else Outcome.NO_GO,
        conditions=conditions,
    )


def undo_decision(
    *, committee: Committee | None, project: Project, phase_name: str, on: date
) -> None:
    """Take back what a go or a no-go wrote in the portfolio, to correct or cancel it: the
    committee's decision on the project and the phase the decision opened on `on` (construction
    or abandon-investigation); the investigation phase it ended that day is open again. The
    project itself, its partners, team, indicators and documents stay: a decision recorded
    again finds them. Refused, in French, when the project has moved on since."""
    last = project.phases.order_by("-start", "-pk").first()
    if last is None or last.name != phase_name or last.start != on:
        shown = last.get_name_display() if last else "aucune phase"
        raise ValidationError(
            {
                "__all__": f"Le projet « {project} » a changé de phase depuis la décision "
                f"(dernière phase : {shown}) : corrigez-le dans le portefeuille."
            }
        )
    if committee is not None:
        for decision in Decision.objects.filter(committee=committee, project=project):
            portfolio.decision_delete(decision=decision)
    portfolio.phase_delete(phase=last)
    before = project.phases.order_by("-start", "-pk").first()
    if before is not None and before.name == PhaseName.INVESTIGATION and before.end == on:
        portfolio.phase_save(
            project=project, name=before.name, start=before.start, end=None, phase=before,
            comment=before.comment,
        )  # fmt: skip


def carry_documents(*, committee: Committee, files, kinds: tuple[str, ...]) -> int:
    """Documents of the investigation (`(name, bytes)` pairs: the problem's attachments, the
    investigation's summary) become documents of the go/no-go committee, on the project's
    side; each is checked again on its content."""
    for name, content in files:
        if committee.documents.filter(name=name[:200]).exists():
            continue  # carried by a go recorded before and corrected since
        portfolio.committee_document_add(
            committee=committee, upload=ContentFile(content, name=name), kinds=kinds
        )
    return len(files)


def add_indicators(*, project: Project, names: list[str], hypothesis: str) -> int:
    """The first indicators found in phase 5 become the project's impact indicators (to define
    further: baseline, target, frequency); one already there, by name, is left as it is."""
    existing = {name.lower() for name in project.indicators.values_list("name", flat=True)}
    added = 0
    for name in names:
        name = name.strip(" -•*\t")[:200]
        if not name or name.lower() in existing:
            continue
        definition = "Premier indicateur de l'investigation, à préciser."
        if hypothesis.strip():
            definition += f" Hypothèse d'impact : {hypothesis.strip()}"
        impact.indicator_save(
            project=project, name=name, definition=definition[:2000], level=Level.USED
        )
        existing.add(name.lower())
        added += 1
    return added
